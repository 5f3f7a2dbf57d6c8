/**
 * Browser code (plain ES2020, shipped inline) that renders Slack mrkdwn into DOM nodes. Every piece
 * of text becomes a text node; nothing is ever parsed as HTML. Kept as a string so the page has no
 * build step; it must not contain backticks or template placeholders.
 */
export const MRKDWN_SCRIPT = String.raw`
var BACKTICK = String.fromCharCode(96);

function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function safeHref(url) {
  try {
    var parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].indexOf(parsed.protocol) >= 0 ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

var EMPHASIS = [
  { re: /(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/, tag: 'strong' },
  { re: /(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/, tag: 'em' },
  { re: /(^|[^\w~])~(?=\S)([^~\n]*?\S)~(?!\w)/, tag: 's' },
];

function appendEmphasis(parent, text) {
  while (text.length > 0) {
    var best = null;
    for (var i = 0; i < EMPHASIS.length; i++) {
      var m = EMPHASIS[i].re.exec(text);
      if (m && (best === null || m.index + m[1].length < best.start)) {
        best = { start: m.index + m[1].length, end: m.index + m[0].length, inner: m[2], tag: EMPHASIS[i].tag };
      }
    }
    if (best === null) {
      parent.appendChild(document.createTextNode(decodeEntities(text)));
      return;
    }
    if (best.start > 0) parent.appendChild(document.createTextNode(decodeEntities(text.slice(0, best.start))));
    var node = el(best.tag);
    appendEmphasis(node, best.inner);
    parent.appendChild(node);
    text = text.slice(best.end);
  }
}

function userLabel(id) {
  var users = (window.SANDBOX && window.SANDBOX.users) || [];
  for (var i = 0; i < users.length; i++) if (users[i].id === id) return users[i].name;
  return id;
}

// Slack shows <!date^EPOCH^FORMAT|fallback> in the reader's own time zone, as this does.
function slackDate(spec, fallback) {
  var parts = spec.split('^');
  var seconds = Number(parts[1]);
  if (!parts[2] || !isFinite(seconds)) return fallback || spec;
  var at = new Date(seconds * 1000);
  var day = function (options) { return at.toLocaleDateString(undefined, options); };
  var pretty = function (plain) {
    var today = new Date();
    today.setHours(0, 0, 0, 0);
    var that = new Date(at.getTime());
    that.setHours(0, 0, 0, 0);
    var days = Math.round((that.getTime() - today.getTime()) / 86400000);
    return days === 0 ? 'today' : days === -1 ? 'yesterday' : days === 1 ? 'tomorrow' : plain;
  };
  var formats = {
    date_num: function () { return at.getFullYear() + '-' + String(at.getMonth() + 1).padStart(2, '0') + '-' + String(at.getDate()).padStart(2, '0'); },
    date: function () { return day({ month: 'long', day: 'numeric', year: 'numeric' }); },
    date_short: function () { return day({ month: 'short', day: 'numeric', year: 'numeric' }); },
    date_long: function () { return day({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }); },
    date_pretty: function () { return pretty(formats.date()); },
    date_short_pretty: function () { return pretty(formats.date_short()); },
    date_long_pretty: function () { return pretty(formats.date_long()); },
    time: function () { return at.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' }); },
    time_secs: function () { return at.toLocaleTimeString(); },
  };
  return parts[2].replace(/\{(\w+)\}/g, function (all, token) {
    return formats[token] ? formats[token]() : all;
  });
}

function appendControl(parent, inner) {
  var bar = inner.indexOf('|');
  var target = bar >= 0 ? inner.slice(0, bar) : inner;
  var label = bar >= 0 ? decodeEntities(inner.slice(bar + 1)) : null;
  var first = target.charAt(0);
  if (first === '@') {
    parent.appendChild(el('span', 'mention', '@' + (label || userLabel(target.slice(1)))));
  } else if (first === '#') {
    parent.appendChild(el('span', 'mention', '#' + (label || target.slice(1))));
  } else if (first === '!') {
    var special = target.slice(1);
    if (special.indexOf('subteam^') === 0) parent.appendChild(el('span', 'mention', label || '@group'));
    else if (special.indexOf('date^') === 0) parent.appendChild(el('time', 'slack-date', slackDate(special, label)));
    else parent.appendChild(el('span', 'mention broadcast', '@' + special));
  } else {
    var href = safeHref(decodeEntities(target));
    if (href === null) {
      parent.appendChild(document.createTextNode(label || decodeEntities(target)));
    } else {
      var a = el('a', null, label || decodeEntities(target));
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      parent.appendChild(a);
    }
  }
}

function appendInline(parent, text) {
  var re = new RegExp(BACKTICK + '([^' + BACKTICK + '\\n]+)' + BACKTICK + '|<([^<>\\n]+)>', 'g');
  var last = 0;
  var m;
  while ((m = re.exec(text)) !== null) {
    if (m.index > last) appendEmphasis(parent, text.slice(last, m.index));
    if (m[1] !== undefined) parent.appendChild(el('code', null, decodeEntities(m[1])));
    else appendControl(parent, m[2]);
    last = re.lastIndex;
  }
  if (last < text.length) appendEmphasis(parent, text.slice(last));
}

function renderMrkdwn(text) {
  var root = el('div', 'mrkdwn');
  var fence = BACKTICK + BACKTICK + BACKTICK;
  var parts = String(text).split(fence);
  for (var i = 0; i < parts.length; i++) {
    if (i % 2 === 1 && i < parts.length - 1) {
      root.appendChild(el('pre', null, decodeEntities(parts[i].replace(/^\n/, ''))));
    } else {
      appendInline(root, i % 2 === 1 ? fence + parts[i] : parts[i]);
    }
  }
  return root;
}

function renderTextObject(obj) {
  if (!obj || typeof obj.text !== 'string') return el('span');
  if (obj.type === 'mrkdwn') return renderMrkdwn(obj.text);
  return el('span', 'plain', obj.text);
}
`;

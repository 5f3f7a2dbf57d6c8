/**
 * Browser code for the sandbox page: picks a user and channel, sends commands and clicks through
 * the stand-in, polls the messages API and renders Block Kit with text nodes only (never
 * innerHTML). Uses `el`, `renderMrkdwn` and `renderTextObject` from the mrkdwn script.
 */
export const APP_SCRIPT = String.raw`
var state = { userId: null, channelId: 'C0GENERAL1', snapshot: '', messages: [], views: [], notices: [], dismissed: {}, focusTs: null, drafts: {}, viewErrors: {}, modalKey: '' };

function $(id) { return document.getElementById(id); }

function api(method, path, body) {
  return fetch(path, {
    method: method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  }).then(function (r) { return r.json().then(function (json) { return { status: r.status, json: json }; }); });
}

function dmChannel(userId) { return 'D' + userId.slice(1); }

function clockOf(ts) {
  var d = new Date(Number(ts) * 1000);
  return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
}

function notice(text, kind) {
  state.notices.push({ channel: state.channelId, user: state.userId, text: text, kind: kind || 'info', ts: String(Date.now() / 1000) });
  render();
}

function sendAction(message, blockId, actionId, element) {
  var payload = { userId: state.userId, messageId: message.id, blockId: blockId, actionId: actionId };
  if (typeof element.value === 'string') payload.value = element.value;
  return api('POST', '/sandbox/api/action', payload).then(function (res) {
    var reply = res.json;
    if (res.status !== 200) notice('The stand-in refused the click: ' + (reply.error || res.status), 'error');
    else if (reply.error) notice('The app did not acknowledge the click: "' + reply.error + '" (' + (reply.status === null ? 'no response' : 'HTTP ' + reply.status) + ')', 'error');
  });
}

function askConfirm(confirm, onYes) {
  var box = $('confirm');
  box.replaceChildren();
  var card = el('div', 'card');
  card.setAttribute('role', 'alertdialog');
  card.setAttribute('aria-labelledby', 'confirm-title');
  var title = el('h3', null, (confirm.title && confirm.title.text) || 'Are you sure?');
  title.id = 'confirm-title';
  card.appendChild(title);
  card.appendChild(renderTextObject(confirm.text));
  var row = el('div', 'row');
  var deny = el('button', 'btn', (confirm.deny && confirm.deny.text) || 'Cancel');
  var yes = el('button', 'btn ' + (confirm.style === 'danger' ? 'danger' : 'primary'), (confirm.confirm && confirm.confirm.text) || 'Yes');
  deny.onclick = function () { box.hidden = true; };
  yes.onclick = function () { box.hidden = true; onYes(); };
  row.append(deny, yes);
  card.appendChild(row);
  box.appendChild(card);
  box.hidden = false;
}

function renderElement(message, blockId, element, index) {
  var actionId = typeof element.action_id === 'string' ? element.action_id : 'a' + index;
  if (element.type !== 'button') return el('span', 'unsupported', '[' + element.type + ']');
  var button = el('button', 'btn' + (element.style ? ' ' + element.style : ''), element.text && element.text.text);
  button.dataset.actionId = actionId;
  button.onclick = function () {
    var go = function () {
      button.disabled = true;
      sendAction(message, blockId, actionId, element).finally(function () { button.disabled = false; });
    };
    if (element.confirm) askConfirm(element.confirm, go); else go();
  };
  if (typeof element.url === 'string' && safeHref(element.url)) {
    var link = el('a', 'btn-link');
    link.href = safeHref(element.url);
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.appendChild(button);
    return link;
  }
  return button;
}

function renderBlock(message, block, index) {
  var blockId = typeof block.block_id === 'string' ? block.block_id : 'b' + index;
  var node;
  if (block.type === 'header') {
    node = el('h3', 'block-header', block.text && block.text.text);
  } else if (block.type === 'section') {
    node = el('div', 'block-section');
    var main = el('div', 'section-main');
    if (block.text) main.appendChild(renderTextObject(block.text));
    if (Array.isArray(block.fields)) {
      var fields = el('div', 'fields');
      block.fields.forEach(function (f) { fields.appendChild(renderTextObject(f)); });
      main.appendChild(fields);
    }
    node.appendChild(main);
    if (block.accessory) node.appendChild(renderElement(message, blockId, block.accessory, 0));
  } else if (block.type === 'context') {
    node = el('div', 'block-context');
    (block.elements || []).forEach(function (e) {
      node.appendChild(e.type === 'image' ? el('span', 'img-alt', '[' + (e.alt_text || 'image') + ']') : renderTextObject(e));
    });
  } else if (block.type === 'divider') {
    node = el('hr', 'block-divider');
  } else if (block.type === 'actions') {
    node = el('div', 'block-actions');
    (block.elements || []).forEach(function (e, i) { node.appendChild(renderElement(message, blockId, e, i)); });
  } else if (block.type === 'image') {
    node = el('div', 'img-alt', '[image: ' + (block.alt_text || '') + ']');
  } else {
    node = el('div', 'unsupported', '[' + block.type + ' block: not shown in the sandbox]');
  }
  node.dataset.blockId = blockId;
  return node;
}

function renderMessage(message) {
  var article = el('article', 'msg' + (message.ephemeral ? ' ephemeral' : '') + (state.focusTs === message.ts ? ' focus' : ''));
  article.dataset.messageId = message.id;
  article.appendChild(el('div', 'avatar', 'AO'));
  var body = el('div', 'msg-body');
  var meta = el('div', 'meta');
  meta.append(el('strong', null, 'arize-ops'), el('span', 'tag', 'APP'), el('time', null, clockOf(message.ts)));
  if (message.ephemeral) meta.appendChild(el('span', 'only-you', 'Only visible to you'));
  if (message.versions && message.versions.length > 0) meta.appendChild(el('span', 'edited', '(edited)'));
  if (message.channel === null) meta.appendChild(el('span', 'edited', '(via a response URL the stand-in did not issue)'));
  body.appendChild(meta);
  if (message.blocks && message.blocks.length > 0) {
    message.blocks.forEach(function (b, i) { body.appendChild(renderBlock(message, b, i)); });
  } else {
    body.appendChild(renderMrkdwn(message.text || ''));
  }
  article.appendChild(body);
  return article;
}

function renderNotice(n) {
  var article = el('article', 'msg notice ' + n.kind);
  article.appendChild(el('div', 'avatar slackbot', 'SB'));
  var body = el('div', 'msg-body');
  var meta = el('div', 'meta');
  meta.append(el('strong', null, 'Slackbot'), el('span', 'only-you', 'Only visible to you'));
  body.append(meta, el('div', 'plain', n.text));
  article.appendChild(body);
  return article;
}

function visible(m) {
  if (m.deleted) return false;
  if (m.channel !== null && m.channel !== state.channelId) return false;
  return !m.ephemeral || m.user === state.userId || m.user === undefined;
}

function draftKey(viewId, blockId, actionId) { return viewId + '/' + blockId + '/' + actionId; }

function inputValue(viewId, blockId, actionId) {
  return state.drafts[draftKey(viewId, blockId, actionId)] || '';
}

var OFFERED = ['plain_text_input', 'static_select', 'external_select', 'conversations_select'];

function idsOf(block, index) {
  var element = block.element || {};
  return {
    blockId: typeof block.block_id === 'string' ? block.block_id : 'b' + index,
    actionId: typeof element.action_id === 'string' ? element.action_id : 'a0',
  };
}

// A pick in a select: kept as a draft, and sent to the app when the block dispatches actions.
function pick(view, block, ids, option) {
  state.drafts[draftKey(view.id, ids.blockId, ids.actionId)] = option;
  if (!block.dispatch_action || !option) return;
  api('POST', '/sandbox/api/view-select', { userId: state.userId, viewId: view.id, blockId: ids.blockId, actionId: ids.actionId, value: option.value, text: option.text }).then(function (res) {
    if (res.status !== 200 || res.json.error) notice('The app did not acknowledge the pick: ' + (res.json.error || res.status), 'error');
    return poll();
  });
}

function optionText(o) { return (o.text && o.text.text) || o.value; }

function staticSelect(view, block, ids, element) {
  var select = el('select', 'text-input');
  var picked = inputValue(view.id, ids.blockId, ids.actionId) || (element.initial_option ? { value: element.initial_option.value, text: optionText(element.initial_option) } : '');
  select.appendChild(el('option', null, (element.placeholder && element.placeholder.text) || 'Pick one'));
  select.firstChild.value = '';
  (element.options || []).forEach(function (o) {
    var option = el('option', null, optionText(o));
    option.value = o.value;
    if (picked && picked.value === o.value) option.selected = true;
    select.appendChild(option);
  });
  if (picked) state.drafts[draftKey(view.id, ids.blockId, ids.actionId)] = picked;
  select.onchange = function () {
    var chosen = select.selectedOptions[0];
    pick(view, block, ids, select.value ? { value: select.value, text: chosen.textContent } : '');
  };
  return select;
}

function conversationsSelect(view, ids, element) {
  var select = el('select', 'text-input');
  var key = draftKey(view.id, ids.blockId, ids.actionId);
  if (!state.drafts[key] && element.default_to_current_conversation) {
    state.drafts[key] = { value: state.channelId, text: channelName(state.channelId) };
  }
  var picked = state.drafts[key];
  window.SANDBOX.channels.concat([{ id: dmChannel(state.userId), name: 'arize-ops (direct message)' }]).forEach(function (c) {
    var option = el('option', null, c.id.charAt(0) === 'D' ? c.name : '#' + c.name);
    option.value = c.id;
    if (picked && picked.value === c.id) option.selected = true;
    select.appendChild(option);
  });
  select.onchange = function () { state.drafts[key] = { value: select.value, text: select.selectedOptions[0].textContent }; };
  return select;
}

// An external_select: what is typed is sent to the app as Slack does (block_suggestion), its
// options listed under the field; picking one fills the field.
function externalSelect(view, block, ids, element) {
  var box = el('div', 'external-select');
  var input = el('input', 'text-input');
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  var list = el('div', 'select-options');
  list.setAttribute('role', 'listbox');
  var key = draftKey(view.id, ids.blockId, ids.actionId);
  var initial = element.initial_option ? { value: element.initial_option.value, text: optionText(element.initial_option) } : '';
  if (!state.drafts[key] && initial) state.drafts[key] = initial;
  var picked = state.drafts[key];
  input.value = picked ? picked.text : '';
  if (element.placeholder && element.placeholder.text) input.placeholder = element.placeholder.text;
  var asked = 0;
  var ask = function () {
    var mine = ++asked;
    api('POST', '/sandbox/api/view-options', { userId: state.userId, viewId: view.id, blockId: ids.blockId, actionId: ids.actionId, value: input.value }).then(function (res) {
      if (mine !== asked) return;
      list.replaceChildren();
      if (res.status !== 200 || res.json.error) { list.appendChild(el('div', 'input-hint', 'No options: ' + (res.json.error || res.status))); return; }
      if (res.json.options.length === 0) list.appendChild(el('div', 'input-hint', 'No results'));
      res.json.options.forEach(function (o) {
        var b = el('button', 'select-option', o.text);
        b.type = 'button';
        b.setAttribute('role', 'option');
        b.onclick = function () {
          input.value = o.text;
          list.replaceChildren();
          pick(view, block, ids, { value: o.value, text: o.text });
        };
        list.appendChild(b);
      });
    });
  };
  input.oninput = function () { state.drafts[key] = ''; ask(); };
  input.onfocus = ask;
  box.append(input, list);
  return box;
}

function renderInput(view, block, index) {
  var ids = idsOf(block, index);
  var element = block.element || {};
  var node = el('div', 'block-input');
  node.dataset.blockId = ids.blockId;
  if (OFFERED.indexOf(element.type) < 0) {
    node.appendChild(el('span', 'unsupported', '[' + element.type + ': not offered in the sandbox]'));
    return node;
  }
  var id = 'input-' + ids.blockId;
  var label = el('label', 'input-label', block.label && block.label.text);
  label.htmlFor = id;
  var control;
  if (element.type === 'static_select') control = staticSelect(view, block, ids, element);
  else if (element.type === 'conversations_select') control = conversationsSelect(view, ids, element);
  else if (element.type === 'external_select') control = externalSelect(view, block, ids, element);
  else {
    control = el('input', 'text-input');
    control.value = inputValue(view.id, ids.blockId, ids.actionId);
    if (element.placeholder && element.placeholder.text) control.placeholder = element.placeholder.text;
    control.oninput = function () { state.drafts[draftKey(view.id, ids.blockId, ids.actionId)] = control.value; };
  }
  var focusable = control.tagName === 'DIV' ? control.firstChild : control;
  focusable.id = id;
  focusable.dataset.actionId = ids.actionId;
  node.append(label, control);
  if (block.hint) node.appendChild(el('div', 'input-hint', block.hint.text));
  var shown = state.viewErrors[view.id];
  if (shown && shown.hash === view.view.hash && shown.errors[ids.blockId]) {
    focusable.setAttribute('aria-invalid', 'true');
    node.appendChild(el('div', 'input-error', shown.errors[ids.blockId]));
  }
  return node;
}

function submitView(view, button) {
  var values = {};
  (view.view.blocks || []).forEach(function (b, i) {
    if (b.type !== 'input' || !b.element || OFFERED.indexOf(b.element.type) < 0) return;
    var ids = idsOf(b, i);
    var value = inputValue(view.id, ids.blockId, ids.actionId);
    if (b.element.type !== 'plain_text_input' && !value) return;
    values[ids.blockId] = {};
    values[ids.blockId][ids.actionId] = value;
  });
  button.disabled = true;
  return api('POST', '/sandbox/api/view-submission', { userId: state.userId, viewId: view.id, values: values }).then(function (res) {
    var reply = res.json;
    if (res.status !== 200) notice('The stand-in refused the submission: ' + (reply.error || res.status), 'error');
    else if (reply.errors) state.viewErrors[view.id] = { hash: view.view.hash, errors: reply.errors };
    else if (reply.error) notice('The app did not acknowledge the submission: "' + reply.error + '"' + (reply.detail ? ' (' + reply.detail + ')' : ''), 'error');
    state.modalKey = '';
    return poll().then(render);
  }).finally(function () { button.disabled = false; });
}

function renderModal() {
  var box = $('modal');
  var view = state.views.filter(function (v) { return !v.closed && (!v.user || v.user === state.userId); }).pop();
  if (!view || state.dismissed[view.id] === view.view.hash) { box.hidden = true; state.modalKey = ''; return; }
  // Rebuilding the modal on every poll would drop the caret of a person typing: only on change.
  var key = view.id + ' ' + view.view.hash + ' ' + JSON.stringify(state.viewErrors[view.id] || null);
  if (key === state.modalKey && !box.hidden) return;
  state.modalKey = key;
  box.replaceChildren();
  var card = el('div', 'card modal-card');
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-label', (view.view.title && view.view.title.text) || 'modal');
  card.appendChild(el('h2', null, view.view.title && view.view.title.text));
  (view.view.blocks || []).forEach(function (b, i) {
    card.appendChild(b.type === 'input' ? renderInput(view, b, i) : renderBlock({ id: null }, b, i));
  });
  var close = el('button', 'btn', (view.view.close && view.view.close.text) || 'Close');
  close.onclick = function () {
    state.dismissed[view.id] = view.view.hash;
    box.hidden = true;
    state.modalKey = '';
    // As in Slack, a closed window is gone: the app can no longer update it.
    api('POST', '/sandbox/api/view-close', { userId: state.userId, viewId: view.id });
  };
  var row = el('div', 'row');
  row.appendChild(close);
  if (view.view.submit) {
    var submit = el('button', 'btn primary', view.view.submit.text);
    submit.dataset.role = 'submit';
    submit.onclick = function () { submitView(view, submit); };
    row.appendChild(submit);
  }
  card.appendChild(row);
  box.appendChild(card);
  box.hidden = false;
}

function render() {
  var log = $('log');
  var nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  var items = state.messages.filter(visible).map(function (m) { return { ts: Number(m.ts), node: renderMessage(m) }; });
  state.notices.forEach(function (n) {
    if (n.channel === state.channelId && n.user === state.userId) items.push({ ts: Number(n.ts), node: renderNotice(n) });
  });
  items.sort(function (a, b) { return a.ts - b.ts; });
  log.replaceChildren.apply(log, items.map(function (i) { return i.node; }));
  if (items.length === 0) log.appendChild(el('p', 'empty', 'No messages here yet. Try /arize help.'));
  if (nearBottom) log.scrollTop = log.scrollHeight;
  document.querySelectorAll('[data-channel]').forEach(function (a) {
    a.classList.toggle('active', a.dataset.channel === state.channelId);
  });
  $('channel-title').textContent = state.channelId.charAt(0) === 'D' ? 'arize-ops (direct message)' : '#' + channelName(state.channelId);
  renderModal();
}

function channelName(id) {
  var list = window.SANDBOX.channels;
  for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i].name;
  return id;
}

function poll() {
  return fetch('/sandbox/api/messages').then(function (r) { return r.text(); }).then(function (text) {
    if (text === state.snapshot) return;
    state.snapshot = text;
    var data = JSON.parse(text);
    state.messages = data.messages;
    state.views = data.views;
    render();
  }).catch(function () { /* the next poll retries */ });
}

function selectChannel(id) { state.channelId = id; render(); }

function buildSidebar(ws) {
  var nav = $('channels');
  nav.replaceChildren();
  ws.channels.forEach(function (c) {
    var b = el('button', 'chan', '# ' + c.name);
    b.dataset.channel = c.id;
    b.onclick = function () { selectChannel(c.id); };
    nav.appendChild(b);
  });
  var dm = el('button', 'chan', '● arize-ops');
  dm.id = 'dm-button';
  dm.onclick = function () { selectChannel(dmChannel(state.userId)); };
  $('dms').replaceChildren(dm);
  var select = $('user');
  ws.users.forEach(function (u) {
    var flags = [];
    if (u.is_restricted) flags.push('guest');
    if (u.deleted) flags.push('deactivated');
    if (u.team_id !== ws.teamId) flags.push('other workspace');
    var option = el('option', null, u.real_name + ' (' + u.id + ')' + (flags.length ? ' · ' + flags.join(', ') : ''));
    option.value = u.id;
    select.appendChild(option);
  });
  select.onchange = function () {
    var wasDm = state.channelId.charAt(0) === 'D';
    state.userId = select.value;
    if (wasDm) state.channelId = dmChannel(state.userId);
    dm.dataset.channel = dmChannel(state.userId);
    render();
  };
  state.userId = select.value;
  dm.dataset.channel = dmChannel(state.userId);
}

function submitCommand(event) {
  event.preventDefault();
  var input = $('command');
  var text = input.value.trim();
  var send = $('send');
  send.disabled = true;
  api('POST', '/sandbox/api/command', { userId: state.userId, channelId: state.channelId, text: text }).then(function (res) {
    var reply = res.json;
    if (res.status !== 200) notice('The stand-in refused the command: ' + (reply.error || res.status), 'error');
    else if (reply.error) notice('/arize failed with the error "' + reply.error + '"' + (reply.status ? ' (HTTP ' + reply.status + ')' : ''), 'error');
    else input.value = '';
    $('ack').textContent = res.status === 200 ? 'ack ' + (reply.status === null ? 'none' : reply.status) + ' in ' + reply.elapsedMs + ' ms' : '';
    return poll();
  }).finally(function () { send.disabled = false; input.focus(); });
}

function start() {
  fetch('/sandbox/api/workspace').then(function (r) { return r.json(); }).then(function (ws) {
    window.SANDBOX = ws;
    buildSidebar(ws);
    var m = /\/sandbox\/archives\/([A-Z0-9]+)\/p(\d+)/.exec(location.pathname);
    if (m) { state.channelId = m[1]; state.focusTs = m[2].slice(0, -6) + '.' + m[2].slice(-6); }
    $('composer').onsubmit = submitCommand;
    render();
    poll();
    setInterval(poll, 700);
  });
}
`;

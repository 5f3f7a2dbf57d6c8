/**
 * Browser code for the composer's completion: an ARIA combobox whose listbox offers what
 * /sandbox/api/complete suggests for the text typed so far. ArrowDown/ArrowUp move, Tab or Enter
 * accept, Escape closes. Uses `el` and `$` from the other sandbox scripts.
 */
export const COMPLETION_SCRIPT = `
// spaceAt: where the space added after an accepted choice ends, so that a comma typed next
// replaces it (a list goes on: production,staging).
var completion = { items: [], from: 0, active: -1, seq: 0, spaceAt: -1 };

function renderCompletions() {
  var list = $('completions');
  var input = $('command');
  list.replaceChildren();
  completion.items.forEach(function (item, i) {
    var option = el('li', 'option' + (i === completion.active ? ' active' : ''));
    option.id = 'completion-' + i;
    option.setAttribute('role', 'option');
    option.setAttribute('aria-selected', String(i === completion.active));
    option.append(el('span', 'option-label', item.label), el('span', 'option-detail', item.detail));
    // mousedown, not click: the input keeps its focus.
    option.onmousedown = function (event) { event.preventDefault(); acceptCompletion(i); };
    list.appendChild(option);
  });
  var open = completion.items.length > 0;
  list.hidden = !open;
  input.setAttribute('aria-expanded', String(open));
  if (completion.active >= 0) {
    input.setAttribute('aria-activedescendant', 'completion-' + completion.active);
    $('completion-' + completion.active).scrollIntoView({ block: 'nearest' });
  } else input.removeAttribute('aria-activedescendant');
}

function closeCompletions() {
  completion.seq++;
  completion.items = [];
  completion.active = -1;
  renderCompletions();
}

function requestCompletions() {
  var seq = ++completion.seq;
  var text = $('command').value;
  return fetch('/sandbox/api/complete?text=' + encodeURIComponent(text)).then(function (r) { return r.json(); }).then(function (reply) {
    if (seq !== completion.seq || !Array.isArray(reply.items)) return;
    completion.items = reply.items;
    completion.from = reply.from;
    completion.active = -1;
    renderCompletions();
  }).catch(function () { /* no suggestions this time */ });
}

function acceptCompletion(index) {
  var item = completion.items[index];
  if (!item) return;
  var input = $('command');
  input.value = input.value.slice(0, completion.from) + item.insert + ' ';
  completion.spaceAt = input.value.length;
  input.focus();
  requestCompletions();
}

/** A comma right after an accepted choice takes the place of the space that followed it. */
function commaAfterChoice(event) {
  var input = $('command');
  var atAddedSpace = input.value.length === completion.spaceAt && input.selectionStart === completion.spaceAt;
  completion.spaceAt = -1;
  if (event.key !== ',' || !atAddedSpace || !input.value.endsWith(' ')) return false;
  event.preventDefault();
  input.value = input.value.slice(0, -1) + ',';
  requestCompletions();
  return true;
}

function onComposerKey(event) {
  var count = completion.items.length;
  if (event.key.length === 1 && commaAfterChoice(event)) return;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    if (count === 0) return requestCompletions();
    var step = event.key === 'ArrowDown' ? 1 : -1;
    completion.active = (completion.active + step + count + (completion.active < 0 && step < 0 ? 1 : 0)) % count;
    renderCompletions();
  } else if (event.key === 'Tab' && !event.shiftKey && count > 0) {
    event.preventDefault();
    acceptCompletion(Math.max(completion.active, 0));
  } else if (event.key === 'Enter' && completion.active >= 0) {
    event.preventDefault();
    acceptCompletion(completion.active);
  } else if (event.key === 'Escape' && count > 0) {
    event.preventDefault();
    closeCompletions();
  }
}

function setupCompletion() {
  var input = $('command');
  input.oninput = requestCompletions;
  input.onkeydown = onComposerKey;
  input.onblur = closeCompletions;
  $('composer').addEventListener('submit', closeCompletions);
}
`;

/**
 * Browser code for the account panel: polls /sandbox/api/account, renders the emulated Arize
 * account with text nodes only, and sends the fault switches and the reset. Uses `el`, `$`, `api`
 * and `state` from the other sandbox scripts.
 */
export const PANEL_SCRIPT = String.raw`
var panel = { snapshot: '', data: null };

function userName(id) {
  var users = (panel.data && panel.data.account.users) || [];
  for (var i = 0; i < users.length; i++) if (users[i].id === id) return users[i].name;
  return 'a bot user';
}

function memberList(members) {
  var list = el('ul', 'members');
  members.forEach(function (m) { list.appendChild(el('li', null, userName(m.userId) + ' · ' + m.role)); });
  if (members.length === 0) list.appendChild(el('li', 'muted', 'no members'));
  return list;
}

function panelSection(title, count) {
  var details = el('details', 'panel-section');
  details.open = true;
  details.appendChild(el('summary', null, title + ' (' + count + ')'));
  return details;
}

function renderOrgs(orgs) {
  var section = panelSection('Organizations and spaces', orgs.length);
  section.id = 'panel-orgs';
  orgs.forEach(function (org) {
    var box = el('div', 'org');
    box.dataset.org = org.name;
    box.appendChild(el('h4', null, org.name));
    box.appendChild(memberList(org.members));
    org.spaces.forEach(function (space) {
      var item = el('div', 'space');
      item.dataset.space = space.name;
      item.appendChild(el('strong', null, space.name + (space.isPrivate ? ' (private)' : '')));
      item.appendChild(el('span', 'muted', ' ' + space.id));
      item.appendChild(memberList(space.members));
      box.appendChild(item);
    });
    if (org.spaces.length === 0) box.appendChild(el('p', 'muted', 'no spaces'));
    section.appendChild(box);
  });
  return section;
}

function renderRows(title, id, rows) {
  var section = panelSection(title, rows.length);
  section.id = id;
  var list = el('ul', 'rows');
  rows.forEach(function (text) { list.appendChild(el('li', null, text)); });
  if (rows.length === 0) list.appendChild(el('li', 'muted', 'none'));
  section.appendChild(list);
  return section;
}

function renderFaultCounts(counts) {
  $('fault-counts').textContent = 'Answered since the last change: ' + counts['rate-limited'] + ' × 429, ' + counts.error + ' × 503, ' + counts.hang + ' hung';
}

function showFaults(faults) {
  $('fault-latency').value = String(faults.latencyMs);
  $('fault-storm').checked = faults.rateLimitStorm;
  $('fault-errors').value = String(faults.errorShare);
  $('fault-hangs').value = String(faults.hangShare);
}

function renderPanel() {
  var data = panel.data;
  var a = data.account;
  var body = $('account-body');
  body.replaceChildren(
    renderOrgs(a.orgs),
    renderRows('Users', 'panel-users', a.users.map(function (u) { return u.name + ' <' + u.email + '> · ' + u.role + ' · ' + u.status; })),
    renderRows('API keys', 'panel-keys', a.keys.map(function (k) { return k.name + ' · ' + k.type + ' · ' + k.status + ' · ' + userName(k.owner); })),
    renderRows('Active grants', 'panel-grants', data.grants.map(function (g) { return g.email + ' · ' + g.role + ' in ' + g.spaceName + ' until ' + new Date(g.endsAt).toLocaleString(); }))
  );
  renderFaultCounts(data.faultCounts);
  if (!panel.faultsShown) { showFaults(data.faults); panel.faultsShown = true; }
}

function pollAccount() {
  return fetch('/sandbox/api/account').then(function (r) {
    if (r.status === 404) { $('account').hidden = true; return; }
    return r.text().then(function (text) {
      if (text === panel.snapshot) return;
      panel.snapshot = text;
      panel.data = JSON.parse(text);
      renderPanel();
    });
  }).catch(function () { /* the next poll retries */ });
}

function sendFaults() {
  var faults = {
    latencyMs: Number($('fault-latency').value),
    rateLimitStorm: $('fault-storm').checked,
    errorShare: Number($('fault-errors').value),
    hangShare: Number($('fault-hangs').value),
  };
  return api('PUT', '/sandbox/api/faults', faults).then(function (res) {
    $('fault-status').textContent = res.status === 200 ? 'Faults set.' : 'Refused: ' + (res.json.error || res.status);
    return pollAccount();
  });
}

function resetSandbox() {
  var button = $('reset');
  button.disabled = true;
  return api('POST', '/sandbox/api/reset').then(function () {
    state.notices = [];
    state.dismissed = {};
    state.snapshot = '';
    panel.faultsShown = false;
    panel.snapshot = '';
    return Promise.all([poll(), pollAccount()]);
  }).then(function () {
    render();
    $('fault-status').textContent = 'Fresh demo account and workspace.';
  }).finally(function () { button.disabled = false; });
}

function startPanel() {
  ['fault-latency', 'fault-storm', 'fault-errors', 'fault-hangs'].forEach(function (id) { $(id).onchange = sendFaults; });
  $('reset').onclick = resetSandbox;
  pollAccount();
  setInterval(pollAccount, 1000);
}
`;

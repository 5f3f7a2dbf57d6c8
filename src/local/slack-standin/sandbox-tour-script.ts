/** Who plays which part (demo workspace ids): the demo policy makes Bob an approver, Eve nobody. */
const CAST = { operator: 'U0CAROL01', outsider: 'U0EVE0001', approver: 'U0BOB0001' };
const APPROVALS_CHANNEL = 'C0APPROVE1';
const TOUR_COMMAND = 'space delete staging --reason cleanup';

/**
 * Browser code for the Tour: a strip under the header walks a visitor through the approval
 * journey, highlights the control each step uses and moves on when the step is done (or on Next).
 * Uses `el`, `$`, `state`, `panel` and `selectChannel` from the other sandbox scripts.
 */
export const TOUR_SCRIPT = String.raw`
var CAST = ${JSON.stringify(CAST)};
var APPROVALS_CHANNEL = ${JSON.stringify(APPROVALS_CHANNEL)};
var TOUR_COMMAND = ${JSON.stringify(TOUR_COMMAND)};
var tour = { step: -1, since: 0, shownStep: -1 };

function newMessageSaying(text) {
  return state.messages.some(function (m) {
    return Number(m.ts) >= tour.since && JSON.stringify(m.blocks || m.text).indexOf(text) !== -1;
  });
}

function lastApproveButton() {
  var buttons = document.querySelectorAll('#log button[data-action-id="approval-approve"]');
  return buttons[buttons.length - 1] || null;
}

function stagingInPanel() {
  var orgs = (panel.data && panel.data.account.orgs) || [];
  return orgs.some(function (o) { return o.spaces.some(function (s) { return s.name === 'staging'; }); });
}

var TOUR_STEPS = [
  { title: 'Act as the operator',
    text: 'Carol Operator runs day-to-day changes. Pick "Carol Operator" in "Acting as" at the top.',
    target: function () { return $('user'); },
    done: function () { return state.userId === CAST.operator; } },
  { title: 'Ask to delete a space',
    text: 'In #general, send the command below. Deleting a space is irreversible, so it waits for a second person.',
    code: TOUR_COMMAND,
    target: function () { return $('command'); },
    action: { label: 'Type it for me', run: function () {
      if (state.channelId !== 'C0GENERAL1') selectChannel('C0GENERAL1');
      $('command').value = TOUR_COMMAND;
      $('command').focus();
    } },
    done: function () { return newMessageSaying('approval-approve'); } },
  { title: 'Open the approvals channel',
    text: 'The bot posted the request in #arize-approvals. Open that channel.',
    target: function () { return document.querySelector('[data-channel="' + APPROVALS_CHANNEL + '"]'); },
    done: function () { return state.channelId === APPROVALS_CHANNEL; } },
  { title: 'Switch to the outsider',
    text: 'Eve Outsider is not an approver of this request. Pick "Eve Outsider" in "Acting as".',
    target: function () { return $('user'); },
    done: function () { return state.userId === CAST.outsider; } },
  { title: 'Approve as Eve',
    text: 'Click Approve on the request and confirm. Watch the bot refuse her.',
    target: lastApproveButton,
    done: function () { return newMessageSaying('not an approver'); } },
  { title: 'Switch to the approver',
    text: 'Bob Approver may approve. Pick "Bob Approver" in "Acting as".',
    target: function () { return $('user'); },
    done: function () { return state.userId === CAST.approver; } },
  { title: 'Approve as Bob',
    text: 'Click Approve and confirm. The bot checks the plan is still true, deletes the space and shows the result on the request.',
    target: lastApproveButton,
    done: function () { return newMessageSaying('Succeeded'); } },
  { title: 'The space is gone',
    text: 'staging has left the account panel. Reset brings a fresh demo account to try again; the fault switches show how the bot copes with a failing Arize.',
    target: function () { return $('panel-orgs'); },
    done: function () { return !stagingInPanel(); } },
];

function highlight(target) {
  document.querySelectorAll('.tour-target').forEach(function (node) {
    if (node !== target) node.classList.remove('tour-target');
  });
  if (target) target.classList.add('tour-target');
}

function renderTour() {
  var box = $('tour');
  var step = TOUR_STEPS[tour.step];
  if (!step) { box.hidden = true; highlight(null); return; }
  var last = tour.step === TOUR_STEPS.length - 1;
  $('tour-progress').textContent = 'Tour · step ' + (tour.step + 1) + ' of ' + TOUR_STEPS.length;
  $('tour-title').textContent = step.title;
  $('tour-text').textContent = step.text;
  $('tour-code').hidden = !step.code;
  $('tour-code').textContent = step.code || '';
  var action = $('tour-action');
  action.hidden = !step.action;
  action.textContent = step.action ? step.action.label : '';
  $('tour-back').disabled = tour.step === 0;
  $('tour-next').textContent = last ? 'Finish' : 'Next';
  box.hidden = false;
}

function showTourStep(index) {
  tour.step = index;
  renderTour();
  var target = TOUR_STEPS[index] && TOUR_STEPS[index].target();
  highlight(target);
  if (target) target.scrollIntoView({ block: 'nearest' });
}

/** The page re-renders messages on every change: put the highlight back, move on when done. */
function tourTick() {
  var step = TOUR_STEPS[tour.step];
  if (!step) return;
  var last = tour.step === TOUR_STEPS.length - 1;
  if (!last && step.done()) return showTourStep(tour.step + 1);
  highlight(step.target());
}

function closeTour() {
  tour.step = -1;
  renderTour();
  $('tour-start').focus();
}

function startTour() {
  tour.since = Date.now() / 1000 - 1;
  showTourStep(0);
  $('tour-title').focus();
}

function setupTour() {
  $('tour-start').onclick = startTour;
  $('tour-close').onclick = closeTour;
  $('tour-back').onclick = function () { showTourStep(Math.max(0, tour.step - 1)); };
  $('tour-next').onclick = function () {
    if (tour.step === TOUR_STEPS.length - 1) closeTour(); else showTourStep(tour.step + 1);
  };
  $('tour-action').onclick = function () { TOUR_STEPS[tour.step].action.run(); };
  $('tour').onkeydown = function (event) { if (event.key === 'Escape') closeTour(); };
  setInterval(tourTick, 300);
}
`;

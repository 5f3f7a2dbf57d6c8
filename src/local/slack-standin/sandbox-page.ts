import { APP_SCRIPT } from './sandbox-app-script.ts';
import { COMPLETION_SCRIPT } from './sandbox-completion-script.ts';
import { MRKDWN_SCRIPT } from './sandbox-mrkdwn-script.ts';
import { PANEL_SCRIPT } from './sandbox-panel-script.ts';
import { TOUR_SCRIPT } from './sandbox-tour-script.ts';

const STYLE = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1c1d;display:flex;flex-direction:column}
header{background:#350d36;color:#fff;display:flex;align-items:center;gap:16px;padding:8px 16px}
header h1{font-size:16px;margin:0;font-weight:700}
header .badge{background:#611f69;border-radius:4px;padding:2px 8px;font-size:12px}
header label{margin-left:auto;font-size:13px}
header select{margin-left:6px;font:inherit;font-size:13px;padding:3px;border-radius:4px}
.app{flex:1;display:flex;min-height:0}
nav{width:230px;background:#3f0e40;color:#cfc3cf;padding:12px 0;overflow:auto}
nav h2{font-size:13px;font-weight:600;margin:12px 16px 4px;color:#cfc3cf}
.chan{display:block;width:100%;text-align:left;background:none;border:0;color:inherit;font:inherit;padding:4px 16px;cursor:pointer}
.chan:hover{background:#350d36}
.chan.active{background:#1164a3;color:#fff}
main{flex:1;display:flex;flex-direction:column;min-width:0}
.title{border-bottom:1px solid #ddd;padding:10px 20px;font-weight:700}
#log{flex:1;overflow:auto;padding:8px 0}
.empty{color:#616061;padding:0 20px}
.msg{display:flex;gap:10px;padding:8px 20px}
.msg:hover{background:#f8f8f8}
.msg.focus{background:#fff8db}
.msg.ephemeral .msg-body{border-left:3px solid #1264a3;padding-left:10px}
.notice.error .plain{color:#a4000f}
.avatar{width:36px;height:36px;border-radius:6px;background:#007a5a;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:13px;flex:none}
.avatar.slackbot{background:#1264a3}
.msg-body{min-width:0;flex:1}
.meta{display:flex;gap:8px;align-items:baseline;font-size:13px;color:#616061}
.meta strong{color:#1d1c1d;font-size:15px}
.tag{background:#ddd;border-radius:3px;font-size:10px;padding:0 4px;color:#555}
.only-you,.edited{font-size:12px;color:#616061}
.plain,.mrkdwn{white-space:pre-wrap;overflow-wrap:anywhere}
.block-header{font-size:18px;margin:6px 0}
.block-section{display:flex;gap:12px;align-items:flex-start;margin:4px 0}
.section-main{flex:1;min-width:0}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:6px 16px;margin-top:4px}
.block-context{display:flex;gap:8px;flex-wrap:wrap;font-size:12px;color:#616061;margin:4px 0}
.block-divider{border:0;border-top:1px solid #ddd;margin:8px 0}
.block-actions{display:flex;gap:8px;flex-wrap:wrap;margin:6px 0}
.btn{font:inherit;font-size:14px;font-weight:700;border:1px solid #bbb;background:#fff;border-radius:4px;padding:4px 12px;cursor:pointer}
.btn:hover{background:#f4f4f4}
.btn:disabled{opacity:.5;cursor:wait}
.btn.primary{background:#007a5a;border-color:#007a5a;color:#fff}
.btn.danger{background:#e01e5a;border-color:#e01e5a;color:#fff}
.btn-link{text-decoration:none}
code{background:#f3f3f3;border:1px solid #ddd;border-radius:3px;padding:0 3px;color:#c01343;font-size:13px}
pre{background:#f8f8f8;border:1px solid #ddd;border-radius:4px;padding:8px;white-space:pre-wrap;font-size:13px}
a{color:#1264a3}
.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
.mention.broadcast{background:#fdf4d8;color:#8a5a00}
.unsupported,.img-alt{color:#888;font-style:italic;font-size:13px}
form{display:flex;align-items:center;gap:8px;border:1px solid #bbb;border-radius:8px;margin:8px 20px 4px;padding:6px 10px}
form{position:relative}
#completions{position:absolute;left:0;right:0;bottom:calc(100% + 4px);margin:0;padding:4px 0;list-style:none;background:#fff;border:1px solid #bbb;border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.15);max-height:260px;overflow:auto;z-index:5}
#completions[hidden]{display:none}
.option{display:flex;gap:12px;align-items:baseline;padding:4px 12px;cursor:pointer}
.option.active,.option:hover{background:#1164a3;color:#fff}
.option-label{font-family:ui-monospace,monospace;white-space:nowrap}
.option-detail{font-size:12px;color:#616061;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.option.active .option-detail,.option:hover .option-detail{color:#e8eef5}
form .prefix{font-family:ui-monospace,monospace;color:#616061}
form input{flex:1;border:0;font:inherit;outline:none;font-family:ui-monospace,monospace}
.hint{font-size:12px;color:#616061;margin:0 20px 10px;display:flex;justify-content:space-between}
.overlay{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center}
.overlay[hidden]{display:none}
.card{background:#fff;border-radius:8px;padding:16px 20px;max-width:520px;width:90%;box-shadow:0 10px 30px rgba(0,0,0,.3)}
.card h2,.card h3{margin:0 0 10px}
.row{display:flex;justify-content:flex-end;gap:8px;margin-top:14px}
.block-input{display:flex;flex-direction:column;gap:4px;margin:8px 0}
.input-label{font-weight:700;font-size:14px}
.text-input{font:inherit;border:1px solid #bbb;border-radius:4px;padding:6px 8px}
.text-input[aria-invalid=true]{border-color:#e01e5a}
.input-hint{font-size:12px;color:#616061}
.input-error{font-size:13px;color:#a4000f}
.select-options{display:flex;flex-direction:column;max-height:180px;overflow:auto}
.select-option{font:inherit;text-align:left;border:0;border-bottom:1px solid #eee;background:#fff;padding:5px 8px;cursor:pointer}
.select-option:hover,.select-option:focus{background:#e8f5fa}
aside{width:320px;border-left:1px solid #ddd;overflow:auto;padding:10px 14px;background:#fafafa;font-size:13px}
aside h2{font-size:15px;margin:0 0 8px}
aside h4{margin:8px 0 2px;font-size:14px}
fieldset{border:1px solid #ccc;border-radius:6px;margin:0 0 10px;padding:6px 10px;display:grid;grid-template-columns:auto 1fr;gap:4px 8px;align-items:center}
fieldset legend{font-weight:700;padding:0 4px}
fieldset select{font:inherit;padding:2px}
fieldset .check,fieldset p{grid-column:1/3;margin:2px 0}
.muted{color:#616061}
.panel-section{margin:6px 0}
.panel-section summary{font-weight:700;cursor:pointer}
.members,.rows{margin:2px 0 4px;padding-left:18px}
.space{margin:4px 0 4px 8px}
.head-btn{font-size:13px;padding:2px 10px}
.tour{display:flex;gap:12px 20px;align-items:center;flex-wrap:wrap;background:#fff4e0;border-bottom:2px solid #e8912d;padding:8px 16px}
.tour[hidden]{display:none}
.tour-body{flex:1;min-width:240px}
.tour-body h2{font-size:15px;margin:0}
.tour-body p{margin:2px 0}
.tour-code{display:inline-block;white-space:nowrap;max-width:100%;overflow-x:auto}
.tour-code[hidden]{display:none}
.tour-progress{font-size:12px;color:#5c3b00}
.tour-buttons{display:flex;gap:8px;flex-wrap:wrap}
.tour-buttons .btn[hidden]{display:none}
.tour-target{outline:3px solid #e8912d;outline-offset:2px;border-radius:4px}
@media (max-width:760px){
  body{height:auto;min-height:100%}
  .app{flex-direction:column}
  nav{width:auto;display:flex;flex-wrap:wrap;align-items:center;padding:4px 0}
  nav h2{margin:4px 8px}
  nav>div{display:flex;flex-wrap:wrap}
  .chan{width:auto;padding:4px 10px}
  main{min-height:70vh}
  aside{width:auto;border-left:0;border-top:1px solid #ddd}
  header{flex-wrap:wrap;gap:8px}
  header label{margin-left:0}
  header .badge{display:none}
  form{margin:8px 10px 4px}
}
`;

/** The sandbox page: one self-contained document; scripts carry the CSP nonce of this response. */
export const renderSandboxPage = (nonce: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>arize-ops sandbox</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>arize-ops</h1><span class="badge">local sandbox · no Slack involved</span>
  <label>Acting as <select id="user"></select></label>
  <button class="btn head-btn" id="tour-start" type="button">Tour</button>
  <button class="btn head-btn" id="reset" type="button">Reset</button>
</header>
<section class="tour" id="tour" aria-labelledby="tour-title" hidden>
  <div class="tour-body">
    <p class="tour-progress" id="tour-progress"></p>
    <h2 id="tour-title" tabindex="-1"></h2>
    <p id="tour-text" aria-live="polite"></p>
    <code class="tour-code" id="tour-code" hidden></code>
  </div>
  <div class="tour-buttons">
    <button class="btn" id="tour-action" type="button" hidden></button>
    <button class="btn" id="tour-back" type="button">Back</button>
    <button class="btn primary" id="tour-next" type="button">Next</button>
    <button class="btn" id="tour-close" type="button">Close tour</button>
  </div>
</section>
<div class="app">
  <nav aria-label="Conversations">
    <h2>Channels</h2><div id="channels"></div>
    <h2>Direct messages</h2><div id="dms"></div>
  </nav>
  <main>
    <div class="title" id="channel-title"></div>
    <div id="log" aria-live="polite"></div>
    <form id="composer" autocomplete="off">
      <span class="prefix">/arize</span>
      <input id="command" role="combobox" aria-label="Command text" aria-autocomplete="list" aria-expanded="false" aria-controls="completions" placeholder="space list">
      <button class="btn primary" id="send" type="submit">Send</button>
      <ul id="completions" role="listbox" aria-label="Suggestions" hidden></ul>
    </form>
    <div class="hint"><span>Commands are signed like Slack's and sent to the bot. Suggestions: ↑ ↓ to pick, Tab or Enter to take, Esc to close.</span><span id="ack"></span></div>
  </main>
  <aside id="account" aria-labelledby="account-title">
    <h2 id="account-title">Arize account (emulated)</h2>
    <fieldset id="faults">
      <legend>Make Arize misbehave</legend>
      <label for="fault-latency">Latency</label>
      <select id="fault-latency"><option value="0">none</option><option value="500">0.5 s</option><option value="2000">2 s</option><option value="5000">5 s</option></select>
      <label for="fault-errors">503 share</label>
      <select id="fault-errors"><option value="0">none</option><option value="0.25">25 %</option><option value="0.5">50 %</option><option value="1">every call</option></select>
      <label for="fault-hangs">Hangs</label>
      <select id="fault-hangs"><option value="0">none</option><option value="0.2">20 %</option><option value="1">every call</option></select>
      <label class="check"><input type="checkbox" id="fault-storm"> 429 storm (one call a second gets through)</label>
      <p id="fault-counts" class="muted"></p>
      <p id="fault-status" class="muted" role="status"></p>
    </fieldset>
    <div id="account-body"></div>
  </aside>
</div>
<div class="overlay" id="modal" hidden></div>
<div class="overlay" id="confirm" hidden></div>
<script nonce="${nonce}">
"use strict";
${MRKDWN_SCRIPT}
${APP_SCRIPT}
${PANEL_SCRIPT}
${TOUR_SCRIPT}
${COMPLETION_SCRIPT}
start();
startPanel();
setupTour();
setupCompletion();
</script>
</body>
</html>
`;

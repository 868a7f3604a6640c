// The lesson page's script: one xterm.js terminal per lesson terminal, the
// WebSocket to this tab's session, and the steps' buttons and verdicts.
// No build step: an ES module served as it is; xterm.js comes from the
// server's own node_modules. A task's hints and solution, and the picture
// of the sandbox's network, live here too. Message types other code may add
// plug in with `learnPage.on(type, handler)`.
import { Terminal } from '/vendor/xterm.mjs';

const COLS = 100; // the width lessons run and are recorded at
const ROWS = 50;
const data = JSON.parse(document.getElementById('lesson-data').textContent);
const connection = document.getElementById('connection');
const resetButton = document.getElementById('reset');
const tabs = document.getElementById('tabs');
const holder = document.getElementById('terminals');
const terminals = new Map();
const handlers = new Map();
// Output latency, server read -> parsed by xterm.js, and -> the next frame drawn after it (bench, tests).
const metrics = { latencies: [], paintLatencies: [], outputChars: 0, firstOutputAt: 0 };
const progressKey = `learn:progress:${data.slug}`;
let socket;
let ready = false;

const topologyPanel = document.getElementById('topology');
const topologyPicture = document.getElementById('topology-picture');
const topologyState = document.getElementById('topology-state');
const TASK_LABELS = { 'not-run': 'not done', waiting: 'waiting', running: 'checking…', passed: '✓ done', failed: '✗ not done yet', skipped: '– not checked' };
const LABELS = { 'not-run': 'not run', waiting: 'waiting', running: 'running…', background: 'running in the background', passed: '✓ as expected', differed: '≠ differed', failed: '✗ failed', skipped: '– skipped' };

window.learnPage = {
  /** Handle a message type of the session's protocol (extensions plug in here). */
  on(type, handler) { handlers.set(type, handler); },
  send,
  metrics,
  terminals,
};

function now() { return performance.timeOrigin + performance.now(); }

function fontSize() {
  const width = holder.clientWidth || 800;
  const height = window.innerHeight - 120;
  return Math.max(8, Math.min(15, Math.floor(width / (COLS * 0.61)), Math.floor(height / (ROWS * 1.2))));
}

function makeTerminal(name) {
  const tab = document.createElement('button');
  tab.type = 'button';
  tab.className = 'tab';
  tab.textContent = name;
  tab.setAttribute('role', 'tab');
  tab.addEventListener('click', () => activate(name));
  tabs.append(tab);
  const element = document.createElement('div');
  element.className = 'terminal';
  element.dataset.term = name;
  holder.append(element);
  const term = new Terminal({
    cols: COLS, rows: ROWS, scrollback: 5000, fontSize: fontSize(), cursorBlink: true,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    theme: { background: '#1b1d23', foreground: '#e4e6eb' },
  });
  term.open(element);
  term.onData((keys) => { if (ready) send({ type: 'input', term: name, data: keys }); });
  terminals.set(name, { term, tab, element });
}

function activate(name) {
  for (const [other, t] of terminals) {
    const on = other === name;
    t.element.hidden = !on;
    t.tab.classList.toggle('active', on);
    t.tab.setAttribute('aria-selected', String(on));
    if (on) t.tab.classList.remove('activity');
  }
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function step(name) { return document.querySelector(`section.step[data-step="${CSS.escape(name)}"]`); }

function formatMs(ms) { return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`; }

function setStatus(name, status, detail = {}) {
  const section = step(name);
  if (!section) return;
  section.dataset.status = status;
  const task = section.classList.contains('task');
  section.querySelector('.step-status').textContent = task ? TASK_LABELS[status] ?? LABELS[status] : LABELS[status] + (detail.note ? ` (${detail.note})` : '');
  section.querySelector('.step-time').textContent = detail.ms !== undefined ? formatMs(detail.ms) : '';
  const box = section.querySelector('.step-result');
  box.hidden = !(detail.message || detail.diff);
  section.querySelector('.step-message').textContent = detail.message ?? '';
  section.querySelector('.step-diff').textContent = detail.diff ?? '';
  section.querySelector('.step-diff').hidden = !detail.diff;
  if ((status === 'differed' || status === 'failed') && section.parentElement.tagName === 'DETAILS') section.parentElement.open = true;
  if (!['running', 'waiting', 'background'].includes(status)) saveProgress(name, status);
}

function saveProgress(name, status) {
  try {
    const progress = JSON.parse(localStorage.getItem(progressKey) ?? '{}');
    progress[name] = status;
    localStorage.setItem(progressKey, JSON.stringify(progress));
  } catch { /* storage off: progress is not kept */ }
}

function enable(on) {
  ready = on;
  // Hints and showing the solution need no sandbox.
  for (const button of document.querySelectorAll('section.step button:not(.hint):not(.show-solution)')) button.disabled = !on;
  document.getElementById('topology-refresh').disabled = !on;
  resetButton.disabled = !on;
}

function onOutput(message) {
  const t = terminals.get(message.term);
  if (!t) return;
  if (t.element.hidden && ready) t.tab.classList.add('activity');
  t.term.write(message.data, () => {
    const shown = now();
    if (!metrics.firstOutputAt) metrics.firstOutputAt = shown;
    metrics.outputChars += message.data.length;
    metrics.latencies.push(shown - message.at);
    if (metrics.latencies.length > 5000) metrics.latencies.shift();
    if (metrics.paintLatencies.length < 5000) requestAnimationFrame(() => metrics.paintLatencies.push(now() - message.at));
    send({ type: 'ack', term: message.term, chars: message.data.length });
  });
}

function onMessage(message) {
  switch (message.type) {
    case 'output': return onOutput(message);
    case 'step': {
      const info = data.steps.find((s) => s.name === message.step);
      if (message.status === 'running' && info) activate(info.term);
      return setStatus(message.step, message.status, message);
    }
    case 'ready':
      connection.textContent = 'sandbox ready';
      connection.className = 'connection good';
      return enable(true);
    case 'resetting':
      enable(false);
      connection.textContent = 'resetting: a fresh sandbox…';
      connection.className = 'connection';
      for (const t of terminals.values()) t.term.reset();
      topologyPicture.replaceChildren();
      topologyState.textContent = '';
      for (const s of data.steps) setStatus(s.name, 'not-run');
      try { localStorage.removeItem(progressKey); } catch { /* no storage */ }
      return undefined;
    case 'unavailable':
      enable(false);
      connection.textContent = `cannot run here: ${message.reason}`;
      connection.className = 'connection bad';
      return undefined;
    case 'topology': return showTopology(message);
    case 'busy':
      document.body.classList.toggle('busy', message.busy);
      return undefined;
    case 'error':
    case 'notice':
      connection.textContent = message.message;
      connection.className = `connection ${message.type === 'error' ? 'bad' : ''}`;
      return undefined;
    default: {
      const handler = handlers.get(message.type);
      if (handler) handler(message);
      return undefined;
    }
  }
}

/** The SVG as an image: an <img> never runs script or loads anything, whatever the SVG holds. */
function showTopology(message) {
  topologyPanel.hidden = false;
  if (message.error !== undefined) {
    topologyState.textContent = message.error;
    topologyState.className = 'topology-state bad';
    return;
  }
  const image = document.createElement('img');
  image.alt = 'the network of the sandbox: namespaces, interfaces and links';
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(message.svg)}`;
  topologyPicture.replaceChildren(image);
  topologyState.textContent = `as of ${new Date().toLocaleTimeString()}`;
  topologyState.className = 'topology-state';
}

function showHint(section, button) {
  const next = section.querySelector('.hint-text[hidden]');
  if (next) next.hidden = false;
  if (!section.querySelector('.hint-text[hidden]')) {
    button.disabled = true;
    button.textContent = 'No more hints';
  } else button.textContent = 'Next hint';
}

function showSolution(name) {
  const parts = document.querySelectorAll(`.solution[data-solution="${CSS.escape(name)}"]`);
  for (const part of parts) part.hidden = false;
  parts[0]?.scrollIntoView({ block: 'nearest' });
}

function taskClick(button, section) {
  const name = section.dataset.task;
  if (button.classList.contains('hint')) showHint(section, button);
  else if (button.classList.contains('show-solution')) showSolution(name);
  else if (button.classList.contains('solve') && ready) {
    showSolution(name);
    send({ type: 'solve', task: name });
    for (const s of data.steps) if (s.solution === name) setStatus(s.name, 'waiting');
  } else return false;
  return true;
}

function connect() {
  socket = new WebSocket(`ws://${location.host}/ws?lesson=${encodeURIComponent(data.slug)}`);
  socket.addEventListener('message', (event) => onMessage(JSON.parse(event.data)));
  socket.addEventListener('close', () => {
    enable(false);
    if (!connection.classList.contains('bad')) {
      connection.textContent = 'disconnected: the server stopped or the sandbox is gone; reload the page';
      connection.className = 'connection bad';
    }
  });
}

for (const name of data.terminals) makeTerminal(name);
activate(data.terminals[0]);
document.getElementById('article').addEventListener('click', (event) => {
  const button = event.target.closest('button');
  const section = button?.closest('section.step');
  if (!section) return;
  if (section.dataset.task && taskClick(button, section)) return;
  if (!ready) return;
  const name = section.dataset.step;
  if (button.classList.contains('run')) send({ type: 'run', step: name });
  else if (button.classList.contains('run-to')) send({ type: 'runTo', step: name });
  else return;
  if (section.dataset.status !== 'running') setStatus(name, 'waiting');
});
resetButton.addEventListener('click', () => send({ type: 'reset' }));
document.getElementById('topology-refresh').addEventListener('click', () => {
  topologyState.textContent = 'reading…';
  send({ type: 'topology' });
});
window.addEventListener('resize', () => { for (const t of terminals.values()) t.term.options.fontSize = fontSize(); });
connect();

// The case page's verification section: the auditor's pinned key, the case's bundle fetched and checked in this
// browser (verify.js), the result in #browser-verification's data-status, and each event of the timeline marked.
// Everything from the server is shown with textContent, never parsed as HTML. Requests go to location.origin: the
// page's URL may carry user:password@, and fetch refuses a URL resolved against it.
import { readZip } from './zip-reader.js';
import { parseVkey, verifyBundle } from './verify.js';

const PINNED_KEY = 'auditrail.pinned-verifier-key';
const SEALING_WAIT_MS = 60000;

const section = document.getElementById('browser-verification');
const caseId = section.dataset.caseId;
const opened = performance.now();
const ui = layout();
let eventResults = new Map();

stylesheet();
ui.pinForm.addEventListener('submit', (submit) => {
  submit.preventDefault();
  pin(ui.keyInput.value);
});
ui.trustServer.addEventListener('click', () => pin(ui.trustServer.dataset.vkey));
new MutationObserver(markTimeline).observe(document.getElementById('timeline') ?? document.body,
  { childList: true, subtree: true });
run();

async function run() {
  try {
    await check();
  } catch (e) {
    status('failed', `Failed: ${e.message}`);
  }
}

async function check() {
  status('pending', 'Checking the case’s evidence in your browser…');
  ui.findings.replaceChildren();
  ui.events.replaceChildren();
  ui.warning.hidden = true;
  eventResults = new Map();
  const serverKey = await currentServerKey();
  const stored = localStorage.getItem(PINNED_KEY);
  if (stored === null) {
    showKey(null);
    offerServerKey(serverKey);
    status('unpinned', 'Not verified: no verifier key is pinned in this browser. Enter the log’s verifier key '
      + '(log.vkey, from your own records) to check this case.');
    return;
  }
  let pinned;
  try {
    pinned = await parseVkey(stored);
  } catch (e) {
    showKey(null);
    status('failed', `Failed: the pinned key cannot be read: ${e.message}`);
    return;
  }
  showKey(pinned);
  if (serverKey !== null && serverKey !== pinned.vkey) {
    ui.warning.hidden = false;
    ui.warning.textContent = `Warning: the server’s current verifier key ${serverKey} differs from your pinned key `
      + `${pinned.vkey}. Only your pinned key is trusted here; find out why before you pin another.`;
    offerServerKey(serverKey);
  }
  show(await verifyBundle(await readZip(await bundle()), pinned));
}

async function pin(vkey) {
  try {
    const key = await parseVkey(vkey ?? '');
    localStorage.setItem(PINNED_KEY, key.vkey);
    ui.keyProblem.textContent = '';
    ui.keyInput.value = '';
    run();
  } catch (e) {
    ui.keyProblem.textContent = `verifier key: ${e.message}`;
  }
}

/** The bundle's bytes; waits while the case's newest events are still being sealed (409 not_yet_sealed). */
async function bundle() {
  const deadline = performance.now() + SEALING_WAIT_MS;
  for (;;) {
    const response = await fetch(`${location.origin}/api/audit/traces/${encodeURIComponent(caseId)}/bundle`,
      { credentials: 'same-origin', cache: 'no-store' });
    if (response.ok) {
      return response.arrayBuffer();
    }
    const problem = await response.json().catch(() => ({}));
    if (response.status !== 409 || performance.now() > deadline) {
      throw new Error(`the server answered ${response.status} for the evidence bundle: ${problem.detail ?? ''}`);
    }
    status('pending', 'Waiting for the case’s newest events to be sealed into a signed checkpoint…');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function currentServerKey() {
  const response = await fetch(`${location.origin}/api/audit/public-keys`, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) {
    return null;
  }
  // The first key is the one the log signs with now; the others are earlier keys.
  return (await response.text()).split('\n')[0].trim() || null;
}

function show(result) {
  for (const event of result.events) {
    eventResults.set(event.eventId, event.state);
    ui.events.append(eventDetails(event));
  }
  markTimeline();
  if (result.findings.length === 0) {
    const complete = result.complete;
    status('verified', `Verified in your browser: ${result.events.length} events of case ${result.manifest.trace_id} `
      + `are in the log’s checkpoint of size ${result.checkpoint.size}, signed by your pinned key; the case is `
      + `complete (trace summary at log index ${complete.logIndex}, sealed ${complete.timestamp}); `
      + `${result.blobsChecked} content blobs match their hashes.`);
  } else {
    const first = result.findings[0];
    status('failed', `Failed: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}; first: `
      + describe(first));
    for (const finding of result.findings) {
      const item = document.createElement('li');
      item.textContent = describe(finding);
      ui.findings.append(item);
    }
  }
  console.info(`browser verification of case ${caseId}: ${section.dataset.status} after `
    + `${Math.round(performance.now() - opened)} ms`);
}

function describe(finding) {
  const where = finding.eventId !== null ? `event ${finding.eventId}`
    + (finding.logIndex !== null ? ` (log index ${finding.logIndex})` : '') : null;
  return `${finding.check}: ${where !== null ? where + ': ' : ''}${finding.detail}`;
}

/** One event's exact bytes on demand, with its leaf hash and whether it is proven. */
function eventDetails(event) {
  const details = document.createElement('details');
  details.id = `verified-event-${event.logIndex}`;
  details.dataset.verified = event.state;
  const summary = document.createElement('summary');
  summary.textContent = `${{ verified: '✓', failed: '✗' }[event.state] ?? '?'} log index ${event.logIndex}: ${event.eventType ?? '?'} `
    + `${event.eventId ?? ''}`;
  const leaf = document.createElement('p');
  leaf.textContent = `leaf hash SHA-256(0x00 ‖ bytes) = ${event.leafHash}`
    + (event.problem === null ? '' : ` — ${event.problem}`);
  const bytes = document.createElement('pre');
  bytes.textContent = event.text;
  details.append(summary, leaf, bytes);
  return details;
}

/** Marks each timeline event: verified, failed, unchecked, or not in the bundle; again whenever the timeline renders more. */
function markTimeline() {
  if (section.dataset.status !== 'verified' && section.dataset.status !== 'failed') {
    return;
  }
  for (const element of document.querySelectorAll('#timeline [id^="event-"]')) {
    const state = eventResults.get(element.id.substring('event-'.length)) ?? 'not-in-bundle';
    if (element.dataset.verified !== state) {
      element.dataset.verified = state;
      element.title = { verified: 'verified in your browser', failed: 'failed verification in your browser',
        unchecked: 'not checked: the checkpoint is not signed by your pinned key' }[state]
        ?? 'not in the verified bundle';
    }
  }
}

function status(value, message) {
  section.dataset.status = value;
  ui.result.textContent = message;
  ui.result.className = value === 'verified' ? 'verified' : value === 'failed' ? 'failed' : '';
}

function showKey(pinned) {
  ui.key.textContent = pinned === null ? 'No verifier key is pinned in this browser.'
    : `Pinned verifier key: ${pinned.name} (key id ${pinned.vkey.split('+')[1]}), fingerprint SHA-256 `
      + `${pinned.fingerprint}`;
  ui.key.dataset.vkey = pinned === null ? '' : pinned.vkey;
}

function offerServerKey(serverKey) {
  ui.trustServer.hidden = serverKey === null;
  ui.trustServer.dataset.vkey = serverKey ?? '';
  ui.trustNote.hidden = serverKey === null;
  ui.trustNote.textContent = `The server’s current key is ${serverKey}. Trusting it proves only that the server `
    + 'signed what it serves: compare its fingerprint with the key from your own records first.';
}

function layout() {
  const element = (tag, properties = {}) => Object.assign(document.createElement(tag), properties);
  const parts = {
    result: element('p', { id: 'verification-result' }),
    warning: element('p', { id: 'key-warning', className: 'failed', hidden: true }),
    key: element('p', { id: 'pinned-key' }),
    keyInput: element('input', { id: 'verifier-key', name: 'verifierKey', size: 80,
      placeholder: 'name+keyid+base64 key, as in log.vkey' }),
    keyProblem: element('p', { id: 'key-problem', className: 'failed' }),
    trustServer: element('button', { id: 'trust-server-key', type: 'button', hidden: true,
      textContent: 'Trust the server’s current key' }),
    trustNote: element('p', { id: 'trust-server-note', className: 'failed', hidden: true }),
    findings: element('ol', { id: 'verification-findings' }),
    events: element('div', { id: 'verified-events' }),
  };
  parts.pinForm = element('form', { id: 'pin-key' });
  parts.pinForm.append(element('label', { htmlFor: 'verifier-key', textContent: 'Verifier key to pin ' }),
    parts.keyInput, element('button', { id: 'pin-key-button', type: 'submit', textContent: 'Pin' }));
  const eventsHeading = element('h3', { textContent: 'The exact bytes checked' });
  section.replaceChildren(element('h2', { textContent: 'Verification in your browser' }), parts.result,
    parts.findings, parts.warning, parts.key, parts.pinForm, parts.keyProblem, parts.trustNote, parts.trustServer,
    eventsHeading, parts.events);
  return parts;
}

/** The section's own styles, from the console's assets (the page allows no inline styles). */
function stylesheet() {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/audit/assets/verify.css';
  document.head.append(link);
}

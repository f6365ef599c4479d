// Verifies a case bundle in the browser, as the offline verifier's BundleVerifier does, with WebCrypto alone: the
// checkpoint's Ed25519 signed-note signature against the auditor's pinned key, every event's RFC 6962 leaf from its
// exact bytes and its inclusion proof against the signed root, the case's completeness against its sealed trace
// summary, and every content blob against its name. Pure functions of the bundle's bytes and the pinned key; nothing
// here reads the page or the network.

const HASH_SIZE = 32;
const ED25519 = 0x01;
const SIGNATURE_PREFIX = '\u2014 ';
const SUMMARY_TYPE = 'trace_sealed';
const FORMAT = 'auditrail-case-bundle/1';

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A pinned key or a checkpoint that cannot be read; the message names the bad value. */
export class KeyFormatError extends Error {}
export class ProofError extends Error {}

// ---- hashing (RFC 6962 with SHA-256) ----

export async function sha256(...parts) {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const data = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    data.set(part, at);
    at += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

/** SHA-256(0x00 || data): a leaf, over the exact bytes of an event. */
export function leafHash(data) {
  return sha256(Uint8Array.of(0x00), data);
}

export function nodeHash(left, right) {
  return sha256(Uint8Array.of(0x01), left, right);
}

/** The RFC 6962 Merkle tree hash over leaf hashes. */
export async function merkleRoot(leaves) {
  if (leaves.length === 0) {
    return sha256(new Uint8Array(0));
  }
  if (leaves.length === 1) {
    return leaves[0];
  }
  let split = 1;
  while (split * 2 < leaves.length) {
    split *= 2;
  }
  return nodeHash(await merkleRoot(leaves.slice(0, split)), await merkleRoot(leaves.slice(split)));
}

/** The exact number of hashes in the audit path of a leaf, known before any hashing (BigInt arguments). */
export function inclusionProofLength(leafIndex, treeSize) {
  const inner = bitLength(leafIndex ^ (treeSize - 1n));
  return inner + bitCount(leafIndex >> BigInt(inner));
}

/**
 * Verifies that the leaf is at leafIndex in the tree of treeSize leaves whose root is expectedRoot (RFC 9162
 * 2.1.3.2), preconditions and the exact proof length first; throws a ProofError that says what failed.
 */
export async function verifyInclusion(leafIndex, treeSize, hashes, leaf, expectedRoot) {
  const index = BigInt(leafIndex);
  const size = BigInt(treeSize);
  if (index < 0n) {
    throw new ProofError(`leaf index ${index} is negative`);
  }
  if (index >= size) {
    throw new ProofError(`leaf index ${index} is not below the tree size ${size}`);
  }
  const expected = inclusionProofLength(index, size);
  if (hashes.length !== expected) {
    throw new ProofError(`inclusion proof for leaf ${index} in a tree of ${size} must have `
      + `${expected === 1 ? '1 hash' : expected + ' hashes'}, but has ${hashes.length}`);
  }
  hashes.forEach((hash, i) => {
    if (hash.length !== HASH_SIZE) {
      throw new ProofError(`hash ${i} of the inclusion proof has ${hash.length} bytes, but must have ${HASH_SIZE}`);
    }
  });
  // fn is the node's index on its level, sn that of the last node; a last node without a right sibling is carried
  // up unchanged until it is a right child.
  let fn = index;
  let sn = size - 1n;
  let root = leaf;
  for (const sibling of hashes) {
    if ((fn & 1n) === 1n || fn === sn) {
      root = await nodeHash(sibling, root);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      root = await nodeHash(root, sibling);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (hex(root) !== hex(expectedRoot)) {
    throw new ProofError(`computed root ${hex(root)} does not match the expected root ${hex(expectedRoot)} `
      + `for tree size ${size}`);
  }
}

// ---- keys and signed notes (C2SP signed-note, tlog-checkpoint) ----

/**
 * Reads a C2SP verifier key, name+keyid+base64(0x01 || key), as log.vkey and /api/audit/public-keys give it; checks
 * that the key id is the one the name and key give. Answers the name, key id, WebCrypto key and a fingerprint
 * (SHA-256 of the typed key) to compare by eye.
 */
export async function parseVkey(text) {
  const vkey = text.trim();
  const first = vkey.indexOf('+');
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
  if (second < 0) {
    throw new KeyFormatError(`a verifier key has the form name+keyid+key, but was: ${vkey}`);
  }
  const name = vkey.substring(0, first);
  const keyIdHex = vkey.substring(first + 1, second);
  if (name === '' || /\s/.test(name)) {
    throw new KeyFormatError(`the key name must be non-empty and without whitespace, but was: '${name}'`);
  }
  if (!/^[0-9a-fA-F]{8}$/.test(keyIdHex)) {
    throw new KeyFormatError(`the key id must be 8 hex digits, but was: ${keyIdHex}`);
  }
  const typed = base64Bytes(vkey.substring(second + 1), 'the key');
  if (typed.length !== 33 || typed[0] !== ED25519) {
    throw new KeyFormatError(`the key must be an Ed25519 key (0x01 and 32 bytes), but has ${typed.length} bytes`
      + (typed.length > 0 ? ` of algorithm 0x${typed[0].toString(16).padStart(2, '0')}` : ''));
  }
  const keyId = (await sha256(utf8.encode(name + '\n'), typed)).slice(0, 4);
  if (hex(keyId) !== keyIdHex.toLowerCase()) {
    throw new KeyFormatError(`the key id ${keyIdHex} does not match the key, whose key id is ${hex(keyId)}`);
  }
  const key = await crypto.subtle.importKey('raw', typed.slice(1), { name: 'Ed25519' }, false, ['verify']);
  const fingerprint = hex(await sha256(typed)).match(/.{4}/g).join(' ');
  return { vkey, name, keyId, key, fingerprint };
}

/** Splits a signed note at its last blank line into its body and signature lines. */
export function parseSignedNote(text) {
  const split = text.lastIndexOf('\n\n');
  if (split < 0 || split + 2 === text.length || !text.endsWith('\n')) {
    throw new KeyFormatError('the signed note has no signature lines after a blank line');
  }
  const body = text.substring(0, split + 1);
  const signatures = text.substring(split + 2, text.length - 1).split('\n').map((line) => {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw new KeyFormatError(`a signature line must start with an em dash and a space, but was: ${line}`);
    }
    const space = line.indexOf(' ', SIGNATURE_PREFIX.length);
    if (space < 0) {
      throw new KeyFormatError(`a signature line must have a key name and a signature, but was: ${line}`);
    }
    const bytes = base64Bytes(line.substring(space + 1), 'a signature');
    if (bytes.length <= 4) {
      throw new KeyFormatError(`a signature must have a 4-byte key id and the signature, but has ${bytes.length} bytes`);
    }
    return { name: line.substring(SIGNATURE_PREFIX.length, space), keyId: bytes.slice(0, 4), signature: bytes.slice(4) };
  });
  return { body, signatures };
}

/** Reads a checkpoint body: origin, tree size and root hash, each in its one canonical form. */
export function parseCheckpoint(body) {
  const lines = body.substring(0, body.length - 1).split('\n');
  if (lines.length < 3 || lines[0] === '') {
    throw new KeyFormatError('the checkpoint must have an origin, a tree size and a root hash line');
  }
  if (!/^(0|[1-9][0-9]*)$/.test(lines[1])) {
    throw new KeyFormatError(`the checkpoint's tree size must be a decimal number without leading zeros, but was: ${lines[1]}`);
  }
  const rootHash = base64Bytes(lines[2], "the checkpoint's root hash");
  if (rootHash.length !== HASH_SIZE) {
    throw new KeyFormatError(`the checkpoint's root hash must be 32 bytes, but was: ${lines[2]}`);
  }
  return { origin: lines[0], size: BigInt(lines[1]), rootHash };
}

/**
 * The checkpoint of a signed note, when a signature line with the pinned key's name and key id verifies over the
 * body; throws a KeyFormatError that says why not.
 */
export async function trustedCheckpoint(noteText, pinned) {
  const note = parseSignedNote(noteText);
  const body = utf8.encode(note.body);
  for (const signature of note.signatures) {
    if (signature.name === pinned.name && hex(signature.keyId) === hex(pinned.keyId)
        && await crypto.subtle.verify({ name: 'Ed25519' }, pinned.key, signature.signature, body)) {
      return parseCheckpoint(note.body);
    }
  }
  throw new KeyFormatError(`the checkpoint is not signed by your pinned key ${pinned.name}+${hex(pinned.keyId)}`
    + ` (signed as ${note.signatures.map((s) => s.name + '+' + hex(s.keyId)).join(', ')})`);
}

// ---- the bundle ----

const LAYOUT = [
  /^bundle\.json$/, /^checkpoint\.note$/, /^checkpoint\.tsr$/, /^public-keys\.txt$/,
  /^trace\/summary\.json$/, /^trace\/summary-proof\.json$/, /^events\/[0-9]{20}\.json$/,
  /^proofs\/[0-9]{20}\.json$/, /^trace\/proofs\/[0-9]{20}\.json$/, /^blobs\/[0-9a-f]{64}$/, /^expired\/[0-9a-f]{64}$/,
  /^expiries\/events\/[0-9]{20}\.json$/, /^expiries\/proofs\/[0-9]{20}\.json$/,
];

/**
 * Verifies a bundle's entries (name to bytes) against the pinned key. Answers every finding (check, event id, log
 * index, detail), the events in log order with their exact text and state (verified, failed, or unchecked when the
 * checkpoint is not trusted), and, when the case is shown complete, its trace summary; verified means no finding.
 */
export async function verifyBundle(entries, pinned) {
  const findings = [];
  const add = (check, eventId, logIndex, detail) => findings.push({ check, eventId, logIndex, detail });
  const manifest = readJson(entries, 'bundle.json');
  if (manifest.format !== FORMAT) {
    throw new KeyFormatError(`bundle.json has format '${manifest.format}', but this page reads ${FORMAT}`);
  }
  let checkpoint = null;
  try {
    checkpoint = await trustedCheckpoint(text(entries, 'checkpoint.note'), pinned);
  } catch (e) {
    add('signature', null, null, e.message);
  }
  if (checkpoint !== null && (BigInt(manifest.tree_size) !== checkpoint.size
      || manifest.root_hash !== base64(checkpoint.rootHash))) {
    add('manifest', null, null, `bundle.json names tree size ${manifest.tree_size} and root ${manifest.root_hash}, `
      + `but the signed checkpoint has tree size ${checkpoint.size} and root ${base64(checkpoint.rootHash)}`);
  }
  for (const name of entries.keys()) {
    if (!LAYOUT.some((pattern) => pattern.test(name))) {
      add('layout', null, null, `the bundle holds ${name}, which is no part of a case bundle`);
    }
  }
  const events = [];
  for (const [logIndex, name] of indexed(entries, 'events/')) {
    events.push(await verifyEvent(entries, logIndex, entries.get(name), manifest.trace_id, checkpoint, add));
  }
  for (const [logIndex, name] of indexed(entries, 'proofs/')) {
    if (!entries.has(`events/${pad(logIndex)}.json`)) {
      add('inclusion', null, logIndex, `${name} proves an event whose file events/${pad(logIndex)}.json is missing`);
    }
  }
  if (manifest.event_count !== events.length) {
    add('manifest', null, null, `bundle.json names ${manifest.event_count} events, but the bundle holds ${events.length}`);
  }
  for (const [logIndex, name] of indexed(entries, 'expiries/events/')) {
    const problem = await proofProblem(entries, logIndex, entries.get(name), `expiries/proofs/${pad(logIndex)}.json`,
      checkpoint);
    if (problem !== null) {
      add('inclusion', null, logIndex, `${name} justifies nothing: ${problem}`);
    }
  }
  let blobsChecked = 0;
  for (const [name, content] of entries) {
    if (name.startsWith('blobs/')) {
      const actual = hex(await sha256(content));
      if (actual !== name.substring('blobs/'.length)) {
        add('content', null, null, `${name} holds content whose SHA-256 is ${actual}`);
      }
      blobsChecked++;
    }
  }
  // Without a trusted checkpoint no summary is proven, and the signature finding already says why.
  const complete = checkpoint === null ? null : await checkComplete(entries, events, manifest.trace_id, checkpoint, add);
  // By log index, those of no event last, as the offline verifier lists them (the sort is stable).
  findings.sort((a, b) => (a.logIndex === null) - (b.logIndex === null) || (a.logIndex ?? 0) - (b.logIndex ?? 0));
  return { findings, events, manifest, checkpoint, complete: findings.length === 0 ? complete : null, blobsChecked };
}

async function verifyEvent(entries, logIndex, bytes, traceId, checkpoint, add) {
  const event = { logIndex, eventId: null, eventType: null, text: null, leafHash: hex(await leafHash(bytes)), problem: null };
  try {
    event.text = strictUtf8.decode(bytes);
    const json = JSON.parse(event.text);
    event.eventId = typeof json.event_id === 'string' ? json.event_id : null;
    event.eventType = json.event_type;
    event.traceId = json.trace_id;
  } catch (e) {
    event.text = event.text ?? new TextDecoder().decode(bytes);
    event.problem = `events/${pad(logIndex)}.json is not a JSON event: ${e.message}`;
  }
  const problem = await proofProblem(entries, logIndex, bytes, `proofs/${pad(logIndex)}.json`, checkpoint,
    event.eventId);
  event.problem = problem ?? event.problem;
  if (event.problem === null && event.traceId !== traceId) {
    event.problem = `the event belongs to case ${event.traceId}, not to case ${traceId} of this bundle`;
  }
  if (event.problem !== null) {
    add(problem !== null ? 'inclusion' : 'case', event.eventId, logIndex, event.problem);
  }
  event.state = event.problem !== null ? 'failed' : checkpoint === null ? 'unchecked' : 'verified';
  return event;
}

/** Why the proof does not show these bytes in the signed checkpoint's tree, or null when it does. */
async function proofProblem(entries, logIndex, bytes, proofFile, checkpoint, eventId = null) {
  if (!entries.has(proofFile)) {
    return `the bundle has no proof ${proofFile}`;
  }
  let proof;
  try {
    proof = readProof(entries, proofFile);
  } catch (e) {
    return e.message;
  }
  if (proof.leafIndex !== logIndex) {
    return `${proofFile} is the proof of log index ${proof.leafIndex}, not ${logIndex}`;
  }
  if (eventId !== null && proof.eventId !== eventId) {
    return `${proofFile} is the proof of event ${proof.eventId}, not of event ${eventId}`;
  }
  if (checkpoint === null) {
    // The signature finding says it all; a proof against an untrusted root shows nothing either way.
    return null;
  }
  if (BigInt(proof.treeSize) !== checkpoint.size) {
    return `${proofFile} is a proof for tree size ${proof.treeSize}, but the checkpoint has size ${checkpoint.size}`;
  }
  try {
    await verifyInclusion(proof.leafIndex, proof.treeSize, proof.hashes, await leafHash(bytes), checkpoint.rootHash);
    return null;
  } catch (e) {
    return `the event is not in the signed checkpoint: ${e.message}`;
  }
}

/**
 * Shows that the bundle holds every event of the case, as TraceCompleteness does: the trace summary is proven in
 * the checkpoint and not older than the bundle's events, and the trace tree recomputed from the events' leaves has
 * the summary's size and root; otherwise the events' trace proofs name the gap.
 */
async function checkComplete(entries, events, traceId, checkpoint, add) {
  if (!entries.has('trace/summary.json')) {
    add('completeness', null, null, `the bundle holds no trace summary: that it holds every event of case ${traceId} cannot be shown`);
    return null;
  }
  const summaryBytes = entries.get('trace/summary.json');
  let summary;
  try {
    summary = readSummary(summaryBytes);
  } catch (e) {
    add('completeness', null, null, `trace/summary.json proves nothing: ${e.message}`);
    return null;
  }
  if (summary.traceId !== traceId) {
    add('completeness', summary.eventId, null, `trace/summary.json summarises case ${summary.traceId}, not case ${traceId}`);
    return null;
  }
  let summaryIndex;
  try {
    summaryIndex = readProof(entries, 'trace/summary-proof.json').leafIndex;
  } catch (e) {
    add('completeness', summary.eventId, null, `trace/summary.json proves nothing: ${e.message}`);
    return null;
  }
  const problem = await proofProblem(entries, summaryIndex, summaryBytes, 'trace/summary-proof.json', checkpoint,
    summary.eventId);
  if (problem !== null) {
    add('completeness', summary.eventId, summaryIndex, `trace/summary.json proves nothing: ${problem}`);
    return null;
  }
  const leaves = events.filter((event) => event.eventType !== SUMMARY_TYPE);
  const before = [];
  const note = (check, eventId, logIndex, detail) => before.push({ check, eventId, logIndex, detail });
  if (leaves.length > 0) {
    const last = leaves[leaves.length - 1];
    if (last.logIndex > summaryIndex) {
      note('completeness', summary.eventId, summaryIndex, `the trace summary at log index ${summaryIndex} is older `
        + `than event ${last.eventId} at log index ${last.logIndex}: a newer summary exists`);
    } else if (summary.lastLogIndex !== last.logIndex || summary.lastEventId !== last.eventId) {
      note('completeness', summary.eventId, summaryIndex, `the trace summary ends at event ${summary.lastEventId} `
        + `(log index ${summary.lastLogIndex}), but the bundle's last event of the case is ${last.eventId} `
        + `(log index ${last.logIndex})`);
    }
  }
  const root = await merkleRoot(leaves.map((event) => fromHex(event.leafHash)));
  if (leaves.length !== summary.eventCount || hex(root) !== summary.traceRoot) {
    await nameTheGap(entries, leaves, summary, note);
  }
  before.forEach((finding) => add(finding.check, finding.eventId, finding.logIndex, finding.detail));
  return before.length === 0 ? { ...summary, logIndex: summaryIndex } : null;
}

/** Places each event at the trace position its trace proof shows, then names the events and positions left over. */
async function nameTheGap(entries, leaves, summary, note) {
  const count = summary.eventCount;
  const placed = new Map();
  let found = 0;
  for (const event of leaves) {
    const proofFile = `trace/proofs/${pad(event.logIndex)}.json`;
    let why = null;
    let proof = null;
    try {
      proof = readProof(entries, proofFile);
      if (proof.eventId !== event.eventId) {
        why = `${proofFile} is the trace proof of event ${proof.eventId}`;
      } else if (proof.treeSize !== count) {
        why = `${proofFile} is a proof for a trace of ${proof.treeSize} events`;
      } else if (placed.has(proof.leafIndex)) {
        why = `its trace position is already taken by event ${placed.get(proof.leafIndex).eventId}`;
      } else {
        await verifyInclusion(proof.leafIndex, proof.treeSize, proof.hashes, fromHex(event.leafHash),
          fromHex(summary.traceRoot));
      }
    } catch (e) {
      why = e instanceof ProofError ? `${proofFile} does not lead to the summary's trace root: ${e.message}` : e.message;
    }
    if (why !== null) {
      note('completeness', event.eventId, event.logIndex, `the event is not one of the ${count} events the trace `
        + `summary covers: ${why}`);
      found++;
    } else {
      placed.set(proof.leafIndex, event);
    }
  }
  for (let position = 0; position < count; position++) {
    if (placed.has(position)) {
      continue;
    }
    const first = position;
    while (position + 1 < count && !placed.has(position + 1)) {
      position++;
    }
    const after = [...placed.keys()].filter((p) => p < first).sort((a, b) => b - a)[0];
    const next = [...placed.keys()].filter((p) => p > position).sort((a, b) => a - b)[0];
    const where = [after === undefined ? null : `after event ${placed.get(after).eventId}`,
      next === undefined ? null : `before event ${placed.get(next).eventId}`].filter((part) => part !== null);
    note('completeness', null, null, (first === position ? `trace position ${first} of ${count} is missing`
      : `trace positions ${first}–${position} of ${count} are missing`)
      + (where.length > 0 ? `: ${where.join(', ')}` : ': the bundle holds none of the case\'s events'));
    found++;
  }
  if (found === 0) {
    note('completeness', null, null, `the bundle's ${leaves.length} events of the case do not give the trace root `
      + `${summary.traceRoot} of the summary's ${count} events`);
  }
}

function readSummary(bytes) {
  const json = JSON.parse(strictUtf8.decode(bytes));
  if (json.event_type !== SUMMARY_TYPE) {
    throw new Error(`the event is a ${json.event_type} event, not a ${SUMMARY_TYPE} event`);
  }
  const output = json.output ?? {};
  if (typeof json.event_id !== 'string' || typeof json.trace_id !== 'string'
      || !Number.isSafeInteger(output.trace_event_count) || !Number.isSafeInteger(output.last_log_index)
      || typeof output.last_event_id !== 'string' || !/^[0-9a-f]{64}$/.test(output.trace_root ?? '')) {
    throw new Error(`the ${SUMMARY_TYPE} event lacks event_id, trace_id or one of output's trace_event_count, `
      + 'trace_root, last_log_index and last_event_id');
  }
  return { eventId: json.event_id, traceId: json.trace_id, timestamp: json.timestamp,
    eventCount: output.trace_event_count, traceRoot: output.trace_root, lastLogIndex: output.last_log_index,
    lastEventId: output.last_event_id };
}

function readProof(entries, file) {
  const json = readJson(entries, file);
  if (typeof json.event_id !== 'string' || !Number.isSafeInteger(json.leaf_index)
      || !Number.isSafeInteger(json.tree_size) || !Array.isArray(json.hashes)) {
    throw new Error(`${file} must have event_id, leaf_index, tree_size and hashes`);
  }
  return { eventId: json.event_id, leafIndex: json.leaf_index, treeSize: json.tree_size,
    hashes: json.hashes.map((hash) => base64Bytes(String(hash), `a hash in ${file}`)) };
}

function readJson(entries, file) {
  try {
    return JSON.parse(text(entries, file));
  } catch (e) {
    throw new KeyFormatError(`${file} is not valid JSON: ${e.message}`);
  }
}

function text(entries, file) {
  if (!entries.has(file)) {
    throw new KeyFormatError(`the bundle has no ${file}`);
  }
  return strictUtf8.decode(entries.get(file));
}

/** [log index, entry name] of the entries under a folder named by zero-padded log index, in log order. */
function indexed(entries, folder) {
  const pattern = new RegExp(`^${folder.replace('/', '\\/')}([0-9]{20})\\.json$`);
  return [...entries.keys()].map((name) => name.match(pattern)).filter((match) => match !== null)
    .map((match) => [Number(match[1]), match[0]]).sort((a, b) => a[0] - b[0]);
}

// ---- encodings ----

export function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(text) {
  return Uint8Array.from(text.match(/.{2}/g), (pair) => parseInt(pair, 16));
}

function base64(bytes) {
  return btoa(String.fromCharCode(...bytes));
}

/** Decodes canonical, padded base64 only, so that one value has one encoding. */
function base64Bytes(text, what) {
  let bytes = null;
  try {
    bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch (e) {
    bytes = null;
  }
  if (bytes === null || base64(bytes) !== text) {
    throw new KeyFormatError(`${what} must be base64, but was: ${text}`);
  }
  return bytes;
}

function pad(logIndex) {
  return String(logIndex).padStart(20, '0');
}

function bitLength(value) {
  return value === 0n ? 0 : value.toString(2).length;
}

function bitCount(value) {
  return [...value.toString(2)].filter((bit) => bit === '1').length;
}

// The case timeline, shared by the auditor console's case page and Cockpit's Audit trail tab so the two never
// differ. Everything a case holds reaches the page through textContent and DOM calls, never as HTML: a case may
// hold hostile text (a customer's name, a model's answer).

/** The event types whose content (prompt, answer) the timeline offers to show. */
const AI_TYPES = new Set(['model_call', 'decision', 'retrieval', 'tool_call', 'tool_result']);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function field(list, label, value) {
  if (value === undefined || value === null || value === '') return;
  list.append(el('dt', null, label), el('dd', null, value));
}

/** The activity an event belongs to: its activity instance, or the process itself. */
function activityOf(event) {
  const context = event.context || {};
  if (context.activity_instance_id && context.activity_id) {
    return {
      key: context.activity_instance_id,
      id: context.activity_id,
      title: (context.activity_name || context.activity_id) + ' (' + (context.activity_type || 'activity') + ')',
    };
  }
  return {key: 'process', id: null, title: 'Process ' + (context.process_definition_key || '')};
}

/** Every content reference ({content_sha256}) under a part of an event, with where it was found. */
function contentRefs(node, path, found) {
  if (node && typeof node === 'object') {
    if (typeof node.content_sha256 === 'string') found.push({path, sha256: node.content_sha256});
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'content_sha256') contentRefs(value, path ? path + '.' + key : key, found);
    }
  }
  return found;
}

function aiFacts(event) {
  const metadata = event.metadata || {};
  const ai = (event.snapshot && event.snapshot.ai) || {};
  const model = (ai.model && ai.model.model_id) || metadata['gen_ai.response.model'] || metadata['gen_ai.request.model'];
  const promptId = metadata['auditrail.prompt.id'] || (ai.prompt && ai.prompt.id);
  const promptVersion = metadata['auditrail.prompt.version'] || (ai.prompt && ai.prompt.version);
  const tokensIn = metadata['gen_ai.usage.input_tokens'];
  const tokensOut = metadata['gen_ai.usage.output_tokens'];
  const cost = metadata['auditrail.cost.amount'];
  return {
    model,
    prompt: promptId ? promptId + (promptVersion ? ' v' + promptVersion : '') : promptVersion,
    promptVersion,
    tokens: tokensIn == null && tokensOut == null ? null : (tokensIn ?? '?') + ' in / ' + (tokensOut ?? '?') + ' out',
    cost: cost == null ? null : cost + ' ' + (metadata['auditrail.cost.currency'] || '')
        + (metadata['auditrail.cost.status'] === 'unknown' ? ' (unknown)' : ''),
  };
}

function contentViewer(ref, label, fetchContent) {
  const wrapper = el('div', 'content');
  const button = el('button', 'show-content', 'Show ' + label);
  button.type = 'button';
  button.dataset.sha256 = ref.sha256;
  const text = el('pre', 'content-text');
  text.hidden = true;
  button.addEventListener('click', async () => {
    if (!text.hidden) {
      text.hidden = true;
      return;
    }
    if (!text.dataset.loaded) {
      try {
        text.textContent = await fetchContent(ref.sha256);
        text.dataset.loaded = 'true';
      } catch (error) {
        text.textContent = 'Could not load ' + ref.sha256 + ': ' + error.message;
      }
    }
    text.hidden = false;
  });
  wrapper.append(button, text);
  return wrapper;
}

function details(event, fetchContent) {
  const list = el('dl', 'event-details');
  const type = event.event_type;
  const input = event.input || {};
  const output = event.output || {};
  const parts = [list];
  if (type.startsWith('variable_')) {
    // A personal value is a token here, as in the log; a large one is a content reference shown on demand.
    const value = output.value !== undefined ? output.value : input.value;
    if (value !== undefined && !(value && typeof value === 'object' && value.content_sha256)) {
      field(list, output.name || input.name, typeof value === 'string' ? value : JSON.stringify(value));
    }
  }
  if (type === 'gateway_decision') {
    field(list, 'Decision', 'took ' + (output.sequence_flow_id || '?') + ' to ' + (output.target_activity_id || '?')
        + (output.condition ? ' because ' + output.condition : output.default ? ' (default flow)' : ''));
  }
  if (AI_TYPES.has(type)) {
    const facts = aiFacts(event);
    field(list, 'Model', facts.model);
    field(list, 'Prompt version', facts.prompt);
    field(list, 'Tokens', facts.tokens);
    field(list, 'Cost', facts.cost);
    if (type === 'decision' && output.value !== undefined) {
      field(list, 'Result', typeof output.value === 'string' ? output.value : JSON.stringify(output.value));
    }
    // A model call's input is its prompt and its output the answer; other AI steps show their input and output.
    const asked = type === 'model_call' || type === 'decision' ? 'prompt' : 'input';
    const answered = type === 'model_call' ? 'answer' : 'output';
    for (const ref of contentRefs(input, 'input', [])) {
      parts.push(contentViewer(ref, asked + ' (' + ref.path + ')', fetchContent));
    }
    for (const ref of contentRefs(output, 'output', [])) {
      parts.push(contentViewer(ref, answered + ' (' + ref.path + ')', fetchContent));
    }
  }
  if (type === 'human_review') {
    field(list, 'Reviewer', event.actor && event.actor.id);
    field(list, 'Action', output.action);
    field(list, 'Reason', output.reason);
    const patch = Array.isArray(output.patch) ? output.patch : [];
    if (patch.length > 0) {
      const diff = el('ul', 'review-diff');
      for (const change of patch) {
        const from = change.fromValue === undefined ? '' : JSON.stringify(change.fromValue) + ' \u2192 ';
        diff.append(el('li', null, change.op + ' ' + change.path + ': ' + from + JSON.stringify(change.value)));
      }
      const changes = el('dd');
      changes.append(diff);
      list.append(el('dt', null, 'Changed from the draft'), changes);
    } else {
      field(list, 'Changed from the draft', 'nothing');
    }
  }
  if (event.error) {
    field(list, 'Error', (event.error.type || '') + ': ' + (event.error.message || ''));
  }
  return parts;
}

/**
 * Renders a case's events into the container: in log order, grouped by activity, each event once as an element
 * with id "event-<event_id>" that other scripts may mark (data-verified and the like) and link to.
 *
 * @param container the element to fill (emptied first)
 * @param events the case's events, as the API answered them, in log order
 * @param fetchContent async (sha256) => text of a stored blob, for the prompt and answer on demand
 */
export function renderTimeline(container, events, fetchContent = (sha256) => fetchBlobText(sha256)) {
  container.replaceChildren();
  const groups = new Map();
  for (const event of events) {
    const activity = activityOf(event);
    let group = groups.get(activity.key);
    if (!group) {
      const section = el('section', 'activity');
      if (activity.id) section.dataset.activityId = activity.id;
      const list = el('ol', 'events');
      section.append(el('h3', null, activity.title), list);
      container.append(section);
      group = list;
      groups.set(activity.key, group);
    }
    const item = el('li', 'event event-' + event.event_type);
    item.id = 'event-' + event.event_id;
    item.dataset.eventType = event.event_type;
    const actor = event.actor || {};
    const head = el('div', 'event-head');
    head.append(el('time', 'event-time', event.timestamp), el('span', 'event-type', event.event_type),
        el('span', 'event-actor', (actor.type || '') + ':' + (actor.id || '')));
    const subject = (event.output && event.output.name) || (event.input && event.input.name);
    if (event.event_type.startsWith('variable_') && subject) head.append(el('span', 'event-subject', subject));
    item.append(head, ...details(event, fetchContent));
    group.append(item);
  }
  return container;
}

/** Per activity id, how many AI calls, reviews, overrides (reviews that did not approve) and incidents it has. */
export function activityBadges(events) {
  const badges = new Map();
  const count = (activityId, kind) => {
    if (!activityId) return;
    const entry = badges.get(activityId) || {ai: 0, reviews: 0, overrides: 0, incidents: 0};
    entry[kind]++;
    badges.set(activityId, entry);
  };
  for (const event of events) {
    const activityId = event.context && event.context.activity_id;
    if (event.event_type === 'model_call') count(activityId, 'ai');
    if (event.event_type === 'human_review') {
      count(activityId, 'reviews');
      if (event.output && event.output.action !== 'approve') count(activityId, 'overrides');
    }
    if (event.event_type === 'incident_created') count(activityId, 'incidents');
  }
  return badges;
}

/**
 * The application's root URL, without the user:password@ a page's URL may carry (fetch refuses a URL with
 * credentials, and a relative one would inherit them).
 */
export function pageRoot() {
  return location.origin + '/';
}

/** The case's events from the auditor's API: the parsed answer, or an Error carrying the problem detail. */
export async function fetchTrace(base, processInstanceId) {
  const response = await fetch(base + 'api/audit/traces/' + encodeURIComponent(processInstanceId),
      {headers: {Accept: 'application/json'}, credentials: 'same-origin'});
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.detail || 'the audit API answered ' + response.status);
    error.status = response.status;
    throw error;
  }
  return body;
}

/** A stored blob as text (never rendered as HTML). */
export async function fetchBlobText(sha256, base = pageRoot()) {
  const response = await fetch(base + 'api/audit/blobs/' + encodeURIComponent(sha256), {credentials: 'same-origin'});
  if (!response.ok) throw new Error('the audit API answered ' + response.status);
  return response.text();
}

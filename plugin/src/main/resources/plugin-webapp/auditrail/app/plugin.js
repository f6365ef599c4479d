// Auditrail's Cockpit plugins (Camunda 7.14+ frontend plugin API): the Audit trail tab of a process instance, badges
// on its diagram and a Download evidence bundle action. The webapps load it by themselves: the plugin jar registers
// it as a Cockpit plugin (org.auditrail.web.AuditTrailCockpitPlugin), so no application needs a config.js for it.
// It reads the auditor's API with the webapp session, and renders with the console's own timeline.js, so Cockpit
// and the console show a case alike. Members of other groups get the API's 403 and see that they lack the right.

// The application root, where the auditor's API is: the webapps' root (app-root, e.g. <root>/camunda) is one path
// segment below it (camunda.bpm.webapp.application-path).
const APP_ROOT = document.querySelector('base[app-root]')?.getAttribute('app-root') ?? '/camunda';
const ROOT = location.origin + APP_ROOT.replace(/\/[^/]*\/?$/, '') + '/';

// Cockpit does not load the console's style sheet (it styles the whole page): the few rules the timeline needs.
const STYLE = `
.auditrail-tab .events { list-style: none; padding-left: 1em; border-left: 3px solid #c9d1dc; }
.auditrail-tab .event-head > * { margin-right: 1em; }
.auditrail-tab .event-type { font-weight: bold; }
.auditrail-tab .event-details { display: grid; grid-template-columns: max-content auto; gap: 2px 1em; margin: 0 0 0 1em; }
.auditrail-tab .event-details dd { margin: 0; }
.auditrail-tab .content-text { white-space: pre-wrap; max-height: 30em; overflow: auto; }
.auditrail-badge { display: inline-block; margin-right: 2px; padding: 0 4px; border-radius: 8px; font-size: 11px;
  white-space: nowrap; color: #fff; }
.auditrail-badge-ai { background: #6f42c1; }
.auditrail-badge-reviews { background: #1f6f43; }
.auditrail-badge-overrides { background: #b35c00; }
.auditrail-badge-incidents { background: #b00020; }
.auditrail-badges { white-space: nowrap; }
`;

function addStyle() {
  if (!document.getElementById('auditrail-style')) {
    const style = document.createElement('style');
    style.id = 'auditrail-style';
    style.textContent = STYLE;
    document.head.appendChild(style);
  }
}

async function timelineModule() {
  return import(ROOT + 'audit/assets/timeline.js');
}

// Not timeline.js's fetchTrace: that module is served to the reader groups only, so for anyone else the refusal
// must come from this first call to the API, with its problem detail.
async function fetchTrace(processInstanceId) {
  const response = await fetch(ROOT + 'api/audit/traces/' + encodeURIComponent(processInstanceId),
      {headers: {Accept: 'application/json'}, credentials: 'same-origin'});
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.detail || 'the audit API answered ' + response.status);
    error.status = response.status;
    throw error;
  }
  return body;
}

// The tab, the badges and the action of one page view ask once: each call to the API is an audited access.
const recentTraces = new Map();

function traceOf(processInstanceId) {
  const cached = recentTraces.get(processInstanceId);
  if (cached && Date.now() - cached.at < 5000) return cached.trace;
  const trace = fetchTrace(processInstanceId);
  recentTraces.set(processInstanceId, {at: Date.now(), trace});
  return trace;
}

function bundleLink(processInstanceId) {
  const link = document.createElement('a');
  link.className = 'btn btn-default auditrail-bundle';
  link.href = ROOT + 'api/audit/traces/' + encodeURIComponent(processInstanceId) + '/bundle';
  link.textContent = 'Download evidence bundle';
  link.setAttribute('download', '');
  return link;
}

function refusal(node, error) {
  const message = document.createElement('p');
  message.className = 'auditrail-refused';
  message.dataset.status = String(error.status || 'error');
  message.textContent = error.status === 403
      ? 'You lack the right to see the audit trail: ' + error.message
      : 'The audit trail could not be loaded: ' + error.message;
  node.replaceChildren(message);
}

async function renderTab(node, processInstanceId) {
  addStyle();
  const panel = document.createElement('div');
  panel.className = 'auditrail-tab';
  panel.dataset.status = 'loading';
  node.appendChild(panel);
  try {
    const trace = await traceOf(processInstanceId);
    const {renderTimeline, fetchBlobText} = await timelineModule();
    const header = document.createElement('p');
    header.textContent = trace.event_count + ' audit events ';
    header.append(bundleLink(processInstanceId));
    const timeline = document.createElement('div');
    timeline.id = 'timeline';
    panel.replaceChildren(header, timeline);
    renderTimeline(timeline, trace.events, (sha256) => fetchBlobText(sha256, ROOT));
    panel.dataset.status = 'loaded';
  } catch (error) {
    refusal(panel, error);
    panel.dataset.status = 'refused';
  }
}

function badge(kind, count, title) {
  const span = document.createElement('span');
  span.className = 'auditrail-badge auditrail-badge-' + kind;
  span.title = title;
  span.textContent = kind === 'ai' ? 'AI ' + count : kind === 'reviews' ? 'Review ' + count
      : kind === 'overrides' ? 'Override ' + count : 'Incident ' + count;
  return span;
}

async function renderBadges(viewer, processInstanceId) {
  let trace;
  try {
    trace = await traceOf(processInstanceId);
  } catch (error) {
    return; // no right to the trail: no badges
  }
  addStyle();
  const {activityBadges} = await timelineModule();
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  for (const [activityId, counts] of activityBadges(trace.events)) {
    if (!registry.get(activityId)) continue;
    const html = document.createElement('div');
    html.className = 'auditrail-badges';
    html.dataset.activityId = activityId;
    for (const kind of ['ai', 'reviews', 'overrides', 'incidents']) {
      if (counts[kind] > 0) html.append(badge(kind, counts[kind], counts[kind] + ' ' + kind + ' in the audit trail'));
    }
    overlays.add(activityId, 'auditrail', {position: {bottom: 8, left: 0}, html});
  }
}

const tab = (pluginPoint, id) => ({
  id,
  pluginPoint,
  priority: 5,
  properties: {label: 'Audit trail'},
  render: (node, {processInstanceId}) => {
    renderTab(node, processInstanceId);
  },
});

export default [
  tab('cockpit.processInstance.runtime.tab', 'auditrail.processInstance.runtime.auditTrail'),
  tab('cockpit.processInstance.history.tab', 'auditrail.processInstance.history.auditTrail'),
  {
    id: 'auditrail.processInstance.diagram.badges',
    pluginPoint: 'cockpit.processInstance.diagram.plugin',
    priority: 5,
    render: (viewer, {processInstanceId}) => {
      renderBadges(viewer, processInstanceId);
    },
  },
  {
    id: 'auditrail.processInstance.runtime.bundle',
    pluginPoint: 'cockpit.processInstance.runtime.action',
    priority: 5,
    render: (node, {processInstanceId}) => {
      // An icon button, like Cockpit's other actions, for those who may read the trail.
      const link = bundleLink(processInstanceId);
      link.className = 'btn btn-default action-button auditrail-bundle-action';
      link.title = link.textContent;
      link.textContent = '';
      const icon = document.createElement('span');
      icon.className = 'glyphicon glyphicon-download-alt';
      link.appendChild(icon);
      traceOf(processInstanceId).then(() => node.appendChild(link), () => {});
    },
  },
];

// Alerts where auditors look: on the console's start page the open alerts, on a case page every alert naming the
// case (open and acknowledged). Members of the alert groups (data-may-acknowledge, a hint only: the API decides)
// get an Acknowledge action with a required reason, sent as a same-origin JSON POST. Values from the API go into the
// page as text only. Requests go to location.origin: the page's URL may carry user:password@, which fetch refuses.

import {problemOf} from './problems.js';

const section = document.getElementById('alerts');

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function caseLink(caseId) {
  if (!caseId) return el('span', 'none (about the log)');
  const link = el('a', caseId);
  link.href = '/audit/cases/' + encodeURIComponent(caseId);
  return link;
}

function acknowledgeForm(alert, reload) {
  const form = el('form', null, 'acknowledge');
  const reason = el('input');
  reason.name = 'reason';
  // Checked here rather than by the browser's own validation, so the page says what is missing.
  reason.setAttribute('aria-required', 'true');
  reason.maxLength = 1000;
  reason.placeholder = 'Reason (required)';
  reason.setAttribute('aria-label', 'Reason for acknowledging alert ' + alert.id);
  const button = el('button', 'Acknowledge');
  button.type = 'submit';
  const problem = el('span', null, 'failed');
  form.append(reason, button, problem);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!reason.value.trim()) {
      problem.textContent = ' A reason is required.';
      return;
    }
    button.disabled = true;
    problem.textContent = '';
    try {
      const response = await fetch(location.origin + '/api/alerts/' + encodeURIComponent(alert.id) + '/acknowledge', {
        method: 'POST', credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', Accept: 'application/json'},
        body: JSON.stringify({reason: reason.value.trim()})
      });
      if (!response.ok) throw new Error(await problemOf(response));
      await reload();
    } catch (error) {
      problem.textContent = ' Not acknowledged: ' + error.message;
      button.disabled = false;
    }
  });
  return form;
}

function row(alert, showCase, mayAcknowledge, reload) {
  const tr = el('tr', null, 'alert');
  tr.dataset.alertId = alert.id;
  tr.dataset.state = alert.state;
  tr.append(el('td', alert.raised_at), el('td', alert.rule_name + ' (' + alert.condition + ')'), el('td', alert.summary));
  if (showCase) {
    const cell = el('td');
    cell.append(caseLink(alert.case));
    tr.append(cell);
  }
  const state = el('td', null, 'alert-state');
  if (alert.acknowledged) {
    state.textContent = 'acknowledged by ' + alert.acknowledged.by + ' at ' + alert.acknowledged.at + ': '
        + alert.acknowledged.reason;
  } else {
    state.append(el('span', 'open'));
    if (mayAcknowledge) state.append(acknowledgeForm(alert, reload));
  }
  tr.append(state);
  return tr;
}

async function load() {
  const caseId = section.dataset.caseId;
  const mayAcknowledge = section.dataset.mayAcknowledge === 'true';
  const status = el('p', null, 'alerts-status');
  status.id = 'alerts-status';
  const heading = el('h2', caseId ? 'Alerts about this case' : 'Open alerts');
  // On a case page the alerts naming the case, open or acknowledged; on the start page the open ones.
  const response = await fetch(location.origin + '/api/alerts'
      + (caseId ? '?case=' + encodeURIComponent(caseId) : '?state=open'),
    {headers: {Accept: 'application/json'}, credentials: 'same-origin'});
  if (!response.ok) {
    status.textContent = response.status === 403 ? 'You may not read alerts.'
      : 'Alerts could not be read: ' + await problemOf(response);
    section.replaceChildren(heading, status);
    return;
  }
  const alerts = (await response.json()).alerts || [];
  if (alerts.length === 0) {
    status.textContent = caseId ? 'No alert names this case.' : 'No alert is open.';
    section.replaceChildren(heading, status);
    return;
  }
  const table = el('table');
  table.id = 'alerts-table';
  const head = el('tr');
  for (const title of ['Raised at', 'Rule', 'Summary'].concat(caseId ? [] : ['Case'], ['State'])) {
    head.append(el('th', title));
  }
  table.append(head);
  for (const alert of alerts) table.append(row(alert, !caseId, mayAcknowledge, load));
  section.replaceChildren(heading, table);
}

if (section) {
  load().catch((error) => {
    section.replaceChildren(el('h2', 'Alerts'), el('p', 'Alerts could not be read: ' + error.message, 'failed'));
  });
}

// The case narrative on the auditor's case page: Summarize asks the auditor's API for a narrative written by the
// configured model and checked against the case's events, and shows it marked as AI-written, with each sentence's
// citations linking to the events in the timeline (#event-<id>). Everything the model wrote is set as text, never
// as markup.

import {problemOf} from './problems.js';

const section = document.getElementById('narrative');

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

function apiPath(caseId) {
  // location.origin: the page URL may carry user:password@, which fetch refuses.
  return location.origin + '/api/audit/cases/' + encodeURIComponent(caseId) + '/narrative';
}

function renderNarrative(result, recorded) {
  result.replaceChildren();
  const narrative = recorded.narrative || {};
  const check = narrative.check || {};
  const model = recorded.model || {};
  const note = element('p', 'ai-written');
  note.id = 'narrative-ai-written';
  note.textContent = 'AI-written by model ' + model.id + ' (' + model.provider + ', configuration ' + model.config
      + ') with prompt ' + recorded.prompt + ', asked for by ' + recorded.requested_by + ' at '
      + recorded.recorded_at + '. Each sentence was checked against the events it cites; a sentence that failed'
      + ' the check is not shown.';
  result.append(note);

  if (check.result === 'answer_refused') {
    result.append(element('p', 'problem', 'The model\'s answer was refused as a whole: ' + check.refusal));
  }
  const sentences = element('ol');
  sentences.id = 'narrative-sentences';
  for (const sentence of narrative.sentences || []) {
    const item = element('li', 'narrative-sentence');
    item.append(element('span', 'narrative-text', sentence.text));
    for (const eventId of sentence.citations || []) {
      // The ids' last characters: their first ones are a time stamp that the events of a case share.
      const link = element('a', 'citation', '[' + String(eventId).slice(-8) + ']');
      link.href = '#event-' + encodeURIComponent(eventId);
      link.title = 'event ' + eventId;
      link.dataset.eventId = eventId;
      item.append(link);
    }
    sentences.append(item);
  }
  result.append(sentences);

  const dropped = element('p', 'narrative-dropped');
  dropped.id = 'narrative-dropped';
  dropped.dataset.count = String(narrative.dropped || 0);
  dropped.textContent = 'Sentences dropped by the check: ' + (narrative.dropped || 0);
  result.append(dropped);
  if ((narrative.dropped_sentences || []).length > 0) {
    const reasons = element('ul', 'narrative-dropped');
    for (const drop of narrative.dropped_sentences) {
      reasons.append(element('li', null, 'sentence ' + (drop.index + 1) + ': ' + drop.reason + ' (' + drop.detail
          + ')'));
    }
    result.append(reasons);
  }

  const tags = element('p', 'narrative-risk-tags');
  tags.id = 'narrative-risk-tags';
  tags.append(element('span', null, 'AI-proposed risk tags: '));
  const proposed = narrative.risk_tags || [];
  if (proposed.length === 0) {
    tags.append(element('span', null, 'none'));
  }
  for (const tag of proposed) {
    tags.append(element('span', 'risk-tag', tag));
  }
  if ((narrative.dropped_risk_tags || []).length > 0) {
    tags.append(element('span', 'narrative-dropped', ' (' + narrative.dropped_risk_tags.length
        + ' proposed tag(s) outside the configured list dropped)'));
  }
  result.append(tags);
}

function start() {
  if (!section) {
    return;
  }
  const caseId = section.dataset.caseId;
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = '/audit/assets/narrative.css';
  document.head.append(style);

  section.append(element('h2', null, 'Case narrative'));
  const button = element('button', null, 'Summarize');
  button.id = 'narrative-summarize';
  button.type = 'button';
  const status = element('p', 'narrative-status');
  status.id = 'narrative-status';
  const result = element('div');
  result.id = 'narrative-result';
  section.append(button, status, result);

  button.addEventListener('click', async () => {
    button.disabled = true;
    status.className = 'narrative-status';
    status.textContent = 'Asking the model and checking its citations…';
    try {
      const response = await fetch(apiPath(caseId), {
        method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'application/json'}, body: '{}'
      });
      if (!response.ok) {
        throw new Error(await problemOf(response));
      }
      renderNarrative(result, await response.json());
      status.textContent = '';
    } catch (error) {
      status.className = 'narrative-status problem';
      status.textContent = 'No narrative: ' + error.message;
    } finally {
      button.disabled = false;
    }
  });

  // The latest recorded narrative, if there is one; none yet is not an error.
  fetch(apiPath(caseId), {credentials: 'same-origin'}).then(async (response) => {
    if (response.ok) {
      renderNarrative(result, await response.json());
    } else if (response.status === 404) {
      status.textContent = 'No narrative has been recorded for this case yet.';
    }
  }).catch(() => {});
}

start();

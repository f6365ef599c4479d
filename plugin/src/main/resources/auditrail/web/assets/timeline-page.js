// The console's case page: fills #timeline with the case's events (see timeline.js).
import {fetchTrace, pageRoot, renderTimeline} from './timeline.js';

const section = document.getElementById('timeline');
const caseId = section.dataset.caseId;
section.dataset.status = 'loading';
try {
  const trace = await fetchTrace(pageRoot(), caseId);
  const heading = document.createElement('h2');
  heading.textContent = 'Timeline (' + trace.event_count + ' events)';
  const events = document.createElement('div');
  section.append(heading, events);
  renderTimeline(events, trace.events);
  section.dataset.status = 'loaded';
} catch (error) {
  const message = document.createElement('p');
  message.className = 'failed';
  message.textContent = error.message;
  section.append(message);
  section.dataset.status = 'failed';
}

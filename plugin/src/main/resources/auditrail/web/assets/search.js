// The console's case search: a form whose fields are the parameters of GET /api/audit/cases, and a result table
// linking each case to its page. Values from the API go into the page as text only. Requests go to
// location.origin: the page's URL may carry user:password@, which fetch refuses.

const FIELDS = [
  ['businessKey', 'Business key', 'text'],
  ['processDefinitionKey', 'Process', 'text'],
  ['from', 'From (ISO instant)', 'text'],
  ['to', 'To (ISO instant)', 'text'],
  ['eventType', 'Event type', 'text'],
  ['actorId', 'Actor', 'text'],
  ['modelId', 'Model id', 'text'],
  ['promptVersion', 'Prompt version', 'text'],
];
const COLUMNS = [
  ['process_instance_id', 'Case'], ['process_definition_key', 'Process'], ['business_key', 'Business key'],
  ['first_event_time', 'First event'], ['last_event_time', 'Last event'], ['event_count', 'Events'],
  ['ai_calls', 'AI calls'], ['reviews', 'Reviews'],
];

function el(tag, text) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

const section = document.getElementById('search');
const form = el('form');
form.id = 'case-search';
for (const [name, label, type] of FIELDS) {
  const wrapper = el('label', label + ' ');
  const input = el('input');
  input.name = name;
  input.id = 'search-' + name;
  input.type = type;
  wrapper.append(input);
  form.append(wrapper);
}
const submit = el('button', 'Search');
submit.type = 'submit';
form.append(submit);
const status = el('p');
status.id = 'search-status';
const results = el('div');
results.id = 'search-results';
section.append(el('h2', 'Find a case'), form, status, results);

let page = 0;

async function search() {
  const query = new URLSearchParams();
  for (const [name] of FIELDS) {
    const value = form.elements[name].value.trim();
    if (value) query.set(name, value);
  }
  query.set('page', String(page));
  status.className = '';
  status.textContent = 'Searching\u2026';
  const response = await fetch(location.origin + '/api/audit/cases?' + query, {headers: {Accept: 'application/json'},
    credentials: 'same-origin'});
  const body = await response.json().catch(() => ({}));
  results.replaceChildren();
  if (!response.ok) {
    status.className = 'failed';
    status.textContent = (body.parameter ? body.parameter + ': ' : '') + (body.detail || response.status);
    return;
  }
  status.textContent = body.total + ' case(s); page ' + (body.page + 1) + ' of ' + Math.max(1,
      Math.ceil(body.total / body.size));
  const table = el('table');
  table.id = 'case-results';
  const head = el('tr');
  for (const [, title] of COLUMNS) head.append(el('th', title));
  table.append(head);
  for (const found of body.cases) {
    const row = el('tr');
    row.dataset.caseId = found.process_instance_id;
    for (const [key] of COLUMNS) {
      const cell = el('td');
      if (key === 'process_instance_id') {
        const link = el('a', found[key]);
        link.href = '/audit/cases/' + encodeURIComponent(found[key]);
        cell.append(link);
      } else {
        cell.textContent = found[key] == null ? '' : String(found[key]);
      }
      row.append(cell);
    }
    table.append(row);
  }
  results.append(table);
  const pager = el('nav');
  if (body.page > 0) pager.append(pageButton('Previous', body.page - 1));
  if ((body.page + 1) * body.size < body.total) pager.append(pageButton('Next', body.page + 1));
  results.append(pager);
}

function pageButton(label, target) {
  const button = el('button', label);
  button.type = 'button';
  button.addEventListener('click', () => {
    page = target;
    search();
  });
  return button;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  page = 0;
  search();
});

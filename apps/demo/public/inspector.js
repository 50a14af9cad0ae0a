// The inspector page: entries from GET /inspector/events (server-sent events),
// and a form that sends a message through the demo's own POST /messages.
const MAX_ROWS = 200;
const $ = (selector) => document.querySelector(selector);

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function idsText(ids) {
  return Object.entries(ids).map(([name, value]) => `${name}=${value}`).join(' ');
}

function time(iso) {
  return new Date(iso).toLocaleTimeString();
}

function signatureText(verified) {
  if (verified === true) return ['verified', 'ok'];
  if (verified === false) return ['invalid', 'bad'];
  return ['not checked', ''];
}

function rowFor(entry) {
  const tr = document.createElement('tr');
  tr.dataset.seq = String(entry.seq);
  tr.dataset.action = entry.action ?? '';
  tr.className = 'fresh';
  const good = entry.status >= 200 && entry.status < 300;
  if (entry.kind === 'sent') {
    const attempts = entry.attempts === undefined ? '' : `, ${entry.attempts} attempt(s)`;
    tr.append(
      cell(time(entry.at)),
      cell(entry.route),
      cell(entry.action),
      cell(idsText(entry.ids), 'ids'),
      cell(`${entry.status} ${entry.outcome}${attempts}, ${entry.durationMs} ms`, good ? 'ok' : 'bad'),
    );
  } else {
    const [signature, signatureClass] = signatureText(entry.signatureVerified);
    tr.append(
      cell(time(entry.at)),
      cell(entry.action ?? '?'),
      cell(idsText(entry.ids), 'ids'),
      cell(signature, `signature ${signatureClass}`),
      cell(`${entry.status} ${entry.answer}`, good ? 'ok' : 'bad'),
    );
  }
  return tr;
}

function show(entry) {
  const body = $(entry.kind === 'sent' ? '#sent tbody' : '#received tbody');
  // A reconnected stream replays what the page may already have.
  if (body.querySelector(`tr[data-seq="${entry.seq}"]`)) return;
  body.prepend(rowFor(entry));
  while (body.rows.length > MAX_ROWS) body.deleteRow(-1);
}

function showTarget(target) {
  if (target.engage === 'embedded-emulator') {
    $('#target').textContent = `Sending to the embedded Engage emulator at ${target.baseUrl}.`;
    return;
  }
  $('#target').textContent = `Sending to Engage at ${target.baseUrl}.`;
  $('#received-title').textContent = 'Received by Engage';
  $('#received-note').textContent = "Engage's side is not visible from here: only the embedded emulator reports what it received.";
  $('#received-note').hidden = false;
  $('#received').hidden = true;
}

const events = new EventSource('/inspector/events');
events.addEventListener('hello', (e) => showTarget(JSON.parse(e.data)));
events.addEventListener('entry', (e) => show(JSON.parse(e.data)));
events.addEventListener('open', () => ($('#live').textContent = 'live'));
events.addEventListener('error', () => ($('#live').textContent = 'reconnecting…'));

$('#message-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const now = new Date().toISOString();
  const screenname = String(form.get('screenname'));
  const message = {
    id: `inspector-${Date.now()}`,
    thread_id: String(form.get('thread_id')),
    body: String(form.get('body')),
    format: 'text',
    author: { id: `user-${screenname.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, screenname, created_at: now, updated_at: now },
  };
  $('#answer').textContent = 'Sending…';
  try {
    // JSON, as every sending route requires: a page of another site could not send this without the demo's consent.
    const res = await fetch('/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
    $('#answer').textContent = `${res.status} ${res.statusText}\n${JSON.stringify(await res.json(), null, 2)}`;
  } catch (error) {
    $('#answer').textContent = `The demo did not answer: ${error}`;
  }
});

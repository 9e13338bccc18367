// The archive console: plain modern JavaScript, no build step and no library. Every
// answer comes from the server's own Jira-compatible REST API under /rest/api/3, with
// the signed-in user's Basic credentials (kept in this tab's sessionStorage only).
'use strict';

const API = '/rest/api/3';
const $ = (id) => document.getElementById(id);
const state = { auth: sessionStorage.getItem('jqlConsoleAuth'), fields: [], functions: [],
                reserved: new Set(), parseSeq: 0, preview: null, task: null, poll: null };

// ------------------------------------------------------------------ the API
async function call(method, path, body) {
  const headers = { 'Authorization': 'Basic ' + state.auth, 'Accept': 'application/json',
                    'X-Requested-With': 'XMLHttpRequest' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(API + path, { method, headers, cache: 'no-store',
                                        body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  return { status: res.status, body: json, text };
}

// Jira's error shapes: {errorMessages, errors}, or a bare array of strings.
function errorText(reply) {
  const b = reply.body;
  if (Array.isArray(b)) return b.join(' ');
  if (b && Array.isArray(b.errorMessages) && b.errorMessages.length) return b.errorMessages.join(' ');
  if (b && b.errors && Object.keys(b.errors).length) return Object.values(b.errors).join(' ');
  return 'The server answered ' + reply.status + '.';
}

const number = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : '–');

// ------------------------------------------------------------------ sign in
async function signIn(event) {
  event.preventDefault();
  $('signin-error').textContent = '';
  const email = $('email').value.trim();
  const token = $('token').value;
  state.auth = btoa(unescape(encodeURIComponent(email + ':' + token)));
  const me = await call('GET', '/myself');
  if (me.status !== 200) {
    state.auth = null;
    $('signin-error').textContent = me.status === 401 ? 'The e-mail or token is wrong.' : errorText(me);
    return;
  }
  sessionStorage.setItem('jqlConsoleAuth', state.auth);
  $('token').value = '';
  await start(me.body);
}

function signOut() {
  sessionStorage.removeItem('jqlConsoleAuth');
  state.auth = null;
  location.reload();
}

async function start(me) {
  $('who').textContent = 'Signed in as ' + (me.displayName || me.emailAddress || me.accountId);
  $('who').hidden = false;
  $('signout-button').hidden = false;
  $('signin').hidden = true;
  $('app').hidden = false;
  const data = await call('GET', '/jql/autocompletedata');
  if (data.status === 200) {
    state.fields = data.body.visibleFieldNames || [];
    state.functions = data.body.visibleFunctionNames || [];
    state.reserved = new Set((data.body.jqlReservedWords || []).map((w) => w.toLowerCase()));
  }
  $('jql').focus();
  edited();
  refreshTasks();
}

// ------------------------------------------------------------------ highlighting
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc',
  'desc', 'was', 'changed', 'from', 'to', 'after', 'before', 'during', 'on']);

// Tokens with their offsets: strings, operators, words, punctuation, spaces.
function tokenize(text) {
  const out = [];
  const re = /("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?)|(!=|!~|<=|>=|[=<>~])|([^\s"'(),=!<>~]+)|([(),])|(\s+)|(.)/gy;
  let m;
  while ((m = re.exec(text)) !== null) {
    const kind = m[1] ? 'string' : m[2] ? 'operator' : m[3] ? 'word' : m[4] ? 'punct' : m[5] ? 'space' : 'other';
    out.push({ kind, text: m[0], start: m.index, end: m.index + m[0].length });
    if (re.lastIndex === text.length) break;
  }
  return out;
}

function render(errorSpans) {
  const text = $('jql').value;
  const pre = $('highlight');
  pre.textContent = '';
  const tokens = tokenize(text);
  const inError = (t) => errorSpans.some((s) => t.start < s.end && t.end > s.start);
  tokens.forEach((t, i) => {
    let cls = '';
    if (t.kind === 'string') cls = 'tok-string';
    else if (t.kind === 'operator') cls = 'tok-operator';
    else if (t.kind === 'word') {
      const next = tokens.slice(i + 1).find((n) => n.kind !== 'space');
      if (KEYWORDS.has(t.text.toLowerCase())) cls = 'tok-keyword';
      else if (next && next.text === '(') cls = 'tok-function';
      else if (/^-?\d+(\.\d+)?[a-z]?$/i.test(t.text)) cls = 'tok-number';
    }
    if (inError(t)) cls += ' error-span';
    if (!cls) { pre.append(t.text); return; }
    const span = document.createElement('span');
    span.className = cls.trim();
    span.textContent = t.text;
    pre.append(span);
  });
  pre.append('\n');  // keeps the last line's height when the text ends in a newline
}

// Where an error points: Jira's "(line L, character C)", else the first quoted name
// of the message found in the query ("Field 'x' does not exist").
function spanOf(message, text) {
  const at = /\(line (\d+), character (\d+)\)/.exec(message);
  if (at) {
    const lines = text.split('\n');
    let offset = 0;
    for (let l = 1; l < Number(at[1]) && l <= lines.length; l++) offset += lines[l - 1].length + 1;
    offset += Number(at[2]) - 1;
    const token = tokenize(text).find((t) => t.start <= offset && offset < t.end && t.kind !== 'space');
    return token ? { start: token.start, end: token.end } : { start: offset, end: offset + 1 };
  }
  const quoted = /'([^']+)'/g;
  let q;
  while ((q = quoted.exec(message)) !== null) {
    const i = text.indexOf(q[1]);
    if (i >= 0) return { start: i, end: i + q[1].length };
  }
  return null;
}

// ------------------------------------------------------------------ validation and dry run
let debounce = null;
function edited() {
  render([]);
  complete();
  clearTimeout(debounce);
  debounce = setTimeout(check, 250);
}

async function check() {
  const text = $('jql').value;
  const seq = ++state.parseSeq;
  const parsed = await call('POST', '/jql/parse?validation=strict', { queries: [text] });
  if (seq !== state.parseSeq) return;  // a newer edit is on its way
  const box = $('jql-errors');
  box.textContent = '';
  if (parsed.status !== 200) { box.textContent = errorText(parsed); return; }
  const errors = parsed.body.queries[0].errors || [];
  const spans = [];
  for (const message of errors) {
    const p = document.createElement('p');
    p.className = 'jql-error';
    p.textContent = message;
    const span = spanOf(message, text);
    if (span) {
      spans.push(span);
      p.dataset.start = span.start;
      p.dataset.end = span.end;
    }
    box.append(p);
  }
  render(spans);
  $('jql').setAttribute('aria-invalid', errors.length ? 'true' : 'false');
  if (errors.length) { showPreview(null, 'Fix the query to see what it would archive.'); return; }
  $('dryrun').dataset.query = '';
  dryRun(text, seq);
}

async function dryRun(text, seq) {
  $('dryrun-state').textContent = 'Counting…';
  const [preview, sample] = await Promise.all([
    call('POST', '/issue/archive/preview', { jql: text }),
    call('POST', '/search/jql', { jql: text, maxResults: 10, fields: ['summary', 'status', 'updated'] }),
  ]);
  if (seq !== state.parseSeq) return;
  if (preview.status !== 200) { showPreview(null, errorText(preview)); return; }
  showPreview(preview.body, '');
  const body = $('sample').tBodies[0];
  body.textContent = '';
  for (const issue of (sample.status === 200 ? sample.body.issues : [])) {
    const row = body.insertRow();
    const f = issue.fields || {};
    [issue.key, f.summary || '', f.status ? f.status.name : '', (f.updated || '').slice(0, 16).replace('T', ' ')]
      .forEach((v) => { row.insertCell().textContent = v; });
  }
}

function showPreview(p, message) {
  state.preview = p;
  $('dryrun').dataset.query = p ? p.jql : '';  // which query the counts are of
  $('dryrun-state').textContent = message || (p ? 'What archiving this query would do now:' : '');
  $('count-matched').textContent = number(p && p.issuesMatched);
  $('count-selected').textContent = number(p && p.issuesToArchive);
  $('count-subtasks').textContent = number(p && p.subtasksToArchive);
  $('count-skipped-subtasks').textContent = number(p && p.skipped.issueIsSubtask.count);
  $('count-unlicensed').textContent = number(p && p.skipped.issuesInUnlicensedProjects.count);
  $('count-over').textContent = number(p && p.issuesOverLimit);
  const cap = $('cap-warning');
  cap.hidden = !(p && p.limitReached);
  if (p && p.limitReached) {
    cap.textContent = 'The 100,000 cap is reached: ' + number(p.issuesOverLimit) +
      ' more matching issues would not be archived by this request.';
  }
  if (!p) $('sample').tBodies[0].textContent = '';
  const button = $('archive-button');
  const why = $('archive-unavailable');
  button.hidden = !(p && p.canArchive);
  button.disabled = !(p && p.canArchive && p.issuesToArchive > 0) || state.task !== null;
  why.hidden = !(p && !p.canArchive);
  if (p && !p.canArchive) why.textContent = 'Archiving is not available to you: ' + p.archiveDenied;
}

// ------------------------------------------------------------------ completion
function currentWord() {
  const area = $('jql');
  const upto = area.value.slice(0, area.selectionStart);
  const m = /[^\s"'(),=!<>~]*$/.exec(upto);
  return { word: m[0], start: upto.length - m[0].length, before: upto.slice(0, upto.length - m[0].length) };
}

async function complete() {
  const seq = state.completeSeq = (state.completeSeq || 0) + 1;
  const list = $('completions');
  const { word, before } = currentWord();
  const prior = tokenize(before).filter((t) => t.kind !== 'space');
  const last = prior[prior.length - 1];
  let items = [];
  const lower = word.toLowerCase();
  const fieldOf = (token) => token && state.fields.find((f) => f.value.toLowerCase() === token.text.replace(/^"|"$/g, '').toLowerCase());
  if (!last || (last.kind === 'word' && ['and', 'or', 'not'].includes(last.text.toLowerCase())) || last.text === '(') {
    items = state.fields.filter((f) => f.value.toLowerCase().startsWith(lower)).map((f) => f.value);
  } else if (fieldOf(last) && (last.kind === 'word' || last.kind === 'string')) {
    // After a field: its operators (the worded ones; symbols need no completion).
    items = (fieldOf(last).operators || []).filter((o) => /^[a-z]/i.test(o) && o.toLowerCase().startsWith(lower));
  } else if (last.kind === 'operator' || (last.kind === 'word' && ['in', 'is', 'was'].includes(last.text.toLowerCase()))) {
    const field = prior.length >= 2 ? prior[prior.length - 2].text.replace(/^"|"$/g, '') : '';
    items = state.functions.filter((f) => f.value.toLowerCase().startsWith(lower)).map((f) => f.value);
    if (field && word.length > 0) {
      const s = await call('GET', '/jql/autocompletedata/suggestions?fieldName=' + encodeURIComponent(field) +
                                  '&fieldValue=' + encodeURIComponent(word));
      if (seq !== state.completeSeq) return;  // the text changed while this was asked
      if (s.status === 200) items = s.body.results.map((r) => r.value).concat(items);
    }
  }
  items = items.slice(0, 12);
  list.textContent = '';
  if (!word || items.length === 0 || (items.length === 1 && items[0] === word)) {
    list.hidden = true;
    $('jql').setAttribute('aria-expanded', 'false');
    return;
  }
  items.forEach((value, i) => {
    const li = document.createElement('li');
    li.setAttribute('role', 'option');
    li.id = 'completion-' + i;
    li.textContent = value;
    li.setAttribute('aria-selected', i === 0 ? 'true' : 'false');
    li.addEventListener('mousedown', (e) => { e.preventDefault(); accept(value); });
    list.append(li);
  });
  list.hidden = false;
  $('jql').setAttribute('aria-expanded', 'true');
}

function accept(value) {
  const area = $('jql');
  const { start } = currentWord();
  const quoted = /[\s"]/.test(value) && !value.endsWith(')') ? '"' + value.replace(/"/g, '\\"') + '"' : value;
  area.value = area.value.slice(0, start) + quoted + area.value.slice(area.selectionStart);
  area.selectionStart = area.selectionEnd = start + quoted.length;
  $('completions').hidden = true;
  edited();
}

function keys(event) {
  const list = $('completions');
  if (list.hidden) return;
  const options = [...list.children];
  const at = options.findIndex((o) => o.getAttribute('aria-selected') === 'true');
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const next = (at + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
    options.forEach((o, i) => o.setAttribute('aria-selected', i === next ? 'true' : 'false'));
    $('jql').setAttribute('aria-activedescendant', options[next].id);
  } else if (event.key === 'Tab' || event.key === 'Enter') {
    event.preventDefault();
    accept(options[Math.max(0, at)].textContent);
  } else if (event.key === 'Escape') {
    list.hidden = true;
  }
}

// ------------------------------------------------------------------ archive and tasks
function askToArchive() {
  const p = state.preview;
  if (!p) return;
  $('confirm-text').textContent = 'Archive ' + number(p.issuesToArchive) + ' issues' +
    (p.subtasksToArchive ? ' and their ' + number(p.subtasksToArchive) + ' subtasks' : '') +
    '? Archived issues leave searches and boards until they are unarchived.';
  $('confirm').showModal();
}

async function archive() {
  $('confirm').close();
  const reply = await call('POST', '/issue/archive', { jql: $('jql').value });
  $('progress').hidden = false;
  $('result').textContent = '';
  if (reply.status !== 202) { $('result').textContent = errorText(reply); return; }
  watch(String(reply.body).split('/').pop());
}

function watch(id) {
  state.task = id;
  $('progress-task').textContent = id;
  $('cancel-button').disabled = false;
  $('archive-button').disabled = true;
  clearInterval(state.poll);
  state.poll = setInterval(() => pollTask(id), 300);
  pollTask(id);
}

async function pollTask(id) {
  const reply = await call('GET', '/task/' + id);
  if (reply.status !== 200) return;
  const t = reply.body;
  $('progress-bar').value = t.progress;
  $('progress-percent').textContent = t.progress + '%';
  $('progress-status').textContent = t.status;
  $('progress-elapsed').textContent = (t.elapsedRuntime / 1000).toFixed(1) + ' s';
  $('progress-message').textContent = t.message || '';
  if (['COMPLETE', 'FAILED', 'CANCELLED', 'DEAD'].includes(t.status)) {
    clearInterval(state.poll);
    state.task = null;
    $('cancel-button').disabled = true;
    showResult(t);
    refreshTasks();
    check();
  }
}

function showResult(t) {
  const box = $('result');
  box.textContent = '';
  const r = t.result || {};
  const head = document.createElement('p');
  head.id = 'result-summary';
  head.textContent = t.status + ': ' + number(r.numberOfIssuesUpdated || 0) + ' issues archived.';
  box.append(head);
  for (const [group, detail] of Object.entries(r.errors || {})) {
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = group + ': ' + (detail.count || 0) + ' (' + (detail.issueIdsOrKeys || []).slice(0, 10).join(', ') + ')' +
      (detail.message ? ' — ' + detail.message : '');
    box.append(p);
  }
}

async function cancelTask() {
  if (!state.task) return;
  const reply = await call('POST', '/task/' + state.task + '/cancel');
  if (reply.status !== 202) $('progress-message').textContent = errorText(reply);
}

async function refreshTasks() {
  const reply = await call('GET', '/task');
  const body = $('task-table').tBodies[0];
  body.textContent = '';
  if (reply.status !== 200) return;
  for (const t of reply.body) {
    const row = body.insertRow();
    row.dataset.task = t.id;
    const r = t.result || {};
    const what = t.kind === 'archive' ? t.jql || t.description : t.payload || t.description;
    const result = t.kind === 'archive' ? (r.numberOfIssuesUpdated !== undefined ? number(r.numberOfIssuesUpdated) + ' archived' : '')
                                        : (r.numberOfIssues !== undefined ? number(r.numberOfIssues) + ' exported' : '');
    [t.id, t.kind, t.status + (t.status === 'RUNNING' ? ' ' + t.progress + '%' : ''), t.submitter,
     new Date(t.submitted).toISOString().slice(0, 16).replace('T', ' '), what, result]
      .forEach((v, i) => { const c = row.insertCell(); c.textContent = v; if (i === 5) c.className = 'jql'; });
  }
}

// ------------------------------------------------------------------ unarchive and export
async function unarchive() {
  const keysText = $('unarchive-keys').value.split(/[\s,]+/).filter(Boolean);
  const out = $('unarchive-result');
  if (!keysText.length) { out.textContent = 'Give at least one issue key.'; return; }
  const reply = await call('PUT', '/issue/unarchive', { issueIdsOrKeys: keysText });
  if (reply.status !== 200) { out.textContent = errorText(reply); return; }
  const errors = Object.entries(reply.body.errors || {})
    .map(([group, d]) => group + ': ' + (d.issueIdsOrKeys || []).join(', ')).join('; ');
  out.textContent = number(reply.body.numberOfIssuesUpdated) + ' issues unarchived.' + (errors ? ' ' + errors : '');
  check();
}

async function exportArchived() {
  const status = $('export-status');
  const link = $('export-link');
  link.hidden = true;
  const body = {};
  const projects = $('export-projects').value.split(/[\s,]+/).filter(Boolean);
  if (projects.length) body.projects = projects;
  if ($('export-after').value) body.archivedDateRange = { dateAfter: $('export-after').value };
  const reply = await call('PUT', '/issues/archive/export', body);
  if (reply.status !== 202) { status.textContent = errorText(reply); return; }
  const id = reply.body.taskId;
  status.textContent = 'Exporting (task ' + id + ')…';
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const t = await call('GET', '/task/' + id);
    if (t.status !== 200) { status.textContent = errorText(t); return; }
    if (t.body.status === 'COMPLETE') {
      const url = new URL(t.body.result.fileUrl, location.href);
      const file = await fetch(url.pathname, { headers: { 'Authorization': 'Basic ' + state.auth,
                                                          'X-Requested-With': 'XMLHttpRequest' } });
      const blob = await file.blob();
      link.href = URL.createObjectURL(blob);
      link.dataset.bytes = blob.size;
      link.hidden = false;
      status.textContent = number(t.body.result.numberOfIssues) + ' archived issues exported.';
      refreshTasks();
      return;
    }
    if (['FAILED', 'CANCELLED', 'DEAD'].includes(t.body.status)) { status.textContent = t.body.status + ': ' + (t.body.message || ''); return; }
  }
}

// ------------------------------------------------------------------ wiring
document.addEventListener('DOMContentLoaded', async () => {
  $('signin-form').addEventListener('submit', signIn);
  $('signout-button').addEventListener('click', signOut);
  $('jql').addEventListener('input', edited);
  $('jql').addEventListener('keydown', keys);
  $('jql').addEventListener('blur', () => { $('completions').hidden = true; });
  $('jql').addEventListener('scroll', () => { $('highlight').scrollTop = $('jql').scrollTop; });
  $('archive-button').addEventListener('click', askToArchive);
  $('confirm-yes').addEventListener('click', archive);
  $('confirm-no').addEventListener('click', () => $('confirm').close());
  $('cancel-button').addEventListener('click', cancelTask);
  $('refresh-tasks').addEventListener('click', refreshTasks);
  $('unarchive-button').addEventListener('click', unarchive);
  $('export-button').addEventListener('click', exportArchived);
  if (state.auth) {
    const me = await call('GET', '/myself');
    if (me.status === 200) { await start(me.body); return; }
    sessionStorage.removeItem('jqlConsoleAuth');
    state.auth = null;
  }
  $('email').focus();
});

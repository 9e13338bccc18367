// End-to-end: drives `jql serve` with Atlassian's own client shapes, through the
// npm package jira.js (Version3Client), over 127.0.0.1. Exits non-zero on the first
// failed check.  Usage: node e2e.cjs JQL_BINARY DATA_DIR WORK_DIR
'use strict';
const assert = require('assert/strict');
const { Version3Client } = require('jira.js');
const { startServer, stopServer } = require('./server.cjs');

const [jqlBinary, dataDir, workDir] = process.argv.slice(2);

const client = (url, email, token) =>
  new Version3Client({ host: url, authentication: { basic: { email, apiToken: token } } });

async function expectError(promise, status, body) {
  try {
    await promise;
  } catch (e) {
    assert.equal(e.status, status, `expected HTTP ${status}, got ${e.status}: ${JSON.stringify(e.response)}`);
    if (body !== undefined) assert.deepEqual(e.response.data, body);
    return e.response.data;
  }
  assert.fail(`expected HTTP ${status}, the call succeeded`);
}

async function waitForTask(jira, id, finalStatus) {
  const seen = new Set();
  for (let i = 0; i < 6000; i++) {
    const task = await jira.tasks.getTask({ taskId: id });
    seen.add(task.progress);
    if (!['ENQUEUED', 'RUNNING', 'CANCEL_REQUESTED'].includes(task.status)) {
      assert.equal(task.status, finalStatus, JSON.stringify(task));
      return { task, seen };
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail('task ' + id + ' did not finish');
}

async function searchKeys(jira, jql) {
  const keys = [];
  let nextPageToken;
  do {
    const page = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql, fields: ['key'], maxResults: 1000, nextPageToken });
    for (const issue of page.issues) keys.push(issue.key);
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return keys;
}

async function main() {
  // One issue per batch and a pause after each, so that a task is still running
  // when the 412 and cancel checks come.
  const { child, url } = await startServer(jqlBinary, dataDir, workDir, ['--archive-batch', '1', '--archive-pause-ms', '1']);
  let checks = 0;
  try {
    const admin = client(url, 'admin@example.com', 'admin-token');
    const user = client(url, 'user@example.com', 'user-token');
    const stranger = client(url, 'admin@example.com', 'wrong-token');
    const jql = 'statusCategory = Done AND updated < -365d AND priority in (Highest, High)';

    // Archive by JQL, poll to COMPLETE, check the counts.
    const before = await searchKeys(admin, jql);
    assert.ok(before.length > 50, 'the query matches enough issues: ' + before.length);
    const preview = await (await fetch(url + '/rest/api/3/issue/archive/preview', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Basic ' + Buffer.from('admin@example.com:admin-token').toString('base64') },
      body: JSON.stringify({ jql }),
    })).json();
    const taskUrl = await admin.issues.archiveIssuesAsync({ jql });
    assert.equal(typeof taskUrl, 'string');
    assert.match(taskUrl, /\/rest\/api\/3\/task\/\d+$/);
    const taskId = taskUrl.split('/').pop();
    const { task, seen } = await waitForTask(admin, taskId, 'COMPLETE');
    assert.equal(task.self, taskUrl);
    assert.equal(task.progress, 100);
    assert.ok(seen.size > 1 || before.length < 20, 'progress moved: ' + [...seen]);
    assert.equal(task.result.numberOfIssuesUpdated, preview.numberOfIssuesToUpdate);
    assert.equal(task.result.errors.issueIsSubtask?.count ?? 0, preview.skipped.issueIsSubtask.count);
    checks += 6;

    // Archived issues vanished from search; what is left could not be archived alone.
    const after = await searchKeys(admin, jql);
    assert.ok(after.length <= before.length - preview.issuesToArchive, `${after.length} left of ${before.length}`);
    for (const key of after) assert.ok(before.includes(key));
    for (const key of preview.firstIssues) assert.ok(!after.includes(key), key + ' is gone from search');
    checks += 3;

    // Archive and unarchive by keys.
    const candidates = await searchKeys(admin, 'statusCategory != Done AND issuetype = Bug');
    const keys = candidates.slice(0, 3);
    const archived = await admin.issues.archiveIssues({ issueIdsOrKeys: [...keys, 'NOPE-404'] });
    assert.ok(archived.numberOfIssuesUpdated >= 3, JSON.stringify(archived));
    assert.deepEqual(archived.errors.issuesNotFound, { count: 1, issueIdsOrKeys: ['NOPE-404'], message: 'Issue not found.' });
    assert.equal((await searchKeys(admin, 'key in (' + keys.join(',') + ')')).length, 0);
    const unarchived = await admin.issues.unarchiveIssues({ issueIdsOrKeys: keys });
    assert.equal(unarchived.numberOfIssuesUpdated, archived.numberOfIssuesUpdated);
    assert.equal((await searchKeys(admin, 'key in (' + keys.join(',') + ')')).length, 3);
    checks += 5;

    // 400 (invalid JQL), 401 (bad token), 403 (not an admin), 412 (a task running).
    await expectError(admin.issues.archiveIssuesAsync({ jql: 'nosuchfield = 1' }), 400,
      { errorMessages: ["Field 'nosuchfield' does not exist or you do not have permission to view it."], errors: {} });
    await expectError(stranger.issues.archiveIssuesAsync({ jql }), 401,
      { errorMessages: ['User is not logged in.'], errors: {} });
    await expectError(stranger.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql }), 401);
    await expectError(user.issues.archiveIssuesAsync({ jql }), 403,
      { errorMessages: ['Only admins can archive or unarchive issues. Access denied.'], errors: {} });
    await expectError(user.issues.archiveIssues({ issueIdsOrKeys: keys }), 403);
    await expectError(admin.issues.archiveIssues({ issueIdsOrKeys: ['NOPE-1'] }), 400,
      { errorMessages: ['No valid issue to archive or unarchive. Bad request.'], errors: {} });
    const longUrl = await admin.issues.archiveIssuesAsync({ jql: 'created is not empty ORDER BY key' });
    const longId = longUrl.split('/').pop();
    await expectError(admin.issues.archiveIssuesAsync({ jql }), 412, {
      errorMessages: [`An issue archival task is already running with ID ${longId}. To start a new one, cancel the task or wait for it to finish.`],
      errors: {},
    });
    checks += 7;

    // Cancel: CANCELLED, and what was archived before stays archived.
    await admin.tasks.cancelTask({ taskId: longId });
    const { task: cancelled } = await waitForTask(admin, longId, 'CANCELLED');
    await expectError(admin.tasks.cancelTask({ taskId: longId }), 400, [`The task with ID ${longId} has already finished.`]);
    await expectError(admin.tasks.getTask({ taskId: '999999' }), 404);
    const count = await admin.issueSearch.countIssues({ jql: 'created is not empty' });
    assert.equal(typeof count.count, 'number');
    checks += 4;
    console.log(`jira.js e2e: ${checks} checks passed; archived ${task.result.numberOfIssuesUpdated} by JQL, ` +
      `cancelled task ${longId} after ${cancelled.result?.numberOfIssuesUpdated ?? 0} issues`);
  } finally {
    await stopServer(child);
  }
}

main().catch((e) => {
  console.error('jira.js e2e FAILED:', e && e.stack ? e.stack : e);
  process.exit(1);
});

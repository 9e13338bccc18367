// End-to-end with jira.js 6 (createCloudClient), the rewrite that validates every
// response against its own schemas of Jira's API: here it throws on any mismatch, so
// each call below also checks the shape of what the server answered. jira.js 6 has no
// issue-archiving methods; archiving goes through the same client's sendRequest, with
// its auth and transport, and the task is polled through its typed getTask.
// Usage: node e2e6.mjs JQL_BINARY DATA_DIR WORK_DIR JIRA_JS_DIR
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startServer, stopServer } = require('./server.cjs');
const [jqlBinary, dataDir, workDir, jiraJsDir] = process.argv.slice(2);
const { createCloudClient } = await import(path.join(jiraJsDir, 'dist/index.js'));
const core = await import(path.join(jiraJsDir, 'dist/core/index.js'));

function clients(url, email, apiToken) {
  const client = core.createClient({
    host: url,
    auth: { type: 'basic', email, apiToken },
    onSchemaMismatch: 'throw',
    retry: { maxAttempts: 1 },
  });
  return { client, jira: createCloudClient(client) };
}

async function expectFailure(promise, predicate, status) {
  try {
    await promise;
  } catch (e) {
    assert.ok(predicate(e), `unexpected error ${e.name}: ${e.message}`);
    if (status !== undefined) assert.equal(e.status, status, e.message);
    return e;
  }
  assert.fail('expected the call to fail');
}

async function allKeys(jira, jql) {
  const keys = [];
  let nextPageToken;
  do {
    const page = await jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({
      jql, fields: ['summary', 'status', 'priority'], maxResults: 100, nextPageToken,
    });
    for (const issue of page.issues) keys.push(issue.key);
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return keys;
}

async function main() {
  const { child, url } = await startServer(jqlBinary, dataDir, workDir, []);
  let checks = 0;
  try {
    const { client, jira } = clients(url, 'admin@example.com', 'admin-token');
    const user = clients(url, 'user@example.com', 'user-token').jira;

    // What a client reads first: the server, the caller, the fields, the catalog.
    const info = await jira.serverInfo.getServerInfo();
    assert.equal(info.deploymentType, 'Cloud');
    const me = await jira.myself.getCurrentUser();
    assert.equal(me.accountId, 'acc-admin');
    const fields = await jira.issueFields.getFields();
    for (const id of ['summary', 'status', 'subtasks', 'issuelinks'])
      assert.ok(fields.some((f) => f.id === id), id + ' is listed');
    checks += 3;

    let projects = 0, startAt = 0, page;
    do {
      page = await jira.projects.searchProjects({ startAt, maxResults: 50 });
      for (const p of page.values) assert.ok(p.projectTypeKey, p.key + ' has a project type');
      projects += page.values.length;
      startAt += page.values.length;
    } while (!page.isLast);
    assert.equal(projects, page.total);
    const priorities = await jira.issuePriorities.searchPriorities();
    assert.ok(priorities.values.length >= 3);
    const statuses = await jira.workflowStatuses.getStatuses();
    assert.ok(statuses.every((s) => s.statusCategory && s.self));
    checks += 3;

    // The editor's calls: parse (a wrong operand shape is a validation error, with no
    // structure under strict validation), autocomplete data, value suggestions.
    const parsed = await jira.jql.parseJqlQueries({ queries: ['summary in test', 'status = Done'], validation: 'strict' });
    assert.equal(parsed.queries[0].structure, undefined);
    assert.match(parsed.queries[0].errors[0], /does not support the non-list value/);
    assert.equal(parsed.queries[1].structure.where.field.name, 'status');
    const reference = await jira.jql.getAutoComplete();
    assert.ok(reference.visibleFieldNames.some((f) => f.value === 'status'));
    const suggestions = await jira.jql.getFieldAutoCompleteForQueryString({ fieldName: 'status', fieldValue: 'do' });
    assert.ok(suggestions.results.some((r) => r.value === 'Done'), JSON.stringify(suggestions));
    checks += 3;

    // Search paged to the end equals the count; one issue in full.
    const jql = 'statusCategory = Done AND updated < -365d AND priority in (Highest, High)';
    const before = await allKeys(jira, jql);
    assert.ok(before.length > 50, 'the query matches enough issues: ' + before.length);
    assert.equal(new Set(before).size, before.length, 'no issue twice');
    const { count } = await jira.issueSearch.countIssues({ jql });
    assert.equal(count, before.length);
    const issue = await jira.issues.getIssue({ issueIdOrKey: before[0], expand: 'changelog,renderedFields,names,schema' });
    assert.equal(issue.key, before[0]);
    assert.ok(issue.fields.status.self.startsWith(url + '/rest/api/3/status/'));
    checks += 4;

    // Archive by JQL through the client's own transport; the task through getTask.
    const preview = await client.sendRequest({ url: '/rest/api/3/issue/archive/preview', method: 'POST', body: { jql } });
    const taskUrl = await client.sendRequest({ url: '/rest/api/3/issue/archive', method: 'POST', body: { jql } });
    const taskId = String(taskUrl).split('/').pop();
    let task;
    for (let i = 0; i < 3000; i++) {
      task = await jira.tasks.getTask({ taskId });
      if (!['ENQUEUED', 'RUNNING'].includes(task.status)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(task.status, 'COMPLETE', JSON.stringify(task));
    assert.equal(task.progress, 100);
    assert.equal(task.result.numberOfIssuesUpdated, preview.numberOfIssuesToUpdate);
    const after = await allKeys(jira, jql);
    for (const key of preview.firstIssues) assert.ok(!after.includes(key), key + ' is gone from search');
    assert.ok(after.length <= before.length - preview.issuesToArchive);
    checks += 4;

    // Errors arrive as jira.js's typed errors.
    const stranger = clients(url, 'admin@example.com', 'wrong-token').jira;
    await expectFailure(stranger.myself.getCurrentUser(), core.isAuthError, 401);
    await expectFailure(jira.issues.getIssue({ issueIdOrKey: 'NOPE-404' }), core.isNotFoundError, 404);
    await expectFailure(jira.issueSearch.countIssues({ jql: 'ORDER BY key' }), core.isApiError, 400);
    await expectFailure(user.tasks.getTask({ taskId }), core.isApiError);
    checks += 4;
    console.log(`jira.js 6 e2e: ${checks} checks passed, every response valid against jira.js's schemas; ` +
      `${projects} projects, archived ${task.result.numberOfIssuesUpdated} by JQL`);
  } finally {
    await stopServer(child);
  }
}

main().catch((e) => {
  console.error('jira.js 6 e2e FAILED:', e && e.stack ? e.stack : e);
  process.exit(1);
});

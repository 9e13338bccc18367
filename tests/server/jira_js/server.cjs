// Starts `jql serve` over 127.0.0.1 for the jira.js end-to-end tests, with an admin
// and a plain user, and resolves once it listens. Shared by e2e.cjs (jira.js 5) and
// e2e6.mjs (jira.js 6).
'use strict';
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');

function startServer(jqlBinary, dataDir, workDir, extraArgs) {
  const usersFile = path.join(workDir, 'users.json');
  fs.writeFileSync(usersFile, JSON.stringify({
    users: [
      { email: 'admin@example.com', accountId: 'acc-admin', role: 'admin', tokenSha256: sha256('admin-token') },
      { email: 'user@example.com', accountId: 'acc-user', role: 'user', tokenSha256: sha256('user-token') },
    ],
  }));
  // `make test` records every response for the OpenAPI schema check.
  const record = process.env.JQL_RECORD_RESPONSES ? ['--record-responses', process.env.JQL_RECORD_RESPONSES] : [];
  // JQL_SERVE_ARGS adds flags to every server (the ClickHouse run: --backend URL).
  const more = (process.env.JQL_SERVE_ARGS || '').split(' ').filter((a) => a !== '');
  const child = spawn(jqlBinary, ['serve', '--data', dataDir, '--state', path.join(workDir, 'state'),
    '--listen', '127.0.0.1:0', '--users', usersFile, ...record, ...extraArgs, ...more], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + out)), 60000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/ INFO listening on (\S+)$/m);  // a log line, after its time
      if (m) {
        clearTimeout(timer);
        child.stdout.removeAllListeners('data');
        child.stdout.resume();  // keep draining the request log
        resolve({ child, url: m[1] });
      }
    });
    child.on('exit', (code) => reject(new Error('server exited with ' + code + ': ' + out)));
  });
}

async function stopServer(child) {
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
}

module.exports = { startServer, stopServer };

// Times the peers' Q1..Q5 (ids, LIMIT 100000) in in-memory DuckDB with one thread.
// Usage: node duckdb_peer.mjs issues.csv params.json [runs=7] [warmup=2]
// Prints one JSON line per query: {"query", "median_ms", "min_ms", "rows"}.
import fs from 'fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildQueries } from './queries.mjs';

const [csv, paramsFile] = process.argv.slice(2);
const runs = +(process.argv[4] || 7), warmup = +(process.argv[5] || 2);
const params = JSON.parse(fs.readFileSync(paramsFile, 'utf8'));
const median = (a) => { const b = [...a].sort((x, y) => x - y); return b.length % 2 ? b[(b.length - 1) / 2] : (b[b.length / 2 - 1] + b[b.length / 2]) / 2; };

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const started = performance.now();
await con.run(`CREATE TABLE issues AS SELECT *, string_split(labels, ';') AS labels_list FROM read_csv('${csv}', header=true,
  auto_detect=false, delim=',', quote='', escape='', nullstr='', columns={'id':'BIGINT','key':'VARCHAR','project_id':'INTEGER',
  'project_key':'VARCHAR','project_type':'VARCHAR','issuetype':'VARCHAR','parent_id':'BIGINT','status':'VARCHAR',
  'status_category':'VARCHAR','resolution':'VARCHAR','priority':'VARCHAR','assignee':'VARCHAR','reporter':'VARCHAR',
  'created':'BIGINT','updated':'BIGINT','resolved':'BIGINT','labels':'VARCHAR','components':'VARCHAR',
  'fix_version':'VARCHAR','archived':'BOOLEAN','summary':'VARCHAR'})`);
console.error(`duckdb: loaded ${csv} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
await con.run('SET threads = 1');
const queries = buildQueries(params, 'duckdb');
for (const name of ['Q1', 'Q2', 'Q3', 'Q4', 'Q5']) {
  const sql = queries[name].ids;
  for (let i = 0; i < warmup; i++) await con.run(sql);
  const times = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const result = await con.runAndReadAll(sql);
    times.push(performance.now() - t);
    rows = result.currentRowCount;
  }
  console.log(JSON.stringify({ query: name, median_ms: median(times), min_ms: Math.min(...times), rows }));
}

// Times one mock org over real HTTP from this process: bulk insert through /composite/sobjects,
// a selective query on an external id, and paging every row through /query + nextRecordsUrl.
// Prints JSON. Run with `npm run bench` (after `npm run build`); BENCH_RECORDS scales it down;
// BENCH_DATA_DIR=<empty dir> runs it against the SQLite store in that folder instead of memory.
import { Agent, request } from 'node:http';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { startMockOrgs } from '../dist/index.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const BATCH = 200;
const IN_FLIGHT = 4;
const QUERIES = 1_000;
const DATA_DIR = process.env.BENCH_DATA_DIR || undefined;
if (DATA_DIR && existsSync(join(DATA_DIR, 'bench.sqlite'))) throw new Error(`${DATA_DIR}/bench.sqlite exists: give BENCH_DATA_DIR an empty folder`);
const VERSION = 'v65.0';

let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sampleRss, 20);

const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

/** One HTTP call on the keep-alive agent; resolves with the status and the parsed JSON body. */
function call(baseUrl, method, path, { token, body, form } = {}) {
  const payload = form ? new URLSearchParams(form).toString() : body === undefined ? undefined : JSON.stringify(body);
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (payload !== undefined) {
    headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
    headers['content-length'] = Buffer.byteLength(payload);
  }
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode, json: text ? JSON.parse(text) : undefined });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round = (n, digits = 0) => Number(n.toFixed(digits));

const mock = await startMockOrgs({ orgs: [{ name: 'Bench', apiRequestLimit: 1_000_000 }], dataDir: DATA_DIR });
const org = mock.org('Bench');

// The client-credentials flow: a token for the integration user, as a CI job would get one.
const tokenResponse = await call(org.loginUrl, 'POST', '/services/oauth2/token', {
  form: { grant_type: 'client_credentials', client_id: org.connectedApp.clientId, client_secret: org.connectedApp.clientSecret },
});
if (tokenResponse.status !== 200) throw new Error(`token call failed: ${JSON.stringify(tokenResponse.json)}`);
const token = tokenResponse.json.access_token;

// 1. Insert: batches of 200, IN_FLIGHT at a time.
const key = (i) => `X-${i}`;
let next = 0;
let inserted = 0;
async function insertWorker() {
  while (next < RECORDS) {
    const start = next;
    next = Math.min(RECORDS, next + BATCH);
    const records = [];
    for (let i = start; i < next; i++) records.push({ attributes: { type: 'Account' }, Name: `Bench Account ${i}`, CAPIQ_Id__c: key(i), Industry: 'Energy' });
    const res = await call(org.instanceUrl, 'POST', `/services/data/${VERSION}/composite/sobjects`, { token, body: { allOrNone: true, records } });
    if (res.status !== 200 || !res.json.every((r) => r.success)) throw new Error(`insert failed: ${JSON.stringify(res.json).slice(0, 500)}`);
    inserted += records.length;
  }
}
let started = performance.now();
await Promise.all(Array.from({ length: IN_FLIGHT }, insertWorker));
const insertMs = performance.now() - started;
sampleRss();

// 2. Selective query on the external id, random keys, one at a time.
const latencies = [];
for (let n = 0; n < QUERIES; n++) {
  const i = Math.floor(Math.random() * RECORDS);
  const q = encodeURIComponent(`SELECT Id, Name FROM Account WHERE CAPIQ_Id__c = '${key(i)}'`);
  const t0 = performance.now();
  const res = await call(org.instanceUrl, 'GET', `/services/data/${VERSION}/query?q=${q}`, { token });
  latencies.push(performance.now() - t0);
  if (res.status !== 200 || res.json.totalSize !== 1 || res.json.records[0].Name !== `Bench Account ${i}`) throw new Error(`query for ${key(i)} failed: ${JSON.stringify(res.json)}`);
}
latencies.sort((a, b) => a - b);
sampleRss();

// 3. Page every account through /query and nextRecordsUrl.
started = performance.now();
let paged = 0;
let pages = 0;
let path = `/services/data/${VERSION}/query?q=${encodeURIComponent('SELECT Id, Name, CAPIQ_Id__c FROM Account')}`;
let totalSize;
for (;;) {
  const res = await call(org.instanceUrl, 'GET', path, { token });
  if (res.status !== 200) throw new Error(`paging failed: ${JSON.stringify(res.json)}`);
  totalSize = res.json.totalSize;
  paged += res.json.records.length;
  pages++;
  if (res.json.done) break;
  path = res.json.nextRecordsUrl;
}
const pagingMs = performance.now() - started;
if (paged !== RECORDS || totalSize !== RECORDS) throw new Error(`paged ${paged} of ${totalSize}, expected ${RECORDS}`);
sampleRss();

clearInterval(sampler);
agent.destroy();
await mock.close();

const result = {
  benchmark: 'mock org REST throughput (one org, client in the same process)',
  node: process.version,
  cores: availableParallelism(),
  records: RECORDS,
  store: DATA_DIR ? `SQLite in ${DATA_DIR}` : 'memory',
  insert: { batch: BATCH, inFlight: IN_FLIGHT, seconds: round(insertMs / 1000, 2), recordsPerSecond: round((inserted / insertMs) * 1000) },
  selectiveQuery: { queries: QUERIES, p50Ms: round(percentile(latencies, 50), 2), p95Ms: round(percentile(latencies, 95), 2), maxMs: round(latencies.at(-1), 2) },
  paging: { pages, seconds: round(pagingMs / 1000, 2), recordsPerSecond: round((paged / pagingMs) * 1000) },
  peakRssMb: round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

// The article's client: one POST per event, sequential, each with {"data":[event]}. It honours
// 429 + Retry-After (as a careful one-per-call client must) and stops after a fixed count or time.
// Args: <count> <seconds>; env BENCH_LOGIN_URL, BENCH_CLIENT_ID, BENCH_CLIENT_SECRET. Prints JSON.
import { createTokenProvider } from '../dist/index.js';
import { batteryEvent, CONNECTOR, OBJECT } from './batteryEvents.mjs';

const [count, seconds] = process.argv.slice(2).map(Number);
const tokens = createTokenProvider({ core: { kind: 'client-credentials', loginUrl: process.env.BENCH_LOGIN_URL, clientId: process.env.BENCH_CLIENT_ID, clientSecret: process.env.BENCH_CLIENT_SECRET } });
const { accessToken, tenantUrl } = await tokens.get();
const url = `${tenantUrl}/api/v1/ingest/sources/${CONNECTOR}/${OBJECT}`;

let accepted = 0;
let requests = 0;
let throttled = 0;
let bytesSent = 0;
const started = Date.now();
const deadline = started + seconds * 1000;
for (let i = 0; i < count && Date.now() < deadline; ) {
  const body = JSON.stringify({ data: [batteryEvent(i, 'one')] });
  requests++;
  bytesSent += Buffer.byteLength(body);
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body });
  await res.arrayBuffer();
  if (res.status === 202) {
    accepted++;
    i++;
  } else if (res.status === 429) {
    throttled++;
    await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('retry-after') ?? 1) * 1000));
  } else {
    throw new Error(`one-per-request POST answered ${res.status}`);
  }
}
const elapsed = (Date.now() - started) / 1000;
console.log(JSON.stringify({ accepted, requests, throttled, seconds: elapsed, eventsPerSecond: Math.round(accepted / elapsed), meanBytesPerRequest: Math.round(bytesSent / requests), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));

// Runs a mock org with a Data Cloud tenant in its own process (the benchmark's "server side"), so
// its CPU and memory are not counted in the streamer's. Talks to the parent over IPC: sends
// {ready, …urls and credentials} once listening; answers {type:'stats'} and {type:'settled'}; exits on {type:'close'}.
import { fileURLToPath } from 'node:url';
import { startMockOrgs } from '@orgkit/mock-org';
import { CONNECTOR, OBJECT } from './batteryEvents.mjs';

const schema = fileURLToPath(new URL('battery-status.yaml', import.meta.url));
const mock = await startMockOrgs({
  orgs: ['Bench'],
  sourceDir: null,
  dataCloud: { connectors: [{ name: CONNECTOR, schema, streams: [{ object: OBJECT, primaryKey: 'eventId', eventTimeField: 'eventTime', category: 'Engagement' }] }] },
});
const org = mock.org('Bench');

process.on('message', async (message) => {
  if (message.type === 'stats') {
    const usage = process.resourceUsage();
    process.send({ type: 'stats', stats: org.dataCloud.stats(), maxRssMB: Math.round(usage.maxRSS / 1024), cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 });
  }
  if (message.type === 'settled') {
    await org.dataCloud.settled();
    process.send({ type: 'settled' });
  }
  if (message.type === 'close') {
    await mock.close();
    process.exit(0);
  }
});

// The benchmark died without saying close: do not outlive it.
process.on('disconnect', () => process.exit(0));

process.send({
  type: 'ready',
  loginUrl: org.loginUrl,
  clientId: org.connectedApp.clientId,
  clientSecret: org.connectedApp.clientSecret,
  tenantUrl: org.dataCloud.tenantUrl,
});

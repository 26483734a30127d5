import { performance } from 'node:perf_hooks';
import { createAzureClients } from '../../src/azure/create-azure-clients.js';
import { startSandbox } from '../../src/sandbox/index.js';

// Run with `npx tsx test/bench/sandbox-query.bench.ts`: latency of typical bot queries against
// the seeded workspace, through the real LogsQueryClient over HTTP (Kusto load measured apart).
const QUERIES = {
  'latest alerts with DeviceId': [
    'SecurityAlert',
    '| where ProductName == "Azure Security Center for IoT"',
    '| extend DeviceId = tostring(parse_json(ExtendedProperties)["DeviceId"])',
    '| top 20 by TimeGenerated desc',
  ].join(' '),
  'latest status per alert by severity': [
    'SecurityAlert',
    '| summarize arg_max(TimeGenerated, *) by SystemAlertId',
    '| summarize count() by AlertSeverity',
  ].join(' '),
};
const ROUNDS = 50;

const sandbox = await startSandbox();
const clients = createAzureClients({
  credential: sandbox.credential,
  redirectTo: sandbox.baseUrl,
  maxRetries: 0,
});
const run = (query: string) =>
  clients.logs.queryWorkspace(sandbox.workspace.workspaceId, query, { duration: 'P14D' });
try {
  const first = performance.now();
  await run('SecurityAlert | take 1');
  console.log(
    `first query (loads the Kusto language service): ${(performance.now() - first).toFixed(0)} ms`,
  );
  for (const [name, query] of Object.entries(QUERIES)) {
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      await run(query);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.floor(p * (times.length - 1))]!.toFixed(1);
    console.log(`${name}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms over ${ROUNDS} runs`);
  }
} finally {
  await sandbox.close();
}

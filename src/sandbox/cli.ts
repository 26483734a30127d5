/* eslint-disable no-console -- bootstrap script: prints where the sandbox listens. */
import { startSandbox } from './index.js';

// Bootstrap entry for `npm run sandbox`: the only place the sandbox reads the environment.
const port = Number(process.env.SANDBOX_PORT ?? 4980);
const alertIntervalSeconds = Number(process.env.SANDBOX_ALERT_INTERVAL_SECONDS ?? 45);
const connectDelaySeconds = Number(process.env.SANDBOX_CONNECT_DELAY_SECONDS ?? 5);

const sandbox = await startSandbox({ port, alertIntervalSeconds, connectDelaySeconds });
const ws = sandbox.workspace;
const token = sandbox.issueToken();
const alertEvery = alertIntervalSeconds > 0 ? `${alertIntervalSeconds} s` : 'never (generator off)';
// Without this, a subscription connected in the sandbox seems to stay silent for no reason.
const connectDelay = `${connectDelaySeconds} s after connecting a subscription`;
console.log(`Azure sandbox listening on ${sandbox.baseUrl}
  tenant id        ${ws.tenantId}
  subscription id  ${ws.subscriptionId}
  resource group   ${ws.resourceGroup}
  workspace name   ${ws.workspaceName}
  workspace id     ${ws.workspaceId}
  new alert every  ${alertEvery}
  alerts arrive    ${connectDelay}

SDK clients: createAzureClients({ credential, redirectTo: '${sandbox.baseUrl}' }) keeps the https
Azure URLs and sends them here. With curl (ARM token, valid 24 h):
  curl -H "Authorization: Bearer ${token}" \\
    '${sandbox.baseUrl}/subscriptions?api-version=2022-12-01'
Log Analytics needs its own audience:
  curl -X POST -H "Authorization: Bearer ${sandbox.issueToken('https://api.loganalytics.io/.default')}" \\
    -H 'Content-Type: application/json' -d '{"query":"SecurityAlert | take 5","timespan":"P1D"}' \\
    '${sandbox.baseUrl}/v1/workspaces/${ws.workspaceId}/query'`);
console.log(
  `Test controls: POST/DELETE ${sandbox.baseUrl}/_sandbox/faults, ` +
    'POST /_sandbox/alerts, GET /_sandbox/state',
);

const stop = () => void sandbox.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

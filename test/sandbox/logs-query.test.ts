import type { IoTDataConnector } from '@azure/arm-securityinsight';
import type { LogsTable } from '@azure/monitor-query-logs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_DATA } from '../../src/sandbox/index.js';
import { START, startHarness, type SandboxHarness } from './sandbox-test-setup.js';
import { SANDBOX_SUBSCRIPTION_IDS } from '../support/sandbox-subscriptions.js';

const ws = SANDBOX_DATA.workspace;
const [ot, , , retail] = SANDBOX_SUBSCRIPTION_IDS;

describe('sandbox Log Analytics query through LogsQueryClient', () => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startHarness({ connectDelaySeconds: 300 });
  });
  afterEach(() => h.sandbox.close());

  const query = async (kql: string, duration = 'P14D') => {
    const result = await h.clients.logs.queryWorkspace(ws.workspaceId, kql, { duration });
    if (result.status !== 'Success') throw new Error(`query status ${result.status}`);
    return result.tables[0] as LogsTable;
  };
  const refusal = (kql: string) =>
    h.clients.logs
      .queryWorkspace(ws.workspaceId, kql, { duration: 'P1D' })
      .catch((e: unknown) => e) as Promise<{
      statusCode: number;
      code: string;
      details: { error: { innererror: { code: string; message: string } } };
    }>;

  it('holds a few hundred Defender for IoT rows over 14 days, all on Contoso-OT hubs', async () => {
    const table = await query(
      [
        'SecurityAlert',
        '| summarize n = count(), earliest = min(TimeGenerated), latest = max(TimeGenerated)',
        'by ProductName, ProviderName',
      ].join(' '),
    );
    const [product, provider, n, first, last] = table.rows[0] as [
      string,
      string,
      number,
      Date,
      Date,
    ];

    expect(table.rows).toHaveLength(1);
    expect([product, provider]).toEqual(['Azure Security Center for IoT', 'IoTSecurity']);
    expect(n).toBeGreaterThan(200);
    expect(n).toBeLessThan(500);
    expect(START.getTime() - first.getTime()).toBeGreaterThan(13 * 86_400_000);
    expect(last.getTime()).toBeLessThan(START.getTime());
    const hubs = await query('SecurityAlert | summarize count() by ResourceId');
    expect(hubs.rows.map((row) => row[0]).sort()).toEqual(
      SANDBOX_DATA.hubs
        .slice(0, 3)
        .map((hub) => hub.id)
        .sort(),
    );
  });

  it('returns typed columns: Date datetimes, reals, bools and JSON text in strings', async () => {
    const table = await query(
      [
        'SecurityAlert',
        '| take 1',
        '| project TimeGenerated, IsIncident, ConfidenceScore, ExtendedProperties, AlertSeverity',
      ].join(' '),
    );

    expect(table.columnDescriptors).toEqual([
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'IsIncident', type: 'bool' },
      { name: 'ConfidenceScore', type: 'real' },
      { name: 'ExtendedProperties', type: 'string' },
      { name: 'AlertSeverity', type: 'string' },
    ]);
    const [time, incident, score, extended] = table.rows[0]!;
    expect(time).toBeInstanceOf(Date);
    expect(incident).toBe(false);
    expect(score).toBeNull();
    expect(typeof extended).toBe('string');
    expect(() => JSON.parse(extended as string)).not.toThrow();
  });

  it('extracts DeviceId with tostring(parse_json(ExtendedProperties)["DeviceId"])', async () => {
    const table = await query(
      [
        'SecurityAlert',
        '| where AlertType == "IoT_Cert_Expired"',
        '| extend DeviceId = tostring(parse_json(ExtendedProperties)["DeviceId"])',
        '| project DeviceId, ResourceId, CompromisedEntity',
        '| take 5',
      ].join(' '),
    );

    expect(table.rows.length).toBeGreaterThan(0);
    for (const [deviceId, resourceId, compromised] of table.rows) {
      const hubName = String(resourceId).split('/').pop()!;
      expect(SANDBOX_DATA.devices[hubName]).toContain(deviceId);
      expect(compromised).toBe(deviceId);
    }
  });

  it('keeps several rows per SystemAlertId and arg_max picks the latest status', async () => {
    const table = await query(
      [
        'SecurityAlert',
        '| summarize rows = count() by SystemAlertId',
        '| where rows > 1',
        '| summarize alerts = count()',
      ].join(' '),
    );
    const latest = await query(
      [
        'SecurityAlert',
        '| summarize arg_max(TimeGenerated, *) by SystemAlertId',
        '| summarize count() by Status',
        '| sort by Status asc',
      ].join(' '),
    );

    expect(table.rows[0]![0]).toBeGreaterThan(10);
    expect(latest.rows.map((row) => row[0])).toEqual(['InProgress', 'New', 'Resolved']);
  });

  it('filters with =~, in, has, contains, >=, != and and/or/not, then takes top N', async () => {
    const table = await query(
      [
        'SecurityAlert',
        '| where (AlertSeverity =~ "medium" or AlertType in ("IoT_Bruteforce_Success"))',
        'and not(AlertName has "certificate") and AlertName contains "i"',
        'and TimeGenerated >= ago(7d) and AlertName != ""',
        '| top 3 by TimeGenerated desc',
        '| project AlertName, AlertSeverity, TimeGenerated',
      ].join(' '),
    );

    expect(table.rows).toHaveLength(3);
    for (const [name, severity, time] of table.rows) {
      expect(['Medium', 'High']).toContain(severity);
      expect(String(name).toLowerCase()).not.toMatch(/\bcertificate\b/);
      expect((time as Date).getTime()).toBeGreaterThanOrEqual(START.getTime() - 7 * 86_400_000);
    }
    const times = table.rows.map((row) => (row[2] as Date).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('honours the request timespan', async () => {
    const day = await query('SecurityAlert | count', 'P1D');
    const week = await query('SecurityAlert | count', 'P7D');
    const inQuery = await query('SecurityAlert | where TimeGenerated > ago(1d) | count');

    expect(day.rows[0]![0]).toBeLessThan(week.rows[0]![0] as number);
    expect(day.rows[0]![0]).toBe(inQuery.rows[0]![0]);
  });

  it('answers bad syntax with 400 BadArgumentError/SyntaxError and parser message', async () => {
    const error = await refusal('SecurityAlert | wher AlertSeverity == "High"');

    expect(error).toMatchObject({ statusCode: 400, code: 'BadArgumentError' });
    expect(error.details.error.innererror).toMatchObject({
      code: 'SyntaxError',
      message: 'Query operator expected.',
    });
  });

  it('answers an unknown column with 400 SemanticError and the analyzer message', async () => {
    const error = await refusal('SecurityAlert | where DeviceName == "plc-line1-07"');

    expect(error).toMatchObject({ statusCode: 400, code: 'BadArgumentError' });
    expect(error.details.error.innererror).toEqual({
      code: 'SemanticError',
      message:
        "The name 'DeviceName' does not refer to any known column, table, variable or function.",
      innererror: {
        code: 'KS142',
        message:
          "The name 'DeviceName' does not refer to any known column, table, variable or function.",
      },
    });
  });

  it.each([
    ['SecurityAlert | mv-expand e = parse_json(Entities)', "The 'mv-expand' operator"],
    ['SecurityAlert | extend n = strlen(AlertName)', "The function 'strlen()'"],
    ['SecurityAlert | summarize dcount(SystemAlertId)', "The aggregate function 'dcount()'"],
    ['let high = "High"; SecurityAlert | where AlertSeverity == high', "The 'let' statement"],
  ])('refuses %s by name instead of ignoring it', async (kql, named) => {
    const error = await refusal(kql);

    expect(error.statusCode).toBe(400);
    expect(error.details.error.innererror.message).toBe(
      `${named} is not supported by the Azure sandbox's query engine.`,
    );
  });

  it('makes a late row visible only once its ingestion time has passed', async () => {
    const [alert] = h.sandbox.generateAlerts(1, {
      hubName: 'contoso-ot-hub-weu',
      ingestionDelaySeconds: 420,
    });
    const kql = [
      `SecurityAlert`,
      `| where SystemAlertId == "${alert!.systemAlertId}"`,
      `| project TimeGenerated, ingestion_time()`,
    ].join(' ');
    const before = await query(kql);
    h.clock.advanceSeconds(420);
    const after = await query(kql);

    expect(alert).toMatchObject({ subscriptionId: ot, reachesWorkspace: true });
    expect(before.rows).toEqual([]);
    expect(after.rows).toEqual([[alert!.timeGenerated, new Date(START.getTime() + 420_000)]]);
  });

  it('lets alerts of a newly connected subscription flow only after the delay', async () => {
    const sentinel = h.clients.sentinel(ws.subscriptionId);
    const [unconnected] = h.sandbox.generateAlerts(1, {
      subscriptionId: retail,
      ingestionDelaySeconds: 0,
    });
    await sentinel.dataConnectors.createOrUpdate(ws.resourceGroup, ws.workspaceName, 'retail-iot', {
      kind: 'IOT',
      subscriptionId: retail,
      dataTypes: { alerts: { state: 'Enabled' } },
    } as IoTDataConnector);
    h.clock.advanceSeconds(60);
    const [tooEarly] = h.sandbox.generateAlerts(1, {
      subscriptionId: retail,
      ingestionDelaySeconds: 0,
    });
    h.clock.advanceSeconds(300);
    const [flowing] = h.sandbox.generateAlerts(1, {
      subscriptionId: retail,
      ingestionDelaySeconds: 0,
    });
    h.clock.advanceSeconds(1);
    const table = await query(
      `SecurityAlert | where ResourceId has "contoso-retail-hub-wus2" | project SystemAlertId`,
    );

    expect([
      unconnected!.reachesWorkspace,
      tooEarly!.reachesWorkspace,
      flowing!.reachesWorkspace,
    ]).toEqual([false, false, true]);
    expect(table.rows).toEqual([[flowing!.systemAlertId]]);
  });

  it('stops the flow when the connector is deleted', async () => {
    const sentinel = h.clients.sentinel(ws.subscriptionId);
    await sentinel.dataConnectors.delete(
      ws.resourceGroup,
      ws.workspaceName,
      SANDBOX_DATA.connectors[0].id,
    );
    const [alert] = h.sandbox.generateAlerts(1, { subscriptionId: ot });

    expect(alert!.reachesWorkspace).toBe(false);
  });
});

describe('sandbox data determinism', () => {
  it('gives the same rows for the same seed and a different history for another seed', async () => {
    const digest = async (seed: number) => {
      const h = await startHarness({ seed });
      try {
        const result = await h.clients.logs.queryWorkspace(
          ws.workspaceId,
          [
            'SecurityAlert',
            '| project SystemAlertId, TimeGenerated, AlertName, Status, ExtendedProperties',
          ].join(' '),
          { duration: 'P30D' },
        );
        return JSON.stringify(result.status === 'Success' ? result.tables[0]!.rows : null);
      } finally {
        await h.sandbox.close();
      }
    };
    const first = await digest(7);

    expect(await digest(7)).toBe(first);
    expect(await digest(8)).not.toBe(first);
  });
});

import { describe, expect, it } from 'vitest';
import { createAlertStore } from '../../src/sandbox/alerts/alert-store.js';
import { createAlertSource } from '../../src/sandbox/alerts/create-alert-source.js';
import { parseTimespan } from '../../src/sandbox/http/parse-timespan.js';
import { KqlQueryError } from '../../src/sandbox/kql/kql-query-error.js';
import { hasTerm } from '../../src/sandbox/kql/kql-values.js';
import { runQuery } from '../../src/sandbox/kql/run-query.js';
import { SANDBOX_DATA } from '../../src/sandbox/index.js';

const now = new Date('2025-03-01T12:00:00.000Z');
const row = (name: string, severity: string, minutesAgo: number, extended: object) => ({
  cells: {
    AlertName: name,
    AlertSeverity: severity,
    TimeGenerated: new Date(now.getTime() - minutesAgo * 60_000),
    ExtendedProperties: JSON.stringify(extended),
  },
  ingestedAt: new Date(now.getTime() - minutesAgo * 60_000 + 90_000),
});
const rows = [
  row('Expired SAS Token', 'Low', 30, { DeviceId: 'plc-1' }),
  row('Successful Bruteforce', 'High', 10, { DeviceId: 'hmi-2' }),
  row('Certificate deleted from an IoT Hub', 'Medium', 90, { 'IoT Hub': 'hub-a' }),
];
const run = (query: string) => runQuery(query, { rows, now });

describe('runQuery', () => {
  it.each([
    [
      'SecurityAlert | sort by TimeGenerated | project AlertName',
      [['Successful Bruteforce'], ['Expired SAS Token'], ['Certificate deleted from an IoT Hub']],
    ],
    [
      'SecurityAlert | order by AlertSeverity asc | limit 2 | project AlertSeverity',
      [['High'], ['Low']],
    ],
    ['SecurityAlert | where AlertSeverity in~ ("low", "HIGH") | count', [[2]]],
    ['SecurityAlert | where AlertSeverity !in ("Low") | count', [[2]]],
    [
      'SecurityAlert | where AlertName has "sas" and AlertName !has "token2" | project AlertName',
      [['Expired SAS Token']],
    ],
    ['SecurityAlert | where TimeGenerated between (ago(1h) .. now()) | count', null],
  ])('evaluates %s', (query, expected) => {
    if (expected === null) {
      expect(() => run(query)).toThrow(KqlQueryError);
      return;
    }
    expect(run(query).rows).toEqual(expected);
  });

  it('chains extend assignments and reads JSON with both bracket and dot access', () => {
    const table = run(
      [
        'SecurityAlert',
        '| extend Props = parse_json(ExtendedProperties)',
        '| extend DeviceId = tostring(Props["DeviceId"]), Same = tostring(Props.DeviceId)',
        '| where isnotempty(DeviceId)',
        '| project DeviceId, Same',
        '| order by DeviceId asc',
      ].join(' '),
    );

    expect(table.columns).toEqual([
      { name: 'DeviceId', type: 'string' },
      { name: 'Same', type: 'string' },
    ]);
    expect(table.rows).toEqual([
      ['hmi-2', 'hmi-2'],
      ['plc-1', 'plc-1'],
    ]);
  });

  it('exposes ingestion_time() and datetime arithmetic', () => {
    const table = run(
      [
        'SecurityAlert',
        '| where ingestion_time() > datetime(2025-03-01T11:20:00Z)',
        '| project AlertName, Lag = ingestion_time() - TimeGenerated',
      ].join(' '),
    );

    expect(table.rows).toEqual([
      ['Expired SAS Token', '00:01:30'],
      ['Successful Bruteforce', '00:01:30'],
    ]);
  });

  it('names summarize columns as Kusto does', () => {
    const table = run(
      'SecurityAlert | summarize count(), max(TimeGenerated) by AlertSeverity | top 1 by count_',
    );

    expect(table.columns.map((c) => c.name)).toEqual([
      'AlertSeverity',
      'count_',
      'max_TimeGenerated',
    ]);
  });
});

describe('hasTerm', () => {
  it.each([
    ['Expired SAS Token', 'sas', true],
    ['Expired SAS Token', 'sa', false],
    ['IoT_Cert_Expired', 'cert', false],
    ['device plc-line1-07 failed', 'plc-line1', true],
  ])('%s has %s → %s', (text, term, expected) => {
    expect(hasTerm(text, term)).toBe(expected);
  });
});

describe('parseTimespan', () => {
  it.each([
    ['P1D', '2025-02-28T12:00:00.000Z', '2025-03-01T12:00:00.000Z'],
    ['PT12H', '2025-03-01T00:00:00.000Z', '2025-03-01T12:00:00.000Z'],
    [
      '2025-02-01T00:00:00Z/2025-02-02T00:00:00Z',
      '2025-02-01T00:00:00.000Z',
      '2025-02-02T00:00:00.000Z',
    ],
    ['2025-02-01T00:00:00Z/PT1H', '2025-02-01T00:00:00.000Z', '2025-02-01T01:00:00.000Z'],
  ])('reads %s', (text, start, end) => {
    const window = parseTimespan(text, now);

    expect([window?.start.toISOString(), window?.end.toISOString()]).toEqual([start, end]);
  });

  it.each(['yesterday', 'P', 'PT', '1D'])('rejects %s', (text) => {
    expect(parseTimespan(text, now)).toBeNull();
  });
});

describe('alert generator step', () => {
  it('appends an alert for a Defender-covered, connected hub on each tick', () => {
    const store = createAlertStore({ connectDelayMs: 0 });
    store.setConnected(SANDBOX_DATA.workspace.subscriptionId, true, new Date(0));
    const source = createAlertSource(1, { store, now: () => now });
    source.tick();
    source.tick();
    const coveredOtHubs = SANDBOX_DATA.hubs.slice(0, 3).map((hub) => hub.id);

    expect(store.listAll().length).toBeGreaterThanOrEqual(2);
    for (const stored of store.listAll()) {
      expect(coveredOtHubs).toContain(stored.row.ResourceId);
      expect(stored.ingestedAt.getTime()).toBeGreaterThanOrEqual(now.getTime());
    }
  });
});

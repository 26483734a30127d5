import { describe, expect, it } from 'vitest';
import { matchesWatch } from '../../../src/notices/match-watch.js';
import type { AlertSummary, Watch } from '../../../src/notices/notice-types.js';
import { SUB_A, SUB_B } from './notice-fakes.js';

const alert: AlertSummary = {
  systemAlertId: 'a1',
  alertName: 'Port forwarding detection',
  severity: 'Medium',
  status: 'New',
  subscriptionId: SUB_A,
  hubName: 'Hub-A',
  resourceId: '',
  generatedAt: '2026-12-03T11:58:00.000Z',
  ingestedAt: '2026-12-03T12:04:00.000Z',
  portalUrl: 'https://portal.azure.com/',
};
const base: Watch = { id: 1, createdAt: '2026-12-03T12:00:00.000Z' };

describe('matchesWatch', () => {
  it.each<[string, Partial<Watch>, boolean]>([
    ['no filters', {}, true],
    ['severity Medium and above', { minSeverity: 'Medium' }, true],
    ['severity Low and above', { minSeverity: 'Low' }, true],
    ['severity High and above', { minSeverity: 'High' }, false],
    ['its subscription in capitals', { subscriptionId: SUB_A.toUpperCase() }, true],
    ['another subscription', { subscriptionId: SUB_B }, false],
    ['its hub in another case', { hubName: 'hub-a' }, true],
    ['another hub', { hubName: 'hub-b' }, false],
    ['a watch made after the row was ingested', { createdAt: '2026-12-03T12:05:00.000Z' }, false],
    [
      'a watch made after generation but before ingestion',
      { createdAt: '2026-12-03T12:01:00.000Z' },
      true,
    ],
  ])('%s → %s', (_name, watch, expected) => {
    expect(matchesWatch(alert, { ...base, ...watch })).toBe(expected);
  });
});

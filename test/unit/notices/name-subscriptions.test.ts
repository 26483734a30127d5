import { describe, expect, it } from 'vitest';
import { nameSubscriptions } from '../../../src/notices/name-subscriptions.js';
import type { AlertSummary } from '../../../src/notices/notice-types.js';
import { createMemoryLogger, SUB_A, SUB_B } from './notice-fakes.js';

const alert = (systemAlertId: string, subscriptionId: string): AlertSummary => ({
  systemAlertId,
  alertName: 'Port forwarding detection',
  severity: 'High',
  status: 'New',
  subscriptionId,
  hubName: 'hub-a',
  resourceId: `/subscriptions/${subscriptionId}/resourceGroups/rg`,
  generatedAt: '2026-12-03T11:58:09.000Z',
  ingestedAt: '2026-12-03T12:04:00.000Z',
  portalUrl: 'https://portal.azure.com/',
});

describe('naming the subscriptions of new alerts', () => {
  it('adds the display name of each known subscription from one listing', async () => {
    let listings = 0;
    const listSubscriptions = async () => {
      listings += 1;
      return [{ subscriptionId: SUB_A.toUpperCase(), displayName: 'Plant A' }];
    };
    const log = createMemoryLogger();

    const named = await nameSubscriptions([alert('A1', SUB_A), alert('A2', SUB_B)], {
      listSubscriptions,
      logger: log.logger,
    });

    expect(named.map((a) => a.subscriptionName)).toEqual(['Plant A', undefined]);
    expect(listings).toBe(1);
  });

  it('asks nothing when there are no alerts', async () => {
    let listings = 0;
    const log = createMemoryLogger();

    const named = await nameSubscriptions([], {
      listSubscriptions: async () => {
        listings += 1;
        return [];
      },
      logger: log.logger,
    });

    expect(named).toEqual([]);
    expect(listings).toBe(0);
  });

  it('keeps the alerts unnamed and warns once when the listing fails', async () => {
    const log = createMemoryLogger();
    const alerts = [alert('A1', SUB_A)];

    const named = await nameSubscriptions(alerts, {
      listSubscriptions: () => Promise.reject(new Error('503 from Azure Resource Manager')),
      logger: log.logger,
    });

    expect(named).toEqual(alerts);
    expect(log.lines().filter((line) => line.level === 'warn')).toMatchObject([
      { msg: 'subscription names unavailable; notices show ids' },
    ]);
  });
});

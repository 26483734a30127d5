import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { enqueueAlerts } from '../../../src/notices/enqueue-alerts.js';
import { addWatch } from '../../../src/notices/manage-watches.js';
import { createNoticeStore } from '../../../src/notices/notice-store.js';
import type { AlertSummary } from '../../../src/notices/notice-types.js';
import {
  getConversationKey,
  recordConversation,
} from '../../../src/notices/record-conversation.js';
import { loadActivity } from '../../support/activities.js';
import { SUB_A } from './notice-fakes.js';

const now = () => new Date('2026-12-03T12:10:00Z');
const alert: AlertSummary = {
  systemAlertId: 'A1',
  alertName: 'Port forwarding detection',
  severity: 'High',
  status: 'New',
  subscriptionId: SUB_A,
  hubName: 'hub-a',
  resourceId: `/subscriptions/${SUB_A}/resourceGroups/rg`,
  generatedAt: '2026-12-03T12:04:00.000Z',
  ingestedAt: '2026-12-03T12:05:00.000Z',
  portalUrl: 'https://portal.azure.com/',
};

async function createStore(watchHub: string) {
  const store = createNoticeStore(new MemoryStorage());
  const activity = loadActivity('personal-message', {
    conversation: { id: 'a:ops', conversationType: 'personal', tenantId: 'T1' },
  });
  await recordConversation(activity, { store, now: () => new Date('2026-12-03T12:00:00Z') });
  const key = getConversationKey('a:ops');
  await addWatch(store, key, { now: new Date('2026-12-03T12:00:00Z'), hubName: watchHub });

  return { store, key };
}

describe('queueing new alerts', () => {
  it('queues alerts with the names it was given, naming once', async () => {
    const { store, key } = await createStore('hub-a');
    const asked: string[][] = [];
    const nameAlerts = async (rows: AlertSummary[]) => {
      asked.push(rows.map((row) => row.systemAlertId));
      return rows.map((row) => ({ ...row, subscriptionName: 'Plant A' }));
    };

    await enqueueAlerts([alert, { ...alert, status: 'InProgress' }], { store, now, nameAlerts });

    const { pending } = await store.getOutbox(key);
    expect(pending.flatMap((notice) => notice.alerts.map((a) => a.subscriptionName))).toEqual([
      'Plant A',
    ]);
    expect(asked).toEqual([['A1']]);
  });

  it('asks for no names when no conversation wants the alerts', async () => {
    const { store, key } = await createStore('hub-b');
    let asked = 0;
    const nameAlerts = async (rows: AlertSummary[]) => {
      asked += 1;
      return rows;
    };

    await enqueueAlerts([alert], { store, now, nameAlerts });

    expect((await store.getOutbox(key)).pending).toEqual([]);
    expect(asked).toBe(0);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CARD_NAMES,
  createCardRenderer,
  measureBytes,
  type CardName,
} from '../../../src/cards/render-card.js';
import { checkAdaptiveCard } from './check-adaptive-card.js';

const HOSTILE =
  `He said "stop" \\ it's \${title} \${$root.footer} [click](https://evil.example) ` +
  'Ölpumpe 油泵 ポンプ مضخة 🚨\n' +
  'x'.repeat(2048);

type Sample = Record<string, unknown>;

/** Typical data per template; `hostile` replaces every text with HOSTILE, `empty` empties lists. */
const TYPICAL: Record<CardName, Sample> = {
  help: {
    title: 'What I can do',
    intro: 'Type a command.',
    commands: [{ usage: 'show subs', summary: 'Lists subscriptions.', example: 'show subs' }],
    operatorNote: 'More commands (connect sub, audit) are for bot operators.',
  },
  subscriptions: {
    title: 'Subscriptions (1)',
    subtitle: 'Sentinel workspace law',
    subscriptions: [
      {
        name: 'Contoso-OT',
        id: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
        hubsText: '3',
        defenderText: '3 of 3',
        connectorText: 'Connected',
        connectorColor: 'good',
        action: 'disconnect',
      },
    ],
    emptyText: '',
    moreCount: 0,
    asOf: '2025-03-01T12:00:00.000Z',
    bannerText: 'Contoso-OT is connected: connected by User One at 2025-03-01 12:00 UTC.',
    bannerColor: 'good',
    incidentsText: 'off',
    incidentsColor: 'default',
    incidentsNext: 'on',
    incidentsButton: 'Turn on',
  },
  hubs: {
    title: 'IoT hubs',
    subtitle: 'On for 1 of 1.',
    hubs: [
      {
        name: 'hub-1',
        subscriptionName: 'Contoso-OT',
        location: 'westeurope',
        defenderText: 'On',
        defenderColor: 'good',
      },
    ],
    emptyText: '',
    moreCount: 0,
  },
  check: {
    title: 'Prerequisites',
    subtitle: 'sub',
    checks: [{ mark: '✓', color: 'good', name: 'Defender', detail: 'On.', fix: '' }],
    verdict: 'Ready.',
    verdictColor: 'good',
    subscriptionId: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
    canConnect: true,
    asOf: '2025-03-01T12:00:00.000Z',
    bannerText: '',
    bannerColor: 'default',
  },
  alerts: {
    title: 'Alerts (1)',
    filterText: 'Last 24 h',
    counts: [{ label: 'High', color: 'attention', countText: '0' }],
    alerts: [
      {
        id: 'a1',
        severity: 'High',
        color: 'attention',
        name: 'Brute force',
        time: '2025-03-01 12:00 UTC',
        device: 'plc-1',
        hub: 'hub-1',
      },
    ],
    emptyText: '',
    moreCount: 0,
    page: 2,
    hasNext: true,
    filterArgs: 'last 24h severity High top 10',
  },
  'alert-detail': {
    severity: 'High',
    name: 'PLC firmware change',
    color: 'attention',
    facts: [{ title: 'Device', value: null }],
    description: 'Something happened.',
    remediation: ['Check the device.'],
    properties: [{ title: 'DeviceId', value: 'plc-1' }],
    entities: ['iotdevice: DeviceId plc-1'],
  },
  'alert-notice': {
    alertId: '0b3c1e8e-2f7e-4c5a-9f59-0c1d2e3f4a5b',
    alertName: 'Port forwarding detection',
    severity: 'High',
    severityColor: 'attention',
    device: 'plc-07',
    hubName: 'contoso-ot-hub-weu',
    subscription: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
    subscriptionId: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
    timeUtc: '2025-03-01 12:00 UTC',
    status: 'New',
    firstStep: 'Review the forwarding rule.',
    portalUrl: 'https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/x',
    optOut: 'Type `unwatch` to stop.',
  },
  'alert-digest': {
    title: '12 new Defender for IoT alerts',
    countsLine: '2 High · 10 Low',
    severityColor: 'attention',
    worst: [
      {
        alertId: 'a1',
        alertName: 'Web shell',
        severity: 'High',
        severityColor: 'attention',
        device: 'plc-1',
        hubName: 'hub-1',
        subscriptionId: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
        timeUtc: '2025-03-01 12:00 UTC',
        portalUrl: 'https://portal.azure.com/',
      },
    ],
    moreCount: 7,
    moreLine: '7 more: type `show iot alerts` to see them all.',
    optOut: 'Type `unwatch` to stop.',
  },
  confirm: {
    title: 'Connect Contoso-OT?',
    tone: 'default',
    text: 'This writes the Defender for IoT data connector.',
    facts: [{ title: 'Subscription', value: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4' }],
    hint: 'Asked by User One.',
    confirmTitle: 'Connect',
    confirm: {
      verb: 'connectSub',
      subscriptionId: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
      state: '',
      origin: 'subs',
      asOf: '2025-03-01T12:00:00.000Z',
    },
    cancel: { verb: 'showSubs', subscriptionId: '' },
  },
  audit: {
    title: 'Audit trail: newest 1',
    subtitle: 'Times are UTC, newest first.',
    entries: [
      {
        time: '2026-01-07 06:05:03 UTC',
        who: 'User One',
        whoId: '00000000-0000-0000-0000-0000000000u1',
        action: 'connect',
        target: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
        result: 'failed',
        resultColor: 'attention',
        correlationId: '6a1b2c3d-0000-4000-8000-000000000001',
      },
    ],
    emptyText: '',
    moreCount: 0,
  },
  message: {
    title: 'Done',
    tone: 'good',
    text: 'It worked.',
    facts: [{ title: 'Count', value: 0 }],
    items: ['one'],
    hint: '',
  },
};

const TRIM: Partial<Record<CardName, string>> = {
  subscriptions: 'subscriptions',
  hubs: 'hubs',
  alerts: 'alerts',
  audit: 'entries',
};

function makeHostile(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return key.endsWith('olor') || key === 'tone' ? value : HOSTILE;
  if (Array.isArray(value)) return Array.from({ length: 60 }, () => makeHostile(value[0], key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, makeHostile(v, k)]));
  }
  return value;
}

function makeEmpty(value: Sample): Sample {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      Array.isArray(v) ? [] : typeof v === 'string' ? '' : v,
    ]),
  );
}

const renderer = createCardRenderer({ footer: 'Sandbox mode: data from the embedded sandbox.' });
const cases = CARD_NAMES.flatMap((card) =>
  [
    ['typical', TYPICAL[card]],
    ['empty', makeEmpty(TYPICAL[card])],
    ['hostile', makeHostile(TYPICAL[card]) as Sample],
  ].map(([kind, data]) => [card, kind, data] as const),
);

describe('card templates', () => {
  it('ships exactly the templates the renderer knows', () => {
    const files = readdirSync(new URL('../../../cards/', import.meta.url)).filter((f) =>
      f.endsWith('.json'),
    );

    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...CARD_NAMES].sort());
  });

  it.each(cases)('renders %s with %s data into a valid card', (card, _kind, data) => {
    const trimKey = TRIM[card];
    const activity = renderer.render({
      card,
      data: data as Sample,
      fallbackText: 'Plain text version',
      trim: trimKey ? { key: trimKey, noun: 'rows' } : undefined,
    });
    const content = activity.attachments[0]?.content;

    expect(checkAdaptiveCard(content)).toEqual([]);
    expect(JSON.stringify(activity)).not.toContain('${');
    expect(measureBytes(activity)).toBeLessThanOrEqual(20 * 1024);
    expect(content?.version).toBe('1.5');
    expect(content?.fallbackText).toBe('Plain text version');
    expect(activity.summary).toBe('Plain text version');
  });

  it('cuts list rows to stay under the budget and says how many are missing', () => {
    const row = (i: number) => ({
      id: `2f1d7a6e-3b98-4c05-9e2f-${String(i).padStart(12, '0')}`,
      severity: 'Medium',
      color: 'warning',
      name: `Behavior similar to ransomware detected ${'ä'.repeat(200)}`,
      time: '2025-03-01 12:00 UTC',
      device: `Gerät-油泵-${i}`,
      hub: 'contoso-ot-hub-weu',
    });
    const activity = renderer.render({
      card: 'alerts',
      data: { ...TYPICAL.alerts, alerts: Array.from({ length: 60 }, (_, i) => row(i)) },
      fallbackText: 'alerts',
      trim: { key: 'alerts', noun: 'alerts' },
    });
    const text = JSON.stringify(activity);
    const shown = (text.match(/"systemAlertId"/g) ?? []).length / 2;

    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(60);
    expect(text).toContain(`${60 - shown} more alerts not shown (cut to keep the card small`);
  });

  it('shows a placeholder for missing and null fields and renders 0 as 0 (F25)', () => {
    const activity = renderer.render({
      card: 'message',
      data: {
        title: 'PLC firmware change',
        tone: 'attention',
        facts: [{ title: 'Count', value: 0 }],
      },
      fallbackText: 'x',
    });
    const text = JSON.stringify(activity);

    expect(text).toContain('"value":0');
    expect(text).not.toContain('${');
    expect(checkAdaptiveCard(activity.attachments[0]?.content)).toEqual([]);
  });

  it('flags a broken card, so the checks above can fail', () => {
    expect(
      checkAdaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] }),
    ).not.toEqual([]);
  });
});

describe('card actions (F04)', () => {
  const actions: Array<{ file: string; action: Record<string, unknown> }> = [];
  const collect = (file: string, node: unknown) => {
    if (Array.isArray(node)) return node.forEach((item) => collect(file, item));
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Submit' || record.type === 'Action.Execute') {
      actions.push({ file, action: record });
    }
    Object.values(record).forEach((value) => collect(file, value));
  };
  for (const card of CARD_NAMES) {
    const url = new URL(`../../../cards/${card}.json`, import.meta.url);
    collect(card, JSON.parse(readFileSync(url, 'utf8')));
  }

  it('has buttons to check', () => {
    expect(actions.length).toBeGreaterThan(0);
  });

  it.each(actions.map((a) => [a.file, a.action.type, a.action] as const))(
    '%s: %s carries object data with a verb',
    (_file, type, action) => {
      const data = action.data as Record<string, unknown>;

      expect(typeof data).toBe('object');
      expect(typeof data.verb).toBe('string');
      if (type === 'Action.Execute') {
        expect(action.verb).toBe(data.verb);
        expect((action.fallback as { type: string }).type).toBe('Action.Submit');
      }
    },
  );
});

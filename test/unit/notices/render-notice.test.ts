import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createCardRenderer } from '../../../src/cards/render-card.js';
import {
  renderDigest as toDigestReply,
  renderNotice as toNoticeReply,
  renderTextFallback,
} from '../../../src/notices/render-notice.js';
import type { AlertSummary } from '../../../src/notices/notice-types.js';
import { SUB_A } from './notice-fakes.js';

// The package's main entry does not load in plain Node; its bundled build does (CARDS.md).
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void };
  SerializationContext: new () => {
    eventCount: number;
    getEventAt(i: number): { message: string };
  };
};

const typical: AlertSummary = {
  systemAlertId: '0b3c1e8e-2f7e-4c5a-9f59-0c1d2e3f4a5b',
  alertName: 'Port forwarding detection',
  severity: 'High',
  status: 'New',
  subscriptionId: SUB_A,
  hubName: 'hub-a',
  resourceId: `/subscriptions/${SUB_A}/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub-a`,
  deviceId: 'plc-07',
  firstRemediationStep: 'Review the device and block the forwarding rule.',
  generatedAt: '2026-12-03T11:58:09.000Z',
  ingestedAt: '2026-12-03T12:04:00.000Z',
  portalUrl: 'https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/x',
};
const hostile: AlertSummary = {
  ...typical,
  alertName: 'Quote " backslash \\ ${alertName} ${ 日本語の警告 ' + 'x'.repeat(2048),
  deviceId: '${device}"}]',
  firstRemediationStep: undefined,
  hubName: '',
};

function parseCard(card: unknown): string[] {
  const context = new AC.SerializationContext();
  new AC.AdaptiveCard().parse(card, context);
  return Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
}

const renderer = createCardRenderer();
const renderNotice = (alert: AlertSummary) => renderer.render(toNoticeReply(alert));
const renderDigest = (alerts: AlertSummary[]) => renderer.render(toDigestReply(alerts));
const cardOf = (activity: ReturnType<typeof renderNotice>) =>
  activity.attachments[0]?.content as Record<string, unknown>;

describe('notice cards', () => {
  it.each([
    ['typical', typical],
    ['hostile', hostile],
  ])('renders a %s alert as a valid 1.5 card with no template left over', (_name, alert) => {
    const activity = renderNotice(alert);
    const card = cardOf(activity);
    const json = JSON.stringify(activity);

    expect(parseCard(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    // Azure text stays data: it appears as given (clipped), and nothing else holds a template.
    const asData = [`${alert.alertName.slice(0, 199)}…`, alert.alertName, alert.deviceId ?? '']
      .filter((value) => value.length <= 200)
      .map((value) => JSON.stringify(value).slice(1, -1));
    expect(asData.some((value) => json.includes(value))).toBe(true);
    expect(asData.reduce((rest, value) => rest.replaceAll(value, ''), json)).not.toContain('${');
    expect(Buffer.byteLength(json, 'utf8')).toBeLessThan(20 * 1024);
  });

  it('shows severity as colour and the fields people act on', () => {
    const json = JSON.stringify(cardOf(renderNotice(typical)));

    expect(json).toContain('"color":"attention"');
    for (const text of [
      'plc-07',
      'hub-a',
      SUB_A,
      '2026-12-03 11:58 UTC',
      'First step: Review the device',
    ]) {
      expect(json).toContain(text);
    }
  });

  it('names the subscription with its id when the name is known, else shows the id', () => {
    const named = JSON.stringify(cardOf(renderNotice({ ...typical, subscriptionName: 'Plant A' })));
    const unnamed = JSON.stringify(cardOf(renderNotice(typical)));

    expect(named).toContain(`"title":"Subscription","value":"Plant A (${SUB_A})"`);
    expect(unnamed).toContain(`"title":"Subscription","value":"${SUB_A}"`);
  });

  it('makes Details and Watch this hub only Action.Execute, object data, Submit fallback', () => {
    const actions = cardOf(renderNotice(typical)).actions as Array<Record<string, unknown>>;

    expect(actions.map((action) => action.title)).toEqual([
      'Details',
      'Open in Azure portal',
      'Watch this hub only',
    ]);
    for (const action of [actions[0], actions[2]]) {
      expect(action).toMatchObject({ type: 'Action.Execute', data: { verb: action?.verb } });
      expect(action?.fallback).toMatchObject({
        type: 'Action.Submit',
        data: { verb: action?.verb },
      });
    }
    expect(actions[0]?.data).toEqual({ verb: 'showAlert', alertId: typical.systemAlertId });
    expect(actions[1]).toMatchObject({ type: 'Action.OpenUrl', url: typical.portalUrl });
  });

  it('fills missing fields with a placeholder', () => {
    const json = JSON.stringify(cardOf(renderNotice(hostile)));

    expect(json).toContain('First step: —');
    expect(json).toContain('"title":"IoT hub","value":"—"');
  });

  it('renders a digest with counts by severity, the five worst and the rest counted', () => {
    const alerts = Array.from({ length: 12 }, (_, i) => ({
      ...typical,
      systemAlertId: `id-${i}`,
      alertName: `Alert ${i}`,
      severity: i === 9 ? ('High' as const) : i < 4 ? ('Medium' as const) : ('Low' as const),
    }));
    const activity = renderDigest(alerts);
    const json = JSON.stringify(cardOf(activity));

    expect(parseCard(cardOf(activity))).toEqual([]);
    expect(activity.summary).toBe('12 new Defender for IoT alerts: 1 High · 4 Medium · 7 Low.');
    expect(json.indexOf('Alert 9')).toBeLessThan(json.indexOf('Alert 0'));
    expect(json).not.toContain('Alert 4');
    expect(json).toContain('7 more');
    expect(json).not.toContain('${');
  });

  it('offers a short text when a card is refused as too large', () => {
    expect(renderTextFallback([typical]).text).toBe(
      'High Defender for IoT alert: Port forwarding detection ' +
        `(hub hub-a, 2026-12-03 11:58 UTC). Details: ${typical.portalUrl}`,
    );
    expect(renderTextFallback([typical, typical]).text).toMatch(/^2 new Defender for IoT alerts/);
  });
});

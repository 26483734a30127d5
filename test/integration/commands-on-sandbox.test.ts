import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DATA } from '../../src/sandbox/index.js';
import {
  PERSONAL_CONVERSATION,
  getCardText,
  readCard,
  startBotHarness,
  type BotHarness,
} from './bot-harness.js';
import { SANDBOX_SUBSCRIPTION_IDS } from '../support/sandbox-subscriptions.js';

const [OT, LAB, CORP, RETAIL] = SANDBOX_SUBSCRIPTION_IDS;

interface SandboxState {
  connectors: Array<{ subscriptionId: string; state?: string; dataTypes?: unknown }>;
  alertRules: Array<{ id: string; properties: { enabled: boolean; productFilter: string } }>;
}

describe('commands on the Azure sandbox', () => {
  let harness: BotHarness;
  const readState = async (): Promise<SandboxState> => {
    const response = await fetch(`${harness.bot.sandbox?.baseUrl}/_sandbox/state`);
    return (await response.json()) as SandboxState;
  };
  const connectorsOf = async (subscriptionId: string) =>
    (await readState()).connectors.filter((c) => c.subscriptionId.toLowerCase() === subscriptionId);

  beforeAll(async () => {
    harness = await startBotHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });
  afterEach(() => {
    harness.bot.sandbox?.faults.clear();
    harness.connector.reset();
  });

  it('lists each subscription with hub counts, Defender coverage and connector state', async () => {
    const card = await harness.ask('show subs');
    const containers = (card.body as Array<Record<string, unknown>>).filter(
      (element) => element.type === 'Container',
    );
    const rows = containers.map((container) => {
      const [name, facts, connector] = container.items as Array<Record<string, unknown>>;
      const values = (facts?.facts as Array<{ title: string; value: string }>).map((f) => f.value);
      return [name?.text, ...values, connector?.text];
    });

    expect(rows).toEqual([
      ['Contoso-Corp-IT', CORP, '0', '0', 'Sentinel connector: Not connected'],
      ['Contoso-OT', OT, '3', '3 of 3', 'Sentinel connector: Connected'],
      ['Contoso-Plant-Lab', LAB, '2', '0 of 2', 'Sentinel connector: Not connected'],
      ['Contoso-Retail-Edge', RETAIL, '1', '1 of 1', 'Sentinel connector: Not connected'],
    ]);
  });

  it('connects a subscription with Defender for IoT, then answers already connected', async () => {
    expect(await connectorsOf(RETAIL)).toHaveLength(0);

    const first = getCardText(await harness.ask('connect sub contoso-r'));
    const afterFirst = await connectorsOf(RETAIL);
    const second = getCardText(await harness.ask(`connect sub ${RETAIL}`));

    expect(first).toContain('Contoso-Retail-Edge is connected');
    expect(first).toContain('about 15 minutes');
    expect(afterFirst).toHaveLength(1);
    expect(JSON.stringify(afterFirst[0])).toContain('Enabled');
    expect(second).toContain('Contoso-Retail-Edge is already connected');
    expect(await connectorsOf(RETAIL)).toEqual(afterFirst);
  });

  it('writes nothing when no hub of the subscription has Defender for IoT', async () => {
    const before = await readState();

    const text = getCardText(await harness.ask('connect sub Contoso-Plant'));

    expect(text).toContain('Contoso-Plant-Lab was not connected');
    expect(text).toContain('contoso-lab-hub-eus (eastus): Defender for IoT off');
    expect(text).toContain('contoso-lab-sim-hub (eastus2): Defender for IoT off');
    expect(text).toContain('enable Defender for IoT on a hub');
    expect((await readState()).connectors).toEqual(before.connectors);
  });

  it('disconnects a connected subscription once and then reports it as disconnected', async () => {
    await harness.ask('connect sub Contoso-Retail-Edge');

    const first = getCardText(await harness.ask('disconnect sub Contoso-Retail-Edge'));
    const second = getCardText(await harness.ask('DISCONNECT   SUB   contoso-retail-edge'));

    expect(first).toContain('Contoso-Retail-Edge is disconnected');
    expect(second).toContain('Contoso-Retail-Edge is already disconnected');
    expect(await connectorsOf(RETAIL)).toHaveLength(0);
  });

  it('switches the one IoT incident rule on and off without creating another', async () => {
    const iotRules = async () =>
      (await readState()).alertRules.filter(
        (rule) => rule.properties.productFilter === 'Azure Security Center for IoT',
      );
    const before = await iotRules();

    const on = getCardText(await harness.ask('enable incidents'));
    const afterOn = await iotRules();
    const off = getCardText(await harness.ask('incidents off'));
    const afterOff = await iotRules();

    expect(before).toHaveLength(1);
    expect(on).toContain('Incident creation is on');
    expect(afterOn).toHaveLength(1);
    expect(afterOn[0]?.id).toBe(before[0]?.id);
    expect(afterOn[0]?.properties.enabled).toBe(true);
    expect(off).toContain('Incident creation is off');
    expect(afterOff[0]?.properties.enabled).toBe(false);
  });

  it('shows the alerts matching a filter, counting only the severity asked for', async () => {
    const raised = harness.bot.sandbox?.generateAlerts(3, {
      hubName: 'contoso-ot-hub-weu',
      severity: 'High',
      ingestionDelaySeconds: 0,
    });

    const card = await harness.ask(
      'show iot alerts last 2h severity HIGH hub contoso-ot-hub-weu top 50',
    );
    const rows = (card.body as Array<Record<string, unknown>>).filter(
      (element) => element.type === 'ColumnSet' && JSON.stringify(element).includes('showAlert'),
    );
    const ids = rows.map((row) => /"systemAlertId":"([^"]+)"/.exec(JSON.stringify(row))?.[1]);
    const lines = rows.map((row) =>
      getCardText((row.columns as Array<{ items: unknown }>)[0]?.items),
    );

    expect(raised).toHaveLength(3);
    for (const alert of raised ?? []) expect(ids).toContain(alert.systemAlertId);
    for (const line of lines) {
      expect(line).toMatch(/^High · /);
      expect(line).toContain('hub contoso-ot-hub-weu');
      expect(line).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    }
    const counts = getCardText(card.body);
    expect(counts).toContain(`High\n${rows.length}\n`);
    for (const other of ['Medium', 'Low', 'Informational']) {
      expect(counts).not.toContain(`${other}\n`);
    }
  });

  it('names the page argument of show iot alerts in help and in its usage hint', async () => {
    const usage = 'show iot alerts [last N h|d] [severity S] [sub X] [hub H] [top N] [page N]';

    const help = getCardText(await harness.ask('help'));
    const refusal = getCardText(await harness.ask('show iot alerts page 0'));

    expect(help).toContain(usage);
    expect(refusal).toContain(`Usage: \`${usage}\``);
  });

  it('counts every severity when no severity is asked for', async () => {
    const counts = getCardText((await harness.ask('show iot alerts last 2h')).body);

    expect(counts).toMatch(/High\n\d+\nMedium\n\d+\nLow\n\d+\nInformational\n\d+\n/);
  });

  it('shows one alert in full with its JSON columns parsed', async () => {
    const [alert] =
      harness.bot.sandbox?.generateAlerts(1, {
        hubName: 'contoso-ot-hub-neu',
        ingestionDelaySeconds: 0,
      }) ?? [];

    const text = getCardText(await harness.ask(`show alert ${alert?.systemAlertId}`));

    expect(text).toContain(alert?.alertName);
    expect(text).toContain('IoT hub\ncontoso-ot-hub-neu');
    expect(text).toContain(`Alert id\n${alert?.systemAlertId}`);
    if (alert?.deviceId) expect(text).toContain(`DeviceId\n${alert.deviceId}`);
    expect(text).not.toContain('not available');
  });

  it('points at the Details card when show alert is given no id', async () => {
    const text = getCardText(await harness.ask('show alert'));

    expect(text).toContain('press Details on a row of `show iot alerts`');
    expect(text).toContain('Usage: `show alert ID`');
  });

  it('says in words what a new watch covers, as show watches does', async () => {
    const scope = 'High and above, hub contoso-ot-hub-weu';

    const confirmation = getCardText(
      await harness.ask('watch alerts severity high and above hub contoso-ot-hub-weu'),
    );
    const watches = getCardText(await harness.ask('show watches'));
    await harness.ask('unwatch');

    expect(confirmation).toMatch(new RegExp(`Watch \\d+ posts new alerts here: ${scope}\\.`));
    expect(watches).toMatch(new RegExp(`\\d+\\. ${scope}`));
  });

  it('names the missing role on AuthorizationFailed, without the raw Azure answer', async () => {
    harness.bot.sandbox?.faults.add({
      method: 'PUT',
      pathPattern: '/dataConnectors/',
      status: 403,
      body: {
        error: {
          code: 'AuthorizationFailed',
          message:
            "The client 'ops@contoso.com' with object id '0000' does not have authorization to " +
            "perform action 'Microsoft.SecurityInsights/dataConnectors/write'.",
        },
      },
    });

    const card = await harness.ask('connect sub Contoso-Retail-Edge');
    const text = getCardText(card);

    expect(text).toContain('Could not connect the Defender for IoT connector');
    expect(text).toContain(
      'Contributor on the subscription and Microsoft Sentinel Contributor on the workspace',
    );
    expect(text).toContain('AuthorizationFailed');
    expect(JSON.stringify(card)).not.toMatch(/does not have authorization|ops@contoso|at .*\.ts:/);
    expect(await connectorsOf(RETAIL)).toHaveLength(0);
  });

  it('answers status with the sandbox mode, workspace and version', async () => {
    const text = getCardText(await harness.ask('status'));

    expect(text).toContain('Running on the Azure sandbox');
    expect(text).toContain(SANDBOX_DATA.workspace.workspaceName);
    expect(text).toContain(SANDBOX_DATA.workspace.workspaceId);
    expect(text).toContain('9.9.9-test');
  });

  it('suggests the closest command for a misspelt one', async () => {
    const text = getCardText(await harness.ask('shwo subs'));

    expect(text).toContain('Did you mean "show subs"?');
  });

  it('posts replies to the conversation of the activity', async () => {
    await harness.ask('help');

    const [reply] = harness.connector.sent(PERSONAL_CONVERSATION);
    expect(readCard(reply!).version).toBe('1.5');
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { startBot, type RunningBot } from '../../../src/start-bot.js';
import { loadActivity } from '../../support/activities.js';
import { createTemporaryDataDir } from '../../support/temporary-data-dir.js';
import { BotConnectorStub } from '../../support/bot-connector-stub.js';
import { createMemoryLog } from '../../support/memory-log.js';

const OWN = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('the tenant gate in front of the handlers', () => {
  const connector = new BotConnectorStub();
  const log = createMemoryLog();
  let bot: RunningBot;

  beforeAll(async () => {
    await connector.start();
    const config = loadConfig(
      {
        PORT: '0',
        SANDBOX_PORT: '0',
        SANDBOX_ALERT_INTERVAL_SECONDS: '0',
        DATA_DIR: createTemporaryDataDir(),
        ALLOWED_TENANT_IDS: OWN,
      },
      '0.0.0-test',
    );
    bot = await startBot(config, { logger: log.logger });
  });
  afterAll(async () => {
    await bot.close();
    await connector.stop();
  });
  beforeEach(() => connector.reset());

  const post = (activity: Record<string, unknown>) =>
    fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
  const tenant = (id: string) => ({
    serviceUrl: connector.url,
    channelData: { tenant: { id } },
    conversation: { id: 'a:conv-1', conversationType: 'personal', tenantId: id },
  });

  it('answers a message from an allowed tenant', async () => {
    const response = await post(loadActivity('personal-message', tenant(OWN)));

    expect(response.status).toBe(200);
    expect(connector.sent('a:conv-1')).toHaveLength(1);
  });

  it('stays silent to messages from a foreign tenant and logs the tenant once', async () => {
    const foreign = loadActivity(
      'personal-message',
      tenant('11111111-0000-0000-0000-000000000000'),
    );
    const first = await post(foreign);
    const second = await post(foreign);

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await first.text()).toBe('');
    expect(connector.calls).toEqual([]);
    expect(
      log.records().filter((r) => r.tenantId === '11111111-0000-0000-0000-000000000000'),
    ).toHaveLength(1);
  });

  it('answers a foreign card action with the error shape, not a card', async () => {
    const invoke = loadActivity('adaptive-card-action-invoke-with-verb', tenant('t-foreign'));
    const response = await post(invoke);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      statusCode: 403,
      type: 'application/vnd.microsoft.error',
      value: { code: 'TenantNotAllowed', message: 'This app is not available.' },
    });
    expect(connector.calls).toEqual([]);
  });

  it('ignores install events from a foreign tenant', async () => {
    const install = loadActivity('installation-update-add', tenant('t-foreign'));

    expect((await post(install)).status).toBe(200);
    expect(connector.calls).toEqual([]);
  });

  it('answers an unhandled card action with 200 and the error shape, never 501', async () => {
    const invoke = loadActivity('adaptive-card-action-invoke-with-verb', {
      ...tenant(OWN),
      value: { action: { type: 'Action.Execute', verb: 'doesNotExist', data: {} } },
    });
    const response = await post(invoke);

    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBeTypeOf('number');
    // Any documented answer shape will do; what Teams must never get is a 501 or an empty body.
    expect([
      'application/vnd.microsoft.error',
      'application/vnd.microsoft.activity.message',
      'application/vnd.microsoft.card.adaptive',
    ]).toContain(body.type);
    expect(body.value).toBeTruthy();
  });
});

import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DATA } from '../../../src/sandbox/index.js';
import { createTemporaryDataDir } from '../../support/temporary-data-dir.js';
import { getCardText, listCardTexts, startBotHarness, type BotHarness } from '../bot-harness.js';
import {
  countConnectors,
  findAction,
  getAnswerCard,
  postInvoke,
  readSandboxState,
} from '../card-actions-support.js';

const RETAIL = SANDBOX_DATA.subscriptions[3]?.subscriptionId ?? '';
/** The sample activities' user, User One. */
const USER_ONE = '00000000-0000-0000-0000-0000000000u1';
const SOMEONE_ELSE = 'aaaaaaaa-0000-0000-0000-000000000001';
const WRITE_CORRELATION = '5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const READ_CORRELATION = '7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9';
const WHO = `User One (${USER_ONE})`;

interface AuditCardRow {
  headline: string;
  who: string;
  time: string;
  correlation?: string;
}

/** The entry containers of an audit card, as the three lines a reader sees. */
function readAuditRows(card: Record<string, unknown>): AuditCardRow[] {
  const body = card.body as Array<{ type: string; items?: Array<{ text?: string }> }>;

  return body
    .filter((element) => element.type === 'Container')
    .map((container) => {
      const [headline = '', second = '', third] = (container.items ?? []).map((i) => i.text ?? '');
      const [time = '', who = ''] = second.split(' · ');
      return {
        headline,
        who,
        time,
        ...(third ? { correlation: third.replace('Correlation id: ', '') } : {}),
      };
    });
}

describe('operators and the audit trail, in production-like access settings', () => {
  const dataDir = createTemporaryDataDir();
  let harness: BotHarness | undefined;
  const start = async (operators: string) => {
    await harness?.stop();
    harness = await startBotHarness({ DATA_DIR: dataDir, BOT_OPERATORS: operators });
    return harness;
  };

  afterAll(async () => {
    await harness?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('when the sample user is not an operator', () => {
    let bot: BotHarness;
    beforeAll(async () => {
      bot = await start(SOMEONE_ELSE);
    });

    it('refuses a typed connect with a card naming the role, and writes nothing', async () => {
      const before = await readSandboxState(bot);

      const card = await bot.ask('connect sub Contoso-Retail-Edge');

      expect(listCardTexts(card).slice(0, 3)).toEqual([
        'Only bot operators can do this',
        '"connect sub" needs the bot operator role, and you do not have it ' +
          `(your Azure AD object id is ${USER_ONE}).`,
        'The bot operator role lets people change Azure and alert notices and read the audit ' +
          'trail. An administrator adds your Azure AD object id to BOT_OPERATORS in the ' +
          "bot's configuration and restarts the bot.",
      ]);
      expect((await readSandboxState(bot)).connectors).toEqual(before.connectors);
      expect(await countConnectors(bot, RETAIL)).toBe(0);
    });

    it('refuses the Connect button of the subscriptions card in the invoke body', async () => {
      const connect = findAction(await bot.ask('show subs'), 'Connect', RETAIL);
      const before = await readSandboxState(bot);

      const answer = await postInvoke(bot, connect.verb, connect.data);

      expect(connect).toMatchObject({ verb: 'connectSub', data: { subscriptionId: RETAIL } });
      expect([answer.httpStatus, answer.body.statusCode]).toEqual([200, 200]);
      expect(getCardText(getAnswerCard(answer))).toContain(
        '"connect sub" needs the bot operator role',
      );
      expect(getCardText(getAnswerCard(answer))).not.toContain('Connect Contoso-Retail-Edge?');
      expect((await readSandboxState(bot)).connectors).toEqual(before.connectors);
    });

    it('refuses the audit trail too', async () => {
      const card = await bot.ask('audit');

      expect(listCardTexts(card)[1]).toBe(
        '"audit" needs the bot operator role, and you do not have it ' +
          `(your Azure AD object id is ${USER_ONE}).`,
      );
    });

    it('lists in help only what the user may run, and says how to become an operator', async () => {
      const text = getCardText(await bot.ask('help'));

      expect(text).toContain('show subs');
      expect(text).toContain('incidents [on|off]');
      expect(text).not.toContain('connect sub X');
      expect(text).not.toContain('audit [last N]');
      expect(text).toContain(
        'More commands (connect sub, disconnect sub, watch alerts, watch only hub, ' +
          'unwatch, audit) ' +
          'are for bot operators: they change Azure, notices or show the audit trail. To become ' +
          `one, ask an administrator to add your Azure AD object id (yours is ${USER_ONE}) to ` +
          'BOT_OPERATORS.',
      );
    });
  });

  describe('when the sample user is an operator (same data folder, restarted)', () => {
    let bot: BotHarness;
    beforeAll(async () => {
      bot = await start(USER_ONE);
    });

    it('lists every command in help, audit included, with no operator note', async () => {
      const text = getCardText(await bot.ask('help'));

      expect(text).toContain('connect sub X');
      expect(text).toContain('audit [last N]');
      expect(text).not.toContain('are for bot operators');
    });

    it('connects by clicking Connect and confirming', async () => {
      const card = await bot.ask('show subs');
      const connect = findAction(card, 'Connect', RETAIL);
      const confirm = getAnswerCard(await postInvoke(bot, connect.verb, connect.data));
      await postInvoke(bot, 'connectSub', findAction(confirm, 'Connect').data);
      // The same old card clicked again: already connected, so nothing is written.
      const again = getAnswerCard(await postInvoke(bot, connect.verb, connect.data));
      await bot.bot.settle();

      expect(await countConnectors(bot, RETAIL)).toBe(1);
      expect(getCardText(again)).toContain(
        'Contoso-Retail-Edge is connected: connected by User One',
      );
    });

    it('answers typed connect and disconnect, recording an Azure failure with its id', async () => {
      const faults = bot.bot.sandbox?.faults;
      expect(getCardText(await bot.ask('connect sub Contoso-Retail-Edge'))).toContain(
        'already connected',
      );
      expect(getCardText(await bot.ask('disconnect sub Contoso-Retail-Edge'))).toContain(
        'Contoso-Retail-Edge is disconnected',
      );
      faults?.add({
        method: 'PUT',
        pathPattern: '/dataConnectors/',
        status: 403,
        headers: { 'x-ms-correlation-request-id': WRITE_CORRELATION },
      });
      expect(getCardText(await bot.ask('connect sub Contoso-Retail-Edge'))).toContain(
        'not allowed',
      );
      faults?.clear();
      faults?.add({
        method: 'GET',
        pathPattern: '/subscriptions?',
        status: 500,
        headers: { 'x-ms-correlation-request-id': READ_CORRELATION },
      });
      await bot.ask('connect sub Contoso-Retail-Edge');
      faults?.clear();
      expect(getCardText(await bot.ask('connect sub Contoso-Retail-Edge'))).toContain(
        'Contoso-Retail-Edge is connected',
      );

      expect(await countConnectors(bot, RETAIL)).toBe(1);
    });

    it('shows every attempt once in audit, newest first, with who, target and result', async () => {
      const rows = readAuditRows(await bot.ask('audit'));

      expect(rows.map(({ headline, correlation }) => [headline, correlation])).toEqual([
        [`succeeded: connect · ${RETAIL}`, undefined],
        ['failed: connect · Contoso-Retail-Edge', READ_CORRELATION],
        [`failed: connect · ${RETAIL}`, WRITE_CORRELATION],
        [`succeeded: disconnect · ${RETAIL}`, undefined],
        [`unchanged: connect · ${RETAIL}`, undefined],
        [`unchanged: connect · ${RETAIL}`, undefined],
        [`succeeded: connect · ${RETAIL}`, undefined],
        [`refused: connect · ${RETAIL}`, undefined],
        ['refused: connect · Contoso-Retail-Edge', undefined],
      ]);
      expect(new Set(rows.map((row) => row.who))).toEqual(new Set([WHO]));
      for (const row of rows) expect(row.time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
      const times = rows.map((row) => row.time);
      expect(times).toEqual([...times].sort().reverse());
    });

    it('shows only the last N when asked', async () => {
      const rows = readAuditRows(await bot.ask('audit last 2'));

      expect(rows.map((row) => row.headline)).toEqual([
        `succeeded: connect · ${RETAIL}`,
        'failed: connect · Contoso-Retail-Edge',
      ]);
    });
  });

  describe('after another restart on the same data folder', () => {
    it('still lists the trail', async () => {
      const before = readAuditRows(await (harness as BotHarness).ask('audit'));
      const bot = await start(USER_ONE);

      const after = readAuditRows(await bot.ask('audit'));

      expect(after).toHaveLength(9);
      expect(after).toEqual(before);
    });
  });
});

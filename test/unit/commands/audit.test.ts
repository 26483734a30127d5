import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { createCardRenderer, measureBytes } from '../../../src/cards/render-card.js';
import { createAuditCommand } from '../../../src/commands/audit.js';
import { createAuditTrail } from '../../../src/security/create-audit-trail.js';
import { checkAdaptiveCard } from '../cards/check-adaptive-card.js';
import { createContext, createFakeGateway } from './fake-gateway.js';

async function commandWithEntries(count: number) {
  const audit = createAuditTrail(new MemoryStorage());
  for (let i = 0; i < count; i += 1) {
    await audit.record({
      at: new Date(Date.UTC(2026, 0, 7, 6, 0, i)).toISOString(),
      actor: {
        aadObjectId: `aaaaaaaa-0000-0000-0000-${String(i).padStart(12, '0')}`,
        name: 'Alice',
      },
      action: 'connect',
      target: '2b9f6d3c-7e15-4a8b-b4d2-9c0e1f7a5d36',
      result: i % 2 === 0 ? 'succeeded' : 'failed',
      correlationId: i % 2 === 0 ? undefined : `corr-${i}`,
    });
  }

  return createAuditCommand({ audit });
}

describe('audit', () => {
  const { context } = createContext(createFakeGateway().gateway);

  it('reads 20 entries by default and at most 100', async () => {
    const command = await commandWithEntries(120);

    const byDefault = await command.run(context, command.parse(''));
    const most = await command.run(context, command.parse('last 500'));

    expect((byDefault.data.entries as unknown[]).length).toBe(20);
    expect((most.data.entries as unknown[]).length).toBe(100);
  });

  it('lists the newest first with time, who, result and correlation id', async () => {
    const command = await commandWithEntries(3);

    const reply = await command.run(context, command.parse('last 2'));

    expect(reply.data.entries).toEqual([
      expect.objectContaining({
        time: '2026-01-07 06:00:02 UTC',
        result: 'succeeded',
        correlationId: '',
      }),
      expect.objectContaining({
        time: '2026-01-07 06:00:01 UTC',
        result: 'failed',
        correlationId: 'corr-1',
      }),
    ]);
    expect(reply.fallbackText.split('\n')[0]).toBe('Audit trail: newest 2');
  });

  it('renders 100 entries as a valid card within budget, saying how many were cut', async () => {
    const command = await commandWithEntries(100);
    const activity = createCardRenderer().render(await command.run(context, 100));
    const content = activity.attachments[0]?.content;
    const shown = (JSON.stringify(content).match(/ UTC · Alice/g) ?? []).length;

    expect(checkAdaptiveCard(content)).toEqual([]);
    expect(measureBytes(activity)).toBeLessThanOrEqual(20 * 1024);
    // About 40–60 rows fit in Teams' card size; the rest are counted, not silently dropped.
    expect(shown).toBeGreaterThan(20);
    expect(shown).toBeLessThan(100);
    expect(JSON.stringify(content)).toContain(`${100 - shown} more entries not shown`);
  });

  it('says so when nothing is on record', async () => {
    const command = await commandWithEntries(0);

    const reply = await command.run(context, 20);

    expect([reply.data.title, reply.data.emptyText]).toEqual([
      'No change attempts on record',
      'Nobody has tried to change anything through the bot yet.',
    ]);
  });

  it.each(['everything', 'last', '-3'])('explains the usage for %j', async (args) => {
    const command = await commandWithEntries(0);

    expect(() => command.parse(args)).toThrow('Type `audit` for the last 20 change attempts');
  });
});

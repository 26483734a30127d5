import { describe, expect, it } from 'vitest';
import { connectSubCommand } from '../../../src/commands/connect-sub.js';
import { disconnectSubCommand } from '../../../src/commands/disconnect-sub.js';
import { resolveSubscription } from '../../../src/commands/resolve-subscription.js';
import { SUBS, createContext, createFakeGateway, hub } from './fake-gateway.js';

const [OT, LAB] = SUBS.map((s) => s.subscriptionId) as [string, string];

describe('resolveSubscription', () => {
  const { gateway } = createFakeGateway();

  it.each([
    [OT, 'Contoso-OT'],
    [OT.toUpperCase(), 'Contoso-OT'],
    ['contoso-ot', 'Contoso-OT'],
    ['CONTOSO-P', 'Contoso-Plant-Lab'],
    ['contoso-r', 'Contoso-Retail-Edge'],
  ])('finds %j', async (reference, name) => {
    expect((await resolveSubscription(gateway, reference)).displayName).toBe(name);
  });

  it('lists the matches of an ambiguous prefix', async () => {
    await expect(resolveSubscription(gateway, 'contoso')).rejects.toMatchObject({
      code: 'SUBSCRIPTION_AMBIGUOUS',
      content: { items: SUBS.map((s) => `${s.displayName} (${s.subscriptionId})`) },
    });
  });

  it('lists what exists for an unknown name', async () => {
    await expect(resolveSubscription(gateway, "1111'")).rejects.toMatchObject({
      code: 'SUBSCRIPTION_NOT_FOUND',
      content: {
        items: expect.arrayContaining(['Contoso-OT (3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4)']),
      },
    });
  });
});

describe('connect sub', () => {
  it('writes nothing and names the hubs when Defender for IoT is off everywhere', async () => {
    const { gateway, writes } = createFakeGateway({
      hubs: [hub(LAB, 'lab-1', false), hub(LAB, 'lab-2', false)],
    });
    const { context, audit } = createContext(gateway);

    const reply = await connectSubCommand.run(
      context,
      connectSubCommand.parse('Contoso-Plant-Lab'),
    );

    expect(writes).toEqual([]);
    expect(reply.data.items).toEqual([
      'lab-1 (westeurope): Defender for IoT off',
      'lab-2 (westeurope): Defender for IoT off',
    ]);
    expect(audit).toMatchObject([{ action: 'connect', target: LAB, result: 'unchanged' }]);
  });

  it('connects once and then reports "already connected" without writing', async () => {
    const { gateway, writes } = createFakeGateway({ hubs: [hub(OT, 'ot-1', true)] });
    const { context, audit } = createContext(gateway);

    const first = await connectSubCommand.run(context, 'Contoso-OT');
    const second = await connectSubCommand.run(context, 'Contoso-OT');

    expect(writes).toEqual([`connect ${OT}`]);
    expect(first.data.title).toBe('Contoso-OT is connected');
    expect(second.data.title).toBe('Contoso-OT is already connected');
    expect(audit.map((entry) => entry.result)).toEqual(['succeeded', 'unchanged']);
  });

  it('asks for the subscription when none is given', () => {
    expect(() => connectSubCommand.parse('  ')).toThrow(/Say which subscription/);
  });
});

describe('disconnect sub', () => {
  it('changes nothing when there is no connector', async () => {
    const { gateway, writes } = createFakeGateway();
    const { context } = createContext(gateway);

    const reply = await disconnectSubCommand.run(context, 'Contoso-OT');

    expect(writes).toEqual([]);
    expect(reply.data.title).toBe('Contoso-OT is already disconnected');
  });
});

import { describe, expect, it } from 'vitest';
import { AzureCallError } from '../../../src/azure/azure-call-error.js';
import { connectSubCommand } from '../../../src/commands/connect-sub.js';
import { incidentsCommand } from '../../../src/commands/incidents.js';
import { statusCommand } from '../../../src/commands/status.js';
import { ErrorCodes } from '../../../src/errors.js';
import {
  auditChangeAttempts,
  describeChangeAttempt,
} from '../../../src/security/change-attempts.js';
import { SUBS, createContext, createFakeGateway, hub } from '../commands/fake-gateway.js';

const RETAIL = SUBS[2]?.subscriptionId ?? '';
const SCOPE = { conversationId: 'a:conversation', workspaceName: 'law' };
const OPERATION = { what: 'connect the connector', role: 'Contributor' };

describe('describeChangeAttempt', () => {
  it.each([
    ['connectSub', 'Contoso-OT', { action: 'connect', target: 'Contoso-OT' }],
    ['disconnectSub', RETAIL, { action: 'disconnect', target: RETAIL }],
    ['incidents', 'off', { action: 'incidents off', target: 'law' }],
    ['watchAlerts', {}, { action: 'watch alerts', target: 'a:conversation' }],
    ['watchHubOnly', {}, { action: 'watch only hub', target: 'a:conversation' }],
    ['unwatch', 2, { action: 'unwatch', target: 'a:conversation' }],
  ])('names %s as %j', (verb, args, expected) => {
    expect(describeChangeAttempt({ verb }, args, SCOPE)).toEqual(expected);
  });

  it.each(['audit', 'showSubs', 'status'])('does not treat %s as a change', (verb) => {
    expect(describeChangeAttempt({ verb }, '', SCOPE)).toBeUndefined();
  });
});

describe('auditChangeAttempts', () => {
  const retailHubs = [hub(RETAIL, 'retail-hub', true)];

  it('keeps the single row a successful command writes', async () => {
    const { gateway } = createFakeGateway({ hubs: retailHubs });
    const { context, audit } = createContext(gateway);

    await auditChangeAttempts(connectSubCommand).run(context, 'Contoso-Retail-Edge');

    expect(audit).toEqual([
      {
        at: '2025-03-01T12:00:00.000Z',
        actor: { aadObjectId: 'u1', name: 'User One' },
        action: 'connect',
        target: RETAIL,
        result: 'succeeded',
        detail: `connector ${RETAIL}`,
      },
    ]);
  });

  it('records a failed Azure write once, with its correlation id, and rethrows', async () => {
    const { gateway } = createFakeGateway({ hubs: retailHubs });
    const error = new AzureCallError(
      ErrorCodes.AzureAuthorizationFailed,
      { operation: OPERATION, fix: 'Ask for the role.', message: 'Not allowed.' },
      { status: 403, correlationId: 'corr-1' },
    );
    gateway.connect = async () => Promise.reject(error);
    const { context, audit } = createContext(gateway);

    await expect(
      auditChangeAttempts(connectSubCommand).run(context, 'Contoso-Retail-Edge'),
    ).rejects.toBe(error);
    expect(audit.map((e) => [e.result, e.target, e.correlationId])).toEqual([
      ['failed', RETAIL, 'corr-1'],
    ]);
  });

  it('records a failure the command did not record itself (unknown subscription)', async () => {
    const { gateway } = createFakeGateway();
    const { context, audit } = createContext(gateway);

    await expect(
      auditChangeAttempts(connectSubCommand).run(context, 'Fabrikam'),
    ).rejects.toMatchObject({ code: 'SUBSCRIPTION_NOT_FOUND' });
    expect(audit).toMatchObject([
      { action: 'connect', target: 'Fabrikam', result: 'failed', detail: 'SUBSCRIPTION_NOT_FOUND' },
    ]);
  });

  it('records a failed incident switch against the workspace', async () => {
    const { gateway } = createFakeGateway();
    gateway.setIncidentRule = async () =>
      Promise.reject(
        new AzureCallError(
          ErrorCodes.AzureUnavailable,
          { operation: OPERATION, fix: 'Try again.', message: 'Azure had a problem.' },
          { status: 500, correlationId: 'corr-2' },
        ),
      );
    const { context, audit } = createContext(gateway);

    await expect(auditChangeAttempts(incidentsCommand).run(context, 'on')).rejects.toThrow();
    expect(audit).toMatchObject([
      { action: 'incidents on', target: 'law', result: 'failed', correlationId: 'corr-2' },
    ]);
  });

  it('leaves reads alone: showing incidents and status write no row', async () => {
    const { gateway } = createFakeGateway();
    const { context, audit } = createContext(gateway);

    await auditChangeAttempts(incidentsCommand).run(context, 'show');
    await auditChangeAttempts(statusCommand).run(context, undefined);

    expect(audit).toEqual([]);
    expect(auditChangeAttempts(statusCommand)).toBe(statusCommand);
  });
});

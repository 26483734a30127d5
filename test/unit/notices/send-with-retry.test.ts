import { describe, expect, it } from 'vitest';
import { ConnectorSendError } from '../../../src/notices/connector-http-client.js';
import {
  classifySendFailure,
  DEFAULT_RETRY_POLICY,
  SendGaveUpError,
  sendWithRetry,
} from '../../../src/notices/send-with-retry.js';

const status = (code: number, details: { connectorCode?: string; retryAfterMs?: number } = {}) =>
  new ConnectorSendError(code, details);

/** A send that fails with the given errors in order, then succeeds. */
function scripted(...errors: unknown[]) {
  let calls = 0;
  return {
    send: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return 'posted';
    },
    calls: () => calls,
  };
}

function run(send: () => Promise<string>) {
  const waits: number[] = [];
  const result = sendWithRetry(send, DEFAULT_RETRY_POLICY, {
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
  });
  return { result, waits };
}

describe('classifySendFailure', () => {
  it.each([
    [status(429), 'throttled'],
    [status(412), 'retryable'],
    [status(502), 'retryable'],
    [status(504), 'retryable'],
    [status(500), 'ambiguous'],
    [status(503), 'ambiguous'],
    [status(413, { connectorCode: 'MessageSizeTooBig' }), 'too-large'],
    [status(401, { connectorCode: 'BotNotRegistered' }), 'unauthorized'],
    [status(403, { connectorCode: 'BotNotInConversationRoster' }), 'gone'],
    [status(403, { connectorCode: 'ConversationBlockedByUser' }), 'gone'],
    [status(403, { connectorCode: 'MessageWritesBlocked' }), 'gone'],
    [status(404, { connectorCode: 'ConversationNotFound' }), 'gone'],
    [status(400, { connectorCode: 'BadArgument' }), 'rejected'],
    [new ConnectorSendError(0, { networkCode: 'ECONNREFUSED' }), 'retryable'],
    [new ConnectorSendError(0, { networkCode: 'ECONNRESET' }), 'ambiguous'],
  ])('%s → %s', (error, kind) => {
    expect(classifySendFailure(error)).toBe(kind);
  });
});

describe('sendWithRetry', () => {
  it('waits exactly Retry-After after each 429', async () => {
    const script = scripted(
      status(429, { retryAfterMs: 2_000 }),
      status(429, { retryAfterMs: 7_000 }),
    );
    const { result, waits } = run(script.send);

    await expect(result).resolves.toBe('posted');
    expect(waits).toEqual([2_000, 7_000]);
    expect(script.calls()).toBe(3);
  });

  it('backs off with growing jittered waits on 412, 502 and 504', async () => {
    const script = scripted(status(412), status(502), status(504));
    const { result, waits } = run(script.send);

    await expect(result).resolves.toBe('posted');
    // Full-jitter halves of 500, 1000, 2000 ms with random() = 0.5.
    expect(waits).toEqual([375, 750, 1_500]);
  });

  it('gives up on 502 after the attempt budget', async () => {
    const script = scripted(...Array.from({ length: 9 }, () => status(502)));
    const { result } = run(script.send);

    await expect(result).rejects.toMatchObject({ kind: 'retryable' });
    expect(script.calls()).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
  });

  it('retries another 5xx once only, because the message may already be posted', async () => {
    const script = scripted(status(500), status(503), status(500));
    const { result } = run(script.send);

    await expect(result).rejects.toBeInstanceOf(SendGaveUpError);
    expect(script.calls()).toBe(2);
  });

  it('succeeds on the one guarded retry', async () => {
    const script = scripted(status(500));
    const { result } = run(script.send);

    await expect(result).resolves.toBe('posted');
    expect(script.calls()).toBe(2);
  });

  it.each([
    [status(403, { connectorCode: 'BotNotInConversationRoster' }), 'gone'],
    [status(413), 'too-large'],
    [status(400), 'rejected'],
    [status(401), 'unauthorized'],
  ])('does not retry %s', async (error, kind) => {
    const script = scripted(error);
    const { result, waits } = run(script.send);

    await expect(result).rejects.toMatchObject({ kind });
    expect(script.calls()).toBe(1);
    expect(waits).toEqual([]);
  });

  it('stops honouring 429 after the throttle budget and leaves the notice for later', async () => {
    const script = scripted(
      ...Array.from({ length: 20 }, () => status(429, { retryAfterMs: 1_000 })),
    );
    const { result, waits } = run(script.send);

    await expect(result).rejects.toMatchObject({ kind: 'throttled' });
    expect(waits).toHaveLength(DEFAULT_RETRY_POLICY.maxThrottledRetries);
  });
});

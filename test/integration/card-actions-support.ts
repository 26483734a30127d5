import { randomUUID } from 'node:crypto';
import type { BotHarness } from './bot-harness.js';

/** The message id the invoke fixtures name as the clicked card's message (`replyToId`). */
export const CLICKED_MESSAGE_ID = '1767765488332';

export interface InvokeAnswer {
  httpStatus: number;
  body: {
    statusCode: number;
    type: string;
    value: unknown;
  };
}

/** State the sandbox reports at `/_sandbox/state`. */
export interface SandboxState {
  connectors: Array<{ subscriptionId: string }>;
  alertRules: Array<{ properties: { enabled: boolean; productFilter?: string } }>;
}

/**
 * POSTs the real `adaptiveCard/action` invoke shape with the given verb and data and returns the
 * HTTP status and parsed body. Each call gets a fresh activity id unless one is given.
 */
export async function postInvoke(
  harness: BotHarness,
  verb: string,
  data: Record<string, unknown> = {},
  overrides: Record<string, unknown> = {},
): Promise<InvokeAnswer> {
  const response = await harness.post('adaptive-card-action-invoke-with-verb', {
    id: `f:${randomUUID()}`,
    value: {
      action: { type: 'Action.Execute', id: verb, verb, title: verb, data: { verb, ...data } },
      trigger: 'manual',
    },
    ...overrides,
  });
  const text = await response.text();

  return { httpStatus: response.status, body: JSON.parse(text) as InvokeAnswer['body'] };
}

/** The card of an invoke answer; fails the test when the answer is not a card. */
export function getAnswerCard(answer: InvokeAnswer): Record<string, unknown> {
  if (answer.body.type !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`expected a card answer, got ${JSON.stringify(answer.body).slice(0, 300)}`);
  }

  return answer.body.value as Record<string, unknown>;
}

/** Every Action.Execute in a card, in order. */
export function listExecuteActions(card: unknown): Array<{
  title: string;
  verb: string;
  data: Record<string, unknown>;
}> {
  const found: Array<{ title: string; verb: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute') {
      found.push({
        title: String(record.title),
        verb: String(record.verb),
        data: record.data as Record<string, unknown>,
      });
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'fallback') walk(value);
  };
  walk(card);

  return found;
}

/** The Execute action with this title (and, when given, this subscription). */
export function findAction(card: unknown, title: string, subscriptionId?: string) {
  const action = listExecuteActions(card).find(
    (a) => a.title === title && (!subscriptionId || a.data.subscriptionId === subscriptionId),
  );
  if (!action) throw new Error(`no "${title}" button for ${subscriptionId ?? 'the card'}`);

  return action;
}

export async function readSandboxState(harness: BotHarness): Promise<SandboxState> {
  const response = await fetch(`${harness.bot.sandbox?.baseUrl}/_sandbox/state`);

  return (await response.json()) as SandboxState;
}

export async function countConnectors(harness: BotHarness, subscriptionId: string) {
  const state = await readSandboxState(harness);

  return state.connectors.filter((c) => c.subscriptionId.toLowerCase() === subscriptionId).length;
}

/**
 * Counts the sandbox requests matching a method and path from now on: a fault with no status
 * lets every request through after a stall (1 ms unless given) and counts it. Only the newest
 * matching fault applies to a request, so this is the way to slow those requests down too.
 */
export function countAzureRequests(
  harness: BotHarness,
  request: { method: string; pathPattern: string; delayMs?: number },
) {
  const faults = harness.bot.sandbox?.faults;
  const id = faults?.add({ delayMs: 1, ...request }) ?? '';

  return () => faults?.list().find((fault) => fault.id === id)?.hits ?? 0;
}

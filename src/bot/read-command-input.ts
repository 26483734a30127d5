import { collapseWhitespace, stripBotMentions, type MentionSource } from './strip-bot-mentions.js';

/** What a person asked for, before it is matched to a command. */
export type CommandInput =
  | { kind: 'text'; text: string }
  | { kind: 'action'; verb: string; data: Record<string, unknown> }
  /** Nothing to act on: no text and no usable card data (F04). */
  | { kind: 'none'; reason: string };

interface InputActivity extends MentionSource {
  type?: string;
  name?: string;
  value?: unknown;
}

/**
 * Reads the command from a message or a card action. Card data is checked before text (F05):
 * an Action.Submit puts its object `data` in `value` and leaves `text` empty, a messageBack sends
 * both and may put `value` in as a JSON string, and an `adaptiveCard/action` invoke carries the
 * verb and data under `value.action`. Typed text has the bot's mentions removed (F01–F03) and its
 * whitespace collapsed.
 */
export function readCommandInput(activity: InputActivity): CommandInput {
  if (activity.type === 'invoke') return readInvoke(activity.value);
  if (activity.value !== undefined && activity.value !== null) {
    const action = readActionData(activity.value);
    if (action) return action;
  }
  if (typeof activity.text !== 'string') return { kind: 'none', reason: 'no text and no data' };

  return { kind: 'text', text: collapseWhitespace(stripBotMentions(activity)) };
}

function readInvoke(value: unknown): CommandInput {
  const action = (value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  const data = isObject(action?.data) ? action.data : {};
  const verb = typeof action?.verb === 'string' ? action.verb : data.verb;
  if (typeof verb !== 'string' || verb === '')
    return { kind: 'none', reason: 'invoke without verb' };

  return { kind: 'action', verb, data };
}

function readActionData(value: unknown): CommandInput | undefined {
  let data = value;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown;
    } catch {
      return undefined;
    }
  }
  if (!isObject(data) || typeof data.verb !== 'string' || data.verb === '') return undefined;

  return { kind: 'action', verb: data.verb, data };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

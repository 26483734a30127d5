import type { CardReply } from '../cards/render-card.js';
import type { Command, CommandContext, CommandDeps } from '../commands/command.js';
import { createMessageReply } from '../commands/message-reply.js';
import type { AccessPolicy } from '../security/access-policy.js';
import { describeChangeAttempt, recordChangeAttempt } from '../security/change-attempts.js';
import {
  CHANGE_VERBS,
  describeChange,
  describeCurrentState,
  planChange,
  type ChangePlan,
} from './card-changes.js';
import { getChangeKey, type ChangeLog, type ChangeRecord } from './change-log.js';
import type { CommandTable } from './command-table.js';
import type { Turn, TurnMiddleware } from './turn-pipeline.js';

/**
 * Where a card action's answer goes: in place of the clicked card for the person who clicked
 * (`replace`), in place of it for everyone in the conversation (`replace-all`, after a state
 * change), or as a new message (`post`, e.g. an alert's details).
 */
export type CardDisplay = 'replace' | 'replace-all' | 'post';

export interface CardOutcome {
  reply: CardReply;
  display: CardDisplay;
}

/** Delivers an outcome within the platform's deadline; provided per turn by the handler. */
export type DeliverOutcome = (
  turn: Turn,
  work: Promise<CardOutcome>,
  expected: CardDisplay,
) => Promise<void>;

export interface RunCardActionDeps {
  table: CommandTable;
  access: AccessPolicy;
  commandDeps: CommandDeps;
  changes: ChangeLog;
  deliver: DeliverOutcome;
}

/** The cards whose change buttons come back to them: the view to show after the change. */
const ORIGIN_VIEWS: Record<string, { verb: string; withSubscription: boolean }> = {
  subs: { verb: 'showSubs', withSubscription: false },
  check: { verb: 'checkSub', withSubscription: true },
};

/**
 * The last step for card actions. Views run like the typed command. Changes (connect,
 * disconnect, incidents on/off) go: current state in Azure → a confirmation card on the first
 * click → the change on the confirming click → the card the button came from, drawn again with
 * who changed what and when. A click on a card older than the last change, or asking for the
 * state Azure already has, changes nothing and shows the current state instead (F17).
 */
export function runCardAction(deps: RunCardActionDeps): TurnMiddleware {
  const locks = createKeyedLock();

  return async (turn) => {
    const { invocation, input } = turn;
    if (!invocation || input.kind !== 'action') return;
    const { command, args } = invocation;
    const data = input.data;
    const context: CommandContext = {
      caller: turn.caller,
      logger: turn.logger,
      conversationId: turn.context.activity.conversation?.id ?? '',
      deps: deps.commandDeps,
      canOperate: deps.access.canOperate(turn.caller),
      commands: deps.table.commands,
    };
    const isChange = CHANGE_VERBS.has(command.verb.toLowerCase());
    const action: ActionRun = { turn, deps, context, command, args, data, locks };
    const work = isChange ? runChangeAction(action) : runView(action);

    await deps.deliver(turn, work, isChange || data.inPlace === true ? 'replace' : 'post');
  };
}

interface ActionRun {
  turn: Turn;
  deps: RunCardActionDeps;
  context: CommandContext;
  command: Command;
  args: unknown;
  data: Record<string, unknown>;
  locks: KeyedLock;
}

async function runView(action: ActionRun): Promise<CardOutcome> {
  const reply = await action.command.run(action.context, action.args);

  return { reply, display: action.data.inPlace === true ? 'replace' : 'post' };
}

async function runChangeAction(action: ActionRun): Promise<CardOutcome> {
  const { deps, command, args, data, turn } = action;
  const azure = deps.commandDeps.azure;
  const plan = await planChange(azure, command.verb, args);
  if (!plan) return runView({ ...action, data: { ...data, inPlace: true } });

  const record = await deps.changes.read(plan.target);
  const cardTime = Date.parse(typeof data.asOf === 'string' ? data.asOf : '');
  const stale = record !== undefined && cardTime < Date.parse(record.at);
  // A refresh (trigger "automatic") only ever shows state; it must never change Azure.
  const trigger = (turn.context.activity.value as { trigger?: unknown } | undefined)?.trigger;
  if (plan.current === plan.wanted || stale || trigger === 'automatic') {
    turn.logger.info({ stale, current: plan.current }, 'change not repeated; showing state');
    // A click asked for a change and got none; a refresh asked for nothing, so is not audited.
    if (trigger !== 'automatic') {
      const why = plan.current === plan.wanted ? `already ${plan.current}` : 'card out of date';
      await recordUnchanged(action, plan, why);
    }
    return showCurrentState(action, plan, record);
  }
  if (data.confirmed !== true) return askToConfirm(action, plan);

  return action.locks.run(getChangeKey(plan.target), async () => {
    // Re-read inside the lock: a second click may have been waiting for the first one.
    const fresh = (await planChange(azure, command.verb, args)) ?? plan;
    if (fresh.current === fresh.wanted) {
      await recordUnchanged(action, fresh, `already ${fresh.current}`);
      return showCurrentState(action, fresh, await deps.changes.read(fresh.target));
    }
    const result = await command.run(action.context, args);
    const after = await deps.changes.read(fresh.target);
    const changed = after !== undefined && after.at !== record?.at;
    const title = String(result.data.title ?? '');
    const banner = changed ? `${title}: ${describeChange(after)}.` : title;
    const tone = typeof result.data.tone === 'string' ? result.data.tone : 'default';
    const view = await drawOrigin(action, fresh, { text: banner, color: tone });

    return { reply: view ?? result, display: 'replace-all' };
  });
}

/** Audits a click that asked for a change Azure already had, or came from an outdated card. */
async function recordUnchanged(action: ActionRun, plan: ChangePlan, detail: string) {
  const { context, command } = action;
  const attempt = describeChangeAttempt(command, plan.subscriptionId ?? action.args, {
    conversationId: context.conversationId,
    workspaceName: context.deps.azure.workspace.workspaceName,
  });
  if (attempt) await recordChangeAttempt(context, { ...attempt, result: 'unchanged', detail });
}

async function showCurrentState(
  action: ActionRun,
  plan: ChangePlan,
  record: ChangeRecord | undefined,
): Promise<CardOutcome> {
  const text = describeCurrentState(plan, record);
  const view = await drawOrigin(action, plan, { text, color: 'accent' });

  return {
    reply: view ?? createMessageReply({ title: text, text: 'Nothing was changed.' }),
    display: 'replace-all',
  };
}

function askToConfirm(action: ActionRun, plan: ChangePlan): CardOutcome {
  const { data, command, deps, turn } = action;
  const origin = typeof data.origin === 'string' && data.origin in ORIGIN_VIEWS ? data.origin : '';
  const cancelView = ORIGIN_VIEWS[origin] ?? ORIGIN_VIEWS.subs;
  const { confirmTitle, ...content } = plan.confirm;
  const asOf =
    typeof data.asOf === 'string' && !Number.isNaN(Date.parse(data.asOf))
      ? data.asOf
      : deps.commandDeps.now().toISOString();

  return {
    display: 'replace',
    reply: {
      card: 'confirm',
      fallbackText: [content.title, content.text].join('\n'),
      data: {
        ...content,
        facts: content.facts ?? [],
        hint:
          `Asked by ${turn.caller.name ?? 'you'}. ` +
          `Nothing changes in Azure until you press ${confirmTitle}.`,
        confirmTitle,
        confirm: {
          verb: command.verb,
          subscriptionId: plan.subscriptionId ?? '',
          state: plan.target.kind === 'incidentRule' ? plan.wanted : '',
          origin,
          // The original card's time, so a change made while this card was open is noticed.
          asOf,
        },
        cancel: {
          verb: cancelView?.verb ?? 'showSubs',
          subscriptionId: cancelView?.withSubscription ? (plan.subscriptionId ?? '') : '',
        },
      },
    },
  };
}

/** The card the button came from, drawn again with a banner; undefined when it has none. */
async function drawOrigin(
  action: ActionRun,
  plan: ChangePlan,
  banner: { text: string; color: string },
): Promise<CardReply | undefined> {
  const origin =
    typeof action.data.origin === 'string' ? ORIGIN_VIEWS[action.data.origin] : undefined;
  if (!origin) return undefined;
  const command = action.deps.table.commands.find((c) => c.verb === origin.verb);
  if (!command) return undefined;
  const data = origin.withSubscription ? { subscriptionId: plan.subscriptionId ?? '' } : {};
  const args = command.parse(command.argsFromData?.(data) ?? '');
  const reply = await command.run(action.context, args);

  return { ...reply, data: { ...reply.data, bannerText: banner.text, bannerColor: banner.color } };
}

interface KeyedLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** Runs work for the same key one after another, so two clicks cannot both write to Azure. */
function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();

  return {
    run(key, work) {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous.then(work, work);
      const tail = next.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });

      return next;
    },
  };
}

import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { NoticeStore } from './notice-store.js';
import type { ConversationRecord } from './notice-types.js';

/** What one inbound activity did to the conversation's record. */
export type ConversationChange = 'installed' | 'reinstalled' | 'refreshed' | 'removed' | 'ignored';

export interface RecordConversationDeps {
  store: NoticeStore;
  now: () => Date;
}

/**
 * The key notices use for a conversation. A channel message arrives in a reply chain
 * (`19:…@thread.tacv2;messageid=…`); notices go to the channel itself as new posts, so the
 * chain suffix is dropped.
 */
export function getConversationKey(conversationId: string): string {
  return conversationId.split(';messageid=')[0] ?? conversationId;
}

/**
 * Keeps the conversation's reference from every inbound activity, refreshing `serviceUrl` and the
 * tenant id each time (Teams may move a tenant to another service URL). Install and uninstall
 * events come in several shapes and not always both (F16): `installationUpdate` with `add`,
 * `add-upgrade`, `remove` or `remove-upgrade` in any letter case, and `conversationUpdate` with
 * the bot in `membersAdded` or `membersRemoved`. Adding is idempotent; removing drops the
 * conversation's watches. Other people joining only refresh the reference.
 *
 * @returns what changed, so the caller can greet once on `installed` and never on a user join.
 */
export async function recordConversation(
  activity: Partial<Activity>,
  deps: RecordConversationDeps,
): Promise<ConversationChange> {
  const conversationId = activity.conversation?.id;
  if (!conversationId || !activity.serviceUrl) return 'ignored';
  const key = getConversationKey(conversationId);
  const event = classifyActivity(activity);
  const at = deps.now().toISOString();
  const reference = buildReference(activity, key);
  const tenantId = readTenantId(activity);
  const teamGroupId = readTeamGroupId(activity);
  let change: ConversationChange = 'ignored';

  await deps.store.updateConversation(key, (current) => {
    if (event === 'removed') {
      change = current ? 'removed' : 'ignored';
      if (!current) return undefined;
      return {
        ...current,
        reference,
        installed: false,
        watches: [],
        connectChecks: [],
        updatedAt: at,
      };
    }
    if (event === 'membership' && (!current || !current.installed)) {
      // Someone else joined or left: never (re-)register from that alone (F16 f).
      return undefined;
    }
    if (!current) {
      change = 'installed';
      return newRecord(key, reference, { tenantId, teamGroupId, at });
    }
    // Any activity from the conversation shows the bot is (again) there and may post.
    change = current.installed ? 'refreshed' : 'reinstalled';
    const next: ConversationRecord = {
      ...current,
      reference,
      tenantId: tenantId ?? current.tenantId,
      ...(teamGroupId || current.teamGroupId
        ? { teamGroupId: teamGroupId ?? current.teamGroupId }
        : {}),
      installed: true,
      updatedAt: at,
    };
    if (current.paused) next.resumedAt = at;
    delete next.paused;
    return next;
  });

  return change;
}

type ActivityEvent = 'added' | 'removed' | 'membership' | 'other';

function classifyActivity(activity: Partial<Activity>): ActivityEvent {
  const type = (activity.type ?? '').toLowerCase();
  const botId = activity.recipient?.id;
  if (type === 'installationupdate') {
    const action = String(activity.action ?? '').toLowerCase();
    if (action === 'remove' || action === 'remove-upgrade') return 'removed';
    return 'added';
  }
  if (type === 'conversationupdate' && botId) {
    if (activity.membersRemoved?.some((member) => member.id === botId)) return 'removed';
    if (activity.membersAdded?.some((member) => member.id === botId)) return 'added';
    return 'membership';
  }

  return 'other';
}

function buildReference(activity: Partial<Activity>, key: string): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  // Proactive posts go to the conversation (channel root), not into the chain the activity came
  // from.
  const conversation = {
    ...reference.conversation,
    id: key,
  } as ConversationReference['conversation'];
  const tenantId = readTenantId(activity);
  if (tenantId) conversation.tenantId = tenantId;
  delete reference.activityId;
  delete reference.user;

  return { ...reference, conversation };
}

function readTenantId(activity: Partial<Activity>): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant
    ?.id;

  return activity.conversation?.tenantId ?? fromChannelData;
}

function readTeamGroupId(activity: Partial<Activity>): string | undefined {
  const team = (activity.channelData as { team?: { aadGroupId?: unknown } } | undefined)?.team;

  return typeof team?.aadGroupId === 'string' ? team.aadGroupId : undefined;
}

function newRecord(
  key: string,
  reference: Partial<ConversationReference>,
  options: { tenantId?: string; teamGroupId?: string; at: string },
): ConversationRecord {
  return {
    key,
    reference,
    tenantId: options.tenantId,
    ...(options.teamGroupId ? { teamGroupId: options.teamGroupId } : {}),
    installed: true,
    watches: [],
    nextWatchId: 1,
    connectChecks: [],
    updatedAt: options.at,
  };
}

import type { ConversationReference } from 'botbuilder';

/** Defender for IoT severities, lowest first; "severity S and above" compares positions. */
export const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The fields of one SecurityAlert row that notices use, parsed and checked. */
export interface AlertSummary {
  systemAlertId: string;
  alertName: string;
  severity: Severity;
  status: string;
  /** Subscription of the IoT hub, lower case, from `ResourceId`. */
  subscriptionId: string;
  /** Display name of the subscription when the bot could list it; notices show it first. */
  subscriptionName?: string;
  hubName: string;
  resourceId: string;
  deviceId?: string;
  description?: string;
  firstRemediationStep?: string;
  /** `TimeGenerated`, ISO 8601 UTC. */
  generatedAt: string;
  /** `ingestion_time()`, ISO 8601 UTC: when the row became queryable. */
  ingestedAt: string;
  /** Portal deep link; only `https://portal.azure.com/` links are kept. */
  portalUrl: string;
}

/** One `watch alerts ...` of a conversation. Unset filters match everything. */
export interface Watch {
  /** Number shown by `show watches` and used by `unwatch N`; never reused in a conversation. */
  id: number;
  minSeverity?: Severity;
  subscriptionId?: string;
  /** Display name at the time of watching, for `show watches` only. */
  subscriptionName?: string;
  hubName?: string;
  /** Alerts ingested before this moment are not notified for this watch. */
  createdAt: string;
  createdBy?: string;
}

/** A `connect sub X` whose first alert the conversation wants to hear about. */
export interface ConnectCheck {
  subscriptionId: string;
  subscriptionName?: string;
  connectedAt: string;
  /** After this moment without an alert, say that none arrived. */
  deadline: string;
}

/** Why sends to a conversation stopped; cleared by the next activity from it. */
export interface PauseReason {
  code: string;
  at: string;
}

/** Everything kept about one conversation the bot can post to. */
export interface ConversationRecord {
  key: string;
  /** What `continueConversationAsync` needs: serviceUrl, conversation, bot, channelId. */
  reference: Partial<ConversationReference>;
  tenantId?: string;
  /**
   * For a channel: its team's Microsoft 365 group id (`channelData.team.aadGroupId`), which
   * Microsoft Graph addresses the team by. Only install and membership events carry it.
   */
  teamGroupId?: string;
  /** False after the app was removed; watches are dropped then. */
  installed: boolean;
  paused?: PauseReason;
  /** When sends resumed after a pause: alerts ingested before it are not posted any more. */
  resumedAt?: string;
  watches: Watch[];
  nextWatchId: number;
  connectChecks: ConnectCheck[];
  updatedAt: string;
}

/** One message waiting in a conversation's outbox. */
export interface PendingNotice {
  id: string;
  kind: 'notice' | 'digest' | 'text';
  /** The alerts this message reports (all of them for a digest). */
  alerts: AlertSummary[];
  text?: string;
  enqueuedAt: string;
  /**
   * Set just before the send starts: a message found with this set after a restart may have been
   * posted.
   */
  sendingSince?: string;
}

/** A conversation's ordered outbox and the record of what was delivered there. */
export interface OutboxRecord {
  pending: PendingNotice[];
  /** SystemAlertId → when it was posted; kept for the dedupe horizon. */
  delivered: Record<string, string>;
}

/** Where the poller continues from. */
export interface PollState {
  /** Highest `ingestion_time()` read completely; null before the first poll. */
  watermark: string | null;
  /** True when the last page was full: continue from the watermark itself, without overlap. */
  catchingUp: boolean;
}

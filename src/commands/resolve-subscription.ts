import type { IotSecurityGateway, SubscriptionInfo } from '../azure/iot-security-gateway.js';
import { ErrorCodes, UsageError } from '../errors.js';
import { UserFacingError } from './message-reply.js';

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Longest subscription reference accepted (display names are at most 64 characters). */
const MAX_REFERENCE_CHARS = 100;

/**
 * Finds one subscription by id or by display name: case-insensitive, exact name first, else a
 * unique prefix. The reference is compared as data and never leaves the bot.
 *
 * @throws UserFacingError `SUBSCRIPTION_AMBIGUOUS` listing the matches, or
 *   `SUBSCRIPTION_NOT_FOUND` listing what exists.
 */
export async function resolveSubscription(
  azure: IotSecurityGateway,
  reference: string,
): Promise<SubscriptionInfo> {
  const wanted = reference.trim();
  if (wanted === '') throw new UsageError('Name a subscription by its name or id.');
  if (wanted.length > MAX_REFERENCE_CHARS) {
    throw new UsageError('That subscription name is too long; use its id or a shorter prefix.');
  }
  const subscriptions = await azure.listSubscriptions();
  const lower = wanted.toLowerCase();
  const byId = subscriptions.find((sub) => sub.subscriptionId === lower);
  if (byId) return byId;
  const exact = subscriptions.filter((sub) => sub.displayName.toLowerCase() === lower);
  if (exact.length === 1 && exact[0]) return exact[0];
  const prefixed = subscriptions.filter((sub) => sub.displayName.toLowerCase().startsWith(lower));
  if (prefixed.length === 1 && prefixed[0]) return prefixed[0];

  if (prefixed.length > 1) {
    throw new UserFacingError(ErrorCodes.SubscriptionAmbiguous, {
      title: `"${wanted}" matches ${prefixed.length} subscriptions`,
      tone: 'warning',
      text: 'Which one did you mean? Type more of the name, or use the id.',
      items: prefixed.map(describe),
    });
  }
  throw new UserFacingError(ErrorCodes.SubscriptionNotFound, {
    title: `No subscription matches "${wanted}"`,
    tone: 'warning',
    text:
      subscriptions.length > 0
        ? 'These are the subscriptions the bot can see:'
        : "The bot's Azure identity cannot see any subscription.",
    items: subscriptions.map(describe),
    hint:
      subscriptions.length > 0
        ? 'Use one of these names (a unique beginning is enough) or an id.'
        : "Give the bot's identity Reader on the subscriptions it should manage.",
  });
}

function describe(sub: SubscriptionInfo): string {
  return `${sub.displayName} (${sub.subscriptionId})`;
}

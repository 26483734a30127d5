import { readFileSync } from 'node:fs';

/** The shared folder of real Teams activity shapes, beside the project checkout. */
const ACTIVITIES_DIR = new URL('../../../shared/teams/activities/', import.meta.url);

export type ActivityName =
  | 'personal-message'
  | 'channel-message-mention'
  | 'action-submit-postback'
  | 'adaptive-card-action-invoke'
  | 'adaptive-card-action-invoke-with-verb'
  | 'conversation-update-bot-added-team'
  | 'installation-update-add';

/**
 * Loads a real Teams activity shape and applies overrides (shallow, per top-level key). Tests
 * always set `serviceUrl` to a local connector stub so replies are caught there.
 */
export function loadActivity(
  name: ActivityName,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const text = readFileSync(new URL(`${name}.json`, ACTIVITIES_DIR), 'utf8');

  return { ...(JSON.parse(text) as Record<string, unknown>), ...overrides };
}

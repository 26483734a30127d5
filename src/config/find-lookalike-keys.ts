/**
 * Names other tools and samples use for the settings this bot reads. Teams Toolkit projects, for
 * example, keep the app id in `BOT_ID`; a bot that silently ignored it would start in local mode
 * or send proactive messages with no app id at all (KNOWN-FAULTS F14). Generic names such as
 * `CLIENT_ID` are left out on purpose: other software sets them for its own reasons.
 */
const ALIASES: Readonly<Record<string, string>> = {
  BOT_ID: 'MicrosoftAppId',
  BOT_APP_ID: 'MicrosoftAppId',
  AAD_APP_CLIENT_ID: 'MicrosoftAppId',
  BOT_PASSWORD: 'MicrosoftAppPassword',
  SECRET_BOT_PASSWORD: 'MicrosoftAppPassword',
  AAD_APP_CLIENT_SECRET: 'MicrosoftAppPassword',
  BOT_TYPE: 'MicrosoftAppType',
  BOT_TENANT_ID: 'MicrosoftAppTenantId',
  AAD_APP_TENANT_ID: 'MicrosoftAppTenantId',
  TEAMS_APP_TENANT_ID: 'MicrosoftAppTenantId',
};

/** Prefixes that only this bot's own settings use; anything else under them is a typo. */
const OWN_PREFIXES = ['microsoftapp', 'sentinel_', 'sandbox_', 'bot_', 'allowed_tenant', 'alert_'];

/** An environment key that looks like one of ours but is not read. */
export interface LookalikeKey {
  key: string;
  /** The setting the bot actually reads, when one is close enough to name. */
  meant?: string;
}

/**
 * Finds environment keys that resemble the bot's settings without being one: known aliases from
 * other tools, case or underscore variants (`MICROSOFT_APP_ID`), and unknown keys under the
 * bot's own prefixes. The process environment holds many unrelated keys; those are ignored.
 */
export function findLookalikeKeys(
  env: NodeJS.ProcessEnv,
  knownKeys: readonly string[],
): LookalikeKey[] {
  const known = new Set(knownKeys);
  const byShape = new Map(knownKeys.map((key) => [normalize(key), key]));
  const found: LookalikeKey[] = [];

  for (const [key, value] of Object.entries(env)) {
    if (known.has(key) || value === undefined || value.trim() === '') continue;
    const meant = ALIASES[key.toUpperCase()] ?? byShape.get(normalize(key));
    if (meant) {
      found.push({ key, meant });
    } else if (OWN_PREFIXES.some((prefix) => key.toLowerCase().startsWith(prefix))) {
      found.push({ key });
    }
  }

  return found;
}

function normalize(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { ConfigError } from '../errors.js';

/** What the app package is built from besides the files in `manifest/`. */
export interface PackageSettings {
  /** The bot's Microsoft App ID (a GUID); also used as the Teams app id. */
  readonly appId: string;
  /** The app version, `MAJOR.MINOR.PATCH`, taken from package.json. */
  readonly version: string;
  /** Host name the bot is reached at, e.g. `bot.contoso.com`; absent keeps the template's. */
  readonly botDomain?: string;
}

export interface ReadPackageSettingsOptions {
  /** Defaults to the project's own package.json. */
  packageJsonPath?: string;
}

const DEFAULT_PACKAGE_JSON_PATH = fileURLToPath(new URL('../../package.json', import.meta.url));

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_GUID = '00000000-0000-0000-0000-000000000000';

// Teams accepts only three numeric parts: no pre-release or build suffix.
const TEAMS_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

// A host name, optionally with a leading `*.` wildcard label; no scheme, port or path.
const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * Reads the package settings from an environment (`MicrosoftAppId`, optional `BOT_DOMAIN`) and
 * the version from package.json. There is no default app id: a package with a made-up id would
 * install but never reach the bot.
 *
 * @throws ConfigError naming the variable or file that is missing or malformed.
 */
export async function readPackageSettings(
  env: Readonly<Record<string, string | undefined>>,
  options: ReadPackageSettingsOptions = {},
): Promise<PackageSettings> {
  const appId = parseAppId(env.MicrosoftAppId);
  const botDomain = parseBotDomain(env.BOT_DOMAIN);
  const version = await readVersion(options.packageJsonPath ?? DEFAULT_PACKAGE_JSON_PATH);

  return Object.freeze({ appId, version, ...(botDomain ? { botDomain } : {}) });
}

/**
 * Returns the app id if it is a usable GUID.
 *
 * @throws ConfigError naming `MicrosoftAppId` when it is missing, not a GUID or the nil GUID.
 */
export function parseAppId(value: string | undefined): string {
  const appId = value?.trim() ?? '';
  if (appId === '') {
    throw new ConfigError(
      "MicrosoftAppId is not set: set it to the bot's Microsoft App ID " +
        '(a GUID from its Azure Bot registration) before building the app package.',
    );
  }
  if (!GUID.test(appId) || appId === NIL_GUID) {
    throw new ConfigError(
      "MicrosoftAppId must be the bot's Microsoft App ID, a GUID such as " +
        '1b2c3d4e-0000-4000-8000-123456789abc; the value given is not one.',
    );
  }

  return appId;
}

function parseBotDomain(value: string | undefined): string | undefined {
  const domain = value?.trim() ?? '';
  if (domain === '') {
    return undefined;
  }
  if (!DOMAIN.test(domain)) {
    throw new ConfigError(
      'BOT_DOMAIN must be a host name only, such as bot.contoso.com, without https://, a port ' +
        'or a path.',
    );
  }

  return domain.toLowerCase();
}

async function readVersion(packageJsonPath: string): Promise<string> {
  let version: unknown;
  try {
    version = (JSON.parse(await readFile(packageJsonPath, 'utf8')) as { version?: unknown })
      .version;
  } catch (cause) {
    throw new ConfigError(`Cannot read the version from ${packageJsonPath}.`, { cause });
  }
  if (typeof version !== 'string' || !TEAMS_VERSION.test(version)) {
    throw new ConfigError(
      `The version in ${packageJsonPath} must be MAJOR.MINOR.PATCH with numbers only, as Teams ` +
        `requires; it is ${JSON.stringify(version)}.`,
    );
  }

  return version;
}

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import AdmZip from 'adm-zip';

import { BotError, ErrorCodes } from '../errors.js';
import type { PackageSettings } from './read-package-settings.js';
import {
  assertValidManifest,
  createManifestValidator,
  type ManifestValidator,
} from './validate-manifest.js';

/** The parts of a Teams app manifest the builder reads or fills; the rest passes through. */
export interface TeamsManifest {
  id: string;
  version: string;
  icons: { color: string; outline: string };
  bots?: Array<{ botId: string; [key: string]: unknown }>;
  validDomains?: string[];
  webApplicationInfo?: { id: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface BuildAppPackageOptions {
  /** Folder holding manifest.json and the icons it names; defaults to the project's `manifest/`. */
  sourceDir?: string;
  /** Where the filled manifest, the icons and appPackage.zip go; defaults to `manifest/build/`. */
  outDir?: string;
  /** Defaults to a validator for the Teams manifest schema 1.25 from the shared references. */
  validate?: ManifestValidator;
}

/** The files one build wrote. */
export interface AppPackage {
  readonly zipPath: string;
  readonly manifestPath: string;
  readonly manifest: TeamsManifest;
}

export const DEFAULT_MANIFEST_DIR = fileURLToPath(new URL('../../manifest/', import.meta.url));
export const APP_PACKAGE_FILE_NAME = 'appPackage.zip';

// The template carries the nil GUID so that it validates as it is; a package must never keep it.
const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Fills a manifest template with the app id, version and bot domain. The template is not changed.
 *
 * @throws BotError `MANIFEST_INVALID` when the template has no bot or still holds the placeholder
 *   id somewhere after filling.
 */
export function fillManifest(template: TeamsManifest, settings: PackageSettings): TeamsManifest {
  const manifest = structuredClone(template);
  const bot = manifest.bots?.[0];
  if (!bot) {
    throw new BotError(ErrorCodes.ManifestInvalid, 'The manifest template declares no bot.');
  }

  // One id for the app and its bot, so an uploaded new version replaces the installed app.
  manifest.id = settings.appId;
  bot.botId = settings.appId;
  // Resource-specific consent is granted to this Entra app: the bot's own registration.
  if (manifest.webApplicationInfo) manifest.webApplicationInfo.id = settings.appId;
  manifest.version = settings.version;
  if (settings.botDomain) {
    manifest.validDomains = [settings.botDomain];
  }

  if (JSON.stringify(manifest).includes(PLACEHOLDER_ID)) {
    throw new BotError(
      ErrorCodes.ManifestInvalid,
      `The filled manifest still contains the placeholder id ${PLACEHOLDER_ID}.`,
    );
  }

  return manifest;
}

/**
 * Builds the Teams app package: fills `manifest.json`, validates it against the schema, copies
 * the icons it names and zips the three files, with manifest.json at the zip root, into
 * `appPackage.zip`.
 *
 * @throws BotError `MANIFEST_INVALID` when the filled manifest breaks the schema; nothing is
 *   zipped.
 * @throws ConfigError when the schema cannot be read.
 */
export async function buildAppPackage(
  settings: PackageSettings,
  options: BuildAppPackageOptions = {},
): Promise<AppPackage> {
  const sourceDir = options.sourceDir ?? DEFAULT_MANIFEST_DIR;
  const outDir = options.outDir ?? path.join(sourceDir, 'build');
  const validate = options.validate ?? (await createManifestValidator());

  const template = await readTemplate(path.join(sourceDir, 'manifest.json'));
  const manifest = fillManifest(template, settings);
  assertValidManifest(manifest, validate);

  await mkdir(outDir, { recursive: true });
  const manifestPath = path.join(outDir, 'manifest.json');
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  await writeFile(manifestPath, manifestText);

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifestText));
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    const iconBytes = await readIcon(sourceDir, icon);
    await mkdir(path.dirname(path.join(outDir, icon)), { recursive: true });
    await writeFile(path.join(outDir, icon), iconBytes);
    zip.addFile(icon, iconBytes);
  }
  const zipPath = path.join(outDir, APP_PACKAGE_FILE_NAME);
  await writeFile(zipPath, await zip.toBufferPromise());

  return { zipPath, manifestPath, manifest };
}

/**
 * Lines to show the person building the package about things that build but will not work as
 * they are: today, `validDomains` left at the template's placeholder because `BOT_DOMAIN` is
 * unset (Teams then refuses links and sign-in prompts from the bot's real host).
 */
export function listPackageWarnings(settings: PackageSettings, appPackage: AppPackage): string[] {
  if (settings.botDomain) return [];
  const domains = appPackage.manifest.validDomains?.join(', ') || 'nothing';

  return [
    `Warning: BOT_DOMAIN is not set, so validDomains is still ${domains} from the template. ` +
      'Set BOT_DOMAIN to the host name the bot is reached at (e.g. bot.contoso.com) and build ' +
      'again before uploading the package.',
  ];
}

async function readTemplate(templatePath: string): Promise<TeamsManifest> {
  try {
    return JSON.parse(await readFile(templatePath, 'utf8')) as TeamsManifest;
  } catch (cause) {
    throw new BotError(
      ErrorCodes.ManifestInvalid,
      `Cannot read the manifest template at ${templatePath}.`,
      { cause },
    );
  }
}

async function readIcon(sourceDir: string, icon: string): Promise<Buffer> {
  try {
    return await readFile(path.join(sourceDir, icon));
  } catch (cause) {
    throw new BotError(
      ErrorCodes.ManifestInvalid,
      `The icon ${icon} named in the manifest is missing from ${sourceDir}.`,
      { cause },
    );
  }
}

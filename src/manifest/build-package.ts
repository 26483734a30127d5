/**
 * `npm run package`: builds `manifest/build/appPackage.zip` for upload to Teams.
 *
 * Reads `MicrosoftAppId` (required) and `BOT_DOMAIN` (optional) from the environment and the
 * version from package.json. This is a build-time entry point like `main.ts`, so it is the one
 * place in the package builder that reads `process.env`, and it prints plain lines for a person
 * at a terminal rather than JSON logs.
 */
import path from 'node:path';

import { isBotError } from '../errors.js';
import { buildAppPackage, listPackageWarnings } from './build-app-package.js';
import { readPackageSettings } from './read-package-settings.js';

try {
  const settings = await readPackageSettings(process.env);
  const appPackage = await buildAppPackage(settings);
  const shownPath = path.relative(process.cwd(), appPackage.zipPath);
  process.stdout.write(
    `Wrote ${shownPath} (app id ${settings.appId}, version ${settings.version}).\n`,
  );
  for (const warning of listPackageWarnings(settings, appPackage)) {
    process.stderr.write(`${warning}\n`);
  }
} catch (error) {
  // Our own errors carry a message meant for the person running the build; anything else is a bug.
  const message = isBotError(error) ? `${error.code}: ${error.message}` : String(error);
  process.stderr.write(`Cannot build the Teams app package. ${message}\n`);
  process.exitCode = 1;
}

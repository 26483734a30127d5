import { mkdtemp, readFile, readdir, rm, writeFile, mkdir, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import AdmZip from 'adm-zip';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCodes } from '../../../src/errors.js';
import {
  DEFAULT_MANIFEST_DIR,
  buildAppPackage,
  fillManifest,
  listPackageWarnings,
  type TeamsManifest,
} from '../../../src/manifest/build-app-package.js';
import { readPackageSettings } from '../../../src/manifest/read-package-settings.js';
import {
  createManifestValidator,
  type ManifestValidator,
} from '../../../src/manifest/validate-manifest.js';

const APP_ID = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';

let validate: ManifestValidator;
let workDir: string;
let packageJsonPath: string;

beforeAll(async () => {
  validate = await createManifestValidator();
});

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'app-package-'));
  packageJsonPath = path.join(workDir, 'package.json');
  await writeFile(packageJsonPath, JSON.stringify({ name: 'sentinel-iot-bot', version: '2.3.4' }));
});

afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function buildWith(env: Record<string, string>) {
  const settings = await readPackageSettings(env, { packageJsonPath });
  const outDir = path.join(workDir, 'out');

  return buildAppPackage(settings, { outDir, validate });
}

function readZippedManifest(zip: AdmZip): TeamsManifest {
  return JSON.parse(zip.readAsText('manifest.json')) as TeamsManifest;
}

describe('buildAppPackage', () => {
  it('zips exactly manifest.json and the two icons at the zip root', async () => {
    const appPackage = await buildWith({ MicrosoftAppId: APP_ID });
    const zip = new AdmZip(appPackage.zipPath);

    expect(appPackage.zipPath).toBe(path.join(workDir, 'out', 'appPackage.zip'));
    expect(
      zip
        .getEntries()
        .map((entry) => entry.entryName)
        .sort(),
    ).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('fills the app id, the bot id and the version from package.json', async () => {
    const appPackage = await buildWith({ MicrosoftAppId: APP_ID });
    const manifest = readZippedManifest(new AdmZip(appPackage.zipPath));

    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots?.[0]?.botId).toBe(APP_ID);
    expect(manifest.version).toBe('2.3.4');
    expect(manifest.validDomains).toEqual(['sentinel-iot-bot.example.com']);
    expect(validate(manifest)).toEqual([]);
  });

  it('puts BOT_DOMAIN in validDomains', async () => {
    const appPackage = await buildWith({ MicrosoftAppId: APP_ID, BOT_DOMAIN: 'Bot.Contoso.com' });

    expect(readZippedManifest(new AdmZip(appPackage.zipPath)).validDomains).toEqual([
      'bot.contoso.com',
    ]);
  });

  it('warns, naming BOT_DOMAIN, when validDomains keeps the placeholder', async () => {
    const unset = await readPackageSettings({ MicrosoftAppId: APP_ID }, { packageJsonPath });
    const set = await readPackageSettings(
      { MicrosoftAppId: APP_ID, BOT_DOMAIN: 'bot.contoso.com' },
      { packageJsonPath },
    );
    const outDir = path.join(workDir, 'out');

    const warnings = listPackageWarnings(unset, await buildAppPackage(unset, { outDir, validate }));
    const none = listPackageWarnings(set, await buildAppPackage(set, { outDir, validate }));

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Warning: BOT_DOMAIN is not set/);
    expect(warnings[0]).toContain('sentinel-iot-bot.example.com');
    expect(none).toEqual([]);
  });

  it('writes the same manifest and icons beside the zip as inside it', async () => {
    const appPackage = await buildWith({ MicrosoftAppId: APP_ID });
    const zip = new AdmZip(appPackage.zipPath);
    const outDir = path.join(workDir, 'out');

    expect((await readdir(outDir)).sort()).toEqual([
      'appPackage.zip',
      'color.png',
      'manifest.json',
      'outline.png',
    ]);
    expect(await readFile(appPackage.manifestPath, 'utf8')).toBe(zip.readAsText('manifest.json'));
    for (const icon of ['color.png', 'outline.png']) {
      const committed = await readFile(path.join(DEFAULT_MANIFEST_DIR, icon));
      expect(zip.readFile(icon)?.equals(committed), icon).toBe(true);
      expect((await readFile(path.join(outDir, icon))).equals(committed), icon).toBe(true);
    }
  });

  it('leaves the committed template untouched', async () => {
    const templatePath = path.join(DEFAULT_MANIFEST_DIR, 'manifest.json');
    const before = await readFile(templatePath, 'utf8');

    await buildWith({ MicrosoftAppId: APP_ID });

    expect(await readFile(templatePath, 'utf8')).toBe(before);
  });

  it('refuses a manifest that breaks the schema and writes no zip', async () => {
    const sourceDir = path.join(workDir, 'source');
    await mkdir(sourceDir);
    const template = JSON.parse(
      await readFile(path.join(DEFAULT_MANIFEST_DIR, 'manifest.json'), 'utf8'),
    ) as TeamsManifest;
    (template.name as { short: string }).short = 'A name far longer than thirty characters';
    await writeFile(path.join(sourceDir, 'manifest.json'), JSON.stringify(template));
    for (const icon of ['color.png', 'outline.png']) {
      await copyFile(path.join(DEFAULT_MANIFEST_DIR, icon), path.join(sourceDir, icon));
    }
    const settings = await readPackageSettings({ MicrosoftAppId: APP_ID }, { packageJsonPath });
    const outDir = path.join(workDir, 'out');

    await expect(buildAppPackage(settings, { sourceDir, outDir, validate })).rejects.toMatchObject({
      code: ErrorCodes.ManifestInvalid,
      message: expect.stringContaining('/name/short must NOT have more than 30 characters'),
    });
    await expect(readdir(outDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('fillManifest', () => {
  const settings = { appId: APP_ID, version: '1.2.3' };
  const template: TeamsManifest = {
    id: '00000000-0000-0000-0000-000000000000',
    version: '0.0.0',
    icons: { color: 'color.png', outline: 'outline.png' },
    bots: [{ botId: '00000000-0000-0000-0000-000000000000' }],
  };

  it('refuses a template whose placeholder id is left anywhere else', () => {
    const withSso = { ...template, developer: { mpnId: template.id } };

    expect(() => fillManifest(withSso, settings)).toThrow(
      expect.objectContaining({
        code: ErrorCodes.ManifestInvalid,
        message:
          'The filled manifest still contains the placeholder id ' +
          '00000000-0000-0000-0000-000000000000.',
      }),
    );
  });

  it('grants the read-back permissions to the bot registration itself', () => {
    const withRsc = { ...template, webApplicationInfo: { id: template.id, resource: 'api://x' } };

    expect(fillManifest(withRsc, settings).webApplicationInfo).toEqual({
      id: APP_ID,
      resource: 'api://x',
    });
  });

  it('refuses a template without a bot', () => {
    expect(() => fillManifest({ ...template, bots: [] }, settings)).toThrow(
      expect.objectContaining({ code: ErrorCodes.ManifestInvalid }),
    );
  });

  it('returns a filled copy and keeps the template as it was', () => {
    const filled = fillManifest(template, settings);

    expect(filled).toMatchObject({ id: APP_ID, version: '1.2.3', bots: [{ botId: APP_ID }] });
    expect(template.bots?.[0]?.botId).toBe('00000000-0000-0000-0000-000000000000');
  });
});

describe('readPackageSettings', () => {
  it.each([
    ['is missing', {}, 'MicrosoftAppId is not set'],
    ['is blank', { MicrosoftAppId: '  ' }, 'MicrosoftAppId is not set'],
    ['is not a GUID', { MicrosoftAppId: 'my-bot' }, 'MicrosoftAppId must be'],
    ['has a brace', { MicrosoftAppId: `{${APP_ID}}` }, 'MicrosoftAppId must be'],
    [
      'is the nil GUID',
      { MicrosoftAppId: '00000000-0000-0000-0000-000000000000' },
      'MicrosoftAppId must be',
    ],
  ])('refuses an app id that %s, naming MicrosoftAppId', async (_case, env, message) => {
    await expect(readPackageSettings(env, { packageJsonPath })).rejects.toMatchObject({
      code: ErrorCodes.ConfigInvalid,
      message: expect.stringContaining(message),
    });
  });

  it.each(['https://bot.contoso.com', 'bot.contoso.com/api/messages', 'bot.contoso.com:443'])(
    'refuses BOT_DOMAIN %s, naming the variable',
    async (domain) => {
      await expect(
        readPackageSettings({ MicrosoftAppId: APP_ID, BOT_DOMAIN: domain }, { packageJsonPath }),
      ).rejects.toMatchObject({
        code: ErrorCodes.ConfigInvalid,
        message: expect.stringContaining('BOT_DOMAIN must be a host name only'),
      });
    },
  );

  it('refuses a package.json version Teams cannot take', async () => {
    await writeFile(packageJsonPath, JSON.stringify({ version: '1.0.0-beta.1' }));

    await expect(
      readPackageSettings({ MicrosoftAppId: APP_ID }, { packageJsonPath }),
    ).rejects.toMatchObject({
      code: ErrorCodes.ConfigInvalid,
      message: expect.stringContaining('it is "1.0.0-beta.1"'),
    });
  });

  it('reads the project version from its own package.json by default', async () => {
    const projectPackage = JSON.parse(
      await readFile(path.join(DEFAULT_MANIFEST_DIR, '..', 'package.json'), 'utf8'),
    ) as { version: string };

    const settings = await readPackageSettings({ MicrosoftAppId: APP_ID });

    expect(settings).toEqual({ appId: APP_ID, version: projectPackage.version });
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig, summarizeConfig } from '../../../src/config/load-config.js';
import { ConfigError } from '../../../src/errors.js';

const APP_ID = '5f0c7c2e-8a43-4d7e-9b1a-2c3d4e5f6a7b';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const PASSWORD = 'test-app-password-Q9x!';

const load = (env: Record<string, string>) => loadConfig(env, '1.2.3');

describe('loadConfig refuses unsafe start-up configurations', () => {
  it.each([
    [
      'SingleTenant without a tenant id',
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: PASSWORD, MicrosoftAppType: 'SingleTenant' },
      'MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant',
    ],
    [
      'MultiTenant app id without a password (would disable token checks)',
      { MicrosoftAppId: APP_ID },
      'MicrosoftAppPassword is required when MicrosoftAppType is MultiTenant',
    ],
    [
      'SingleTenant app id without a password',
      { MicrosoftAppId: APP_ID, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT },
      'MicrosoftAppPassword is required when MicrosoftAppType is SingleTenant',
    ],
    [
      'UserAssignedMSI without a tenant id',
      { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' },
      'MicrosoftAppTenantId is required when MicrosoftAppType is UserAssignedMSI',
    ],
    [
      'UserAssignedMSI without the identity client id',
      { MicrosoftAppType: 'UserAssignedMSI', HOST: '127.0.0.1' },
      'MicrosoftAppId is not set but MicrosoftAppType is UserAssignedMSI: ' +
        "set MicrosoftAppId to the managed identity's client id",
    ],
    [
      'a password without an app id',
      { MicrosoftAppPassword: PASSWORD },
      'MicrosoftAppId is not set but MicrosoftAppPassword is: set MicrosoftAppId too',
    ],
    [
      'the app id only under the Teams Toolkit name BOT_ID',
      { BOT_ID: APP_ID, BOT_PASSWORD: PASSWORD },
      'MicrosoftAppId is not set but BOT_ID is: the bot reads its app id only from MicrosoftAppId',
    ],
    [
      'the app id under a differently cased name',
      { MICROSOFT_APP_ID: APP_ID },
      'MicrosoftAppId is not set but MICROSOFT_APP_ID is',
    ],
    [
      'local mode listening on every interface',
      { HOST: '0.0.0.0' },
      'HOST is 0.0.0.0 but MicrosoftAppId is not set',
    ],
    ['an unknown app type', { MicrosoftAppType: 'Anonymous' }, 'MicrosoftAppType must be'],
    [
      'an app id that is not a GUID',
      { MicrosoftAppId: 'my-bot', MicrosoftAppPassword: PASSWORD },
      'MicrosoftAppId must be the bot registration GUID',
    ],
  ])('refuses %s, naming the variable', (_case, env, message) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(message);
  });

  it('names the look-alike password key when the real one is missing', () => {
    expect(() => load({ MicrosoftAppId: APP_ID, BOT_PASSWORD: PASSWORD })).toThrow(
      'MicrosoftAppPassword is required when MicrosoftAppType is MultiTenant ' +
        '(BOT_PASSWORD is set: rename it to MicrosoftAppPassword)',
    );
  });
});

describe('loadConfig accepts safe configurations', () => {
  it('runs in local mode on loopback without an app id', () => {
    const config = load({ MicrosoftAppType: 'MultiTenant' });

    expect(config.mode).toBe('local');
    expect(config.host).toBe('127.0.0.1');
    expect(config.warnings).toEqual([]);
  });

  it.each([
    ['MultiTenant', { MicrosoftAppPassword: PASSWORD }],
    ['SingleTenant', { MicrosoftAppPassword: PASSWORD, MicrosoftAppTenantId: TENANT }],
    ['UserAssignedMSI', { MicrosoftAppTenantId: TENANT }],
  ])('runs %s in production mode on every interface', (type, extra) => {
    const config = load({ MicrosoftAppId: APP_ID, MicrosoftAppType: type, ...extra });

    expect(config.mode).toBe('production');
    expect(config.host).toBe('0.0.0.0');
    expect(config.app).toMatchObject({ id: APP_ID, type });
  });

  it('warns about look-alike keys it does not read, naming the real setting', () => {
    const config = load({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: PASSWORD,
      MicrosoftAppTenantId: TENANT,
      BOT_ID: APP_ID,
      SENTINEL_WORKSPACE: 'ws',
      PATH: '/usr/bin',
    });

    expect(config.warnings).toEqual([
      'BOT_ID is not read by this bot; did you mean MicrosoftAppId?',
      'SENTINEL_WORKSPACE is not a setting of this bot and is ignored',
      'BOT_OPERATORS is empty: nobody may change Azure or notices; ' +
        'set it to the Azure AD object ids (comma-separated) of the people who may',
    ]);
  });

  it('warns that a production MultiTenant bot without any tenant answers nobody', () => {
    const config = load({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: PASSWORD,
      BOT_OPERATORS: `${APP_ID}, alice@contoso.com`,
    });

    expect(config.warnings).toEqual([
      'ALLOWED_TENANT_IDS and MicrosoftAppTenantId are empty: the bot answers no tenant; ' +
        'set ALLOWED_TENANT_IDS to the tenant ids it serves',
      'BOT_OPERATORS has 1 entries that are not GUIDs; they never match',
    ]);
  });
});

describe('summarizeConfig', () => {
  it('reduces secrets to set/unset and keeps ids for support', () => {
    const config = load({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: PASSWORD,
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppType: 'SingleTenant',
      BOT_OPERATORS: APP_ID,
    });
    const summary = summarizeConfig(config);

    expect(JSON.stringify(summary)).not.toContain(PASSWORD);
    expect(summary).toMatchObject({
      mode: 'production',
      appId: APP_ID,
      appPassword: 'set',
      appTenantId: TENANT,
      operators: 1,
      allowedTenants: 0,
    });
  });
});

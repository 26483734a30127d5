import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { findFreePort, startProcess, waitFor, type StartedProcess } from './child-processes.js';

/** The bot, the Playground and the browser of one end-to-end run. */
export interface E2eStack {
  botUrl: string;
  /** The bot's embedded Azure sandbox, whose admin routes raise alerts on demand. */
  sandboxUrl: string;
  playgroundUrl: string;
  browser: Browser;
  bot: StartedProcess;
  playground: StartedProcess;
}

export interface StartStackOptions {
  /** The repository root: the bot and the Playground run from here. */
  root: string;
  /** Where the logs of the bot and the Playground go. */
  artifactsDir: string;
  /** The bot's `DATA_DIR`: an empty folder, so that no watch or conversation is left over. */
  dataDir: string;
  /** Seconds between the sandbox's new alerts and between the bot's polls. */
  alertIntervalSeconds: number;
  alertPollSeconds: number;
}

// Flags that make Debian's Chromium start headless as root on a machine with no network:
// without the background-networking ones it keeps trying to reach Google's hosts.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts, on free loopback ports: the bot in sandbox mode (no Azure settings) with a fresh data
 * directory, then the Microsoft 365 Agents Playground pointed at it, then headless Chromium.
 * Resolves once both servers answer; the caller stops everything with `stopAllProcesses`.
 */
export async function startStack(options: StartStackOptions): Promise<E2eStack> {
  const executablePath = findChromium();
  const botPort = await findFreePort();
  const sandboxPort = await findFreePort();
  const bot = startProcess({
    name: 'bot',
    command: join(options.root, 'node_modules/.bin/tsx'),
    args: ['src/main.ts'],
    cwd: options.root,
    env: botEnv(options, botPort, sandboxPort),
    logFile: join(options.artifactsDir, 'bot.log'),
  });
  const botUrl = `http://127.0.0.1:${botPort}`;
  await waitFor(() => fetchOk(`${botUrl}/healthz`), {
    what: 'bot health check',
    timeoutMs: 60_000,
    process: bot,
  });

  const playground = startProcess({
    name: 'playground',
    command: join(options.root, 'node_modules/.bin/teamsapptester'),
    args: [
      'start',
      '-e',
      `${botUrl}/api/messages`,
      '-c',
      'msteams',
      '-p',
      String(await findFreePort()),
      '--dt',
    ],
    cwd: options.root,
    env: {
      ...process.env,
      // Without this it tries to open a desktop browser, which fails on a machine without one.
      TEAMSAPPTESTER_BROWSER: 'none',
      // Its own log file would otherwise land in ./devTools of the repository.
      M365_AGENTS_PLAYGROUND_LOGFILE: join(options.artifactsDir, 'playground-internal.log'),
    },
    logFile: join(options.artifactsDir, 'playground.log'),
  });
  // It falls back to a random port when the one asked for was taken meanwhile: read the real one.
  const port = await waitFor(async () => /Listening on (\d+)/.exec(playground.output())?.[1], {
    what: 'Playground start',
    timeoutMs: 60_000,
    process: playground,
  });
  const playgroundUrl = `http://127.0.0.1:${port}`;
  await waitFor(() => fetchOk(`${playgroundUrl}/`), {
    what: 'Playground page',
    timeoutMs: 30_000,
    process: playground,
  });

  // The runner's own signal handlers close the browser along with the servers, in order.
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });

  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;

  return { botUrl, sandboxUrl, playgroundUrl, browser, bot, playground };
}

function botEnv(options: StartStackOptions, port: number, sandboxPort: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Any Azure or app setting inherited from the developer's shell would leave sandbox/local mode.
  for (const key of Object.keys(env)) {
    if (/^(AZURE_|SENTINEL_|Microsoft|SANDBOX_URL$)/.test(key)) delete env[key];
  }

  return {
    ...env,
    PORT: String(port),
    LOG_LEVEL: 'info',
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_ALERT_INTERVAL_SECONDS: String(options.alertIntervalSeconds),
    ALERT_POLL_SECONDS: String(options.alertPollSeconds),
    DATA_DIR: options.dataDir,
  };
}

/** Chromium from Debian's package (`CHROMIUM_PATH` overrides); never a downloaded build. */
function findChromium(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return configured;
  try {
    const found = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
    if (found && existsSync(found)) return found;
  } catch {
    // `which` exits 1 when there is none; reported below with the fix.
  }
  throw new Error('chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
}

async function fetchOk(url: string): Promise<true | undefined> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  await response.arrayBuffer();

  return response.ok ? true : undefined;
}

/**
 * End-to-end tests in a Teams-like client: starts the bot on the Azure sandbox, the Microsoft 365
 * Agents Playground pointed at it and headless Chromium, runs the scenarios as a user would, and
 * stops everything it started, also on failure, timeout or Ctrl-C.
 *
 *   npm run test:e2e                          every scenario (pending ones are listed, not run)
 *   npm run test:e2e -- smoke channel         only these scenarios
 *   npm run test:e2e -- --include-pending     run pending scenarios too, as if they were live
 *   npm run test:e2e -- --update-screenshots  refresh the README's screenshots in
 *                                             test/e2e/screenshots/ from the steps that keep one
 *
 * Environment: E2E_TIMEOUT_SECONDS (whole run, default 600), CHROMIUM_PATH (default: `which
 * chromium`). Screenshots and the servers' logs go to test/e2e/artifacts/ (not committed).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { killAllProcessesNow, lastLines, stopAllProcesses } from './support/child-processes.js';
import { runScenarios, type StepResult } from './support/scenario-runner.js';
import { startStack, type E2eStack } from './support/start-stack.js';
import { ALL_SCENARIOS } from './scenarios/all-scenarios.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const artifactsDir = join(root, 'test/e2e/artifacts');
const timeoutSeconds = Number(process.env.E2E_TIMEOUT_SECONDS ?? 600);
const args = process.argv.slice(2);
const includePending = args.includes('--include-pending');
const updateScreenshots = args.includes('--update-screenshots');
const only = args.filter((arg) => !arg.startsWith('--'));

const results: StepResult[] = [];
let stack: E2eStack | undefined;
let dataDir: string | undefined;
let finished = false;

main().then(
  (code) => finish(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`e2e run aborted: ${message}`);
    results.push({ scenario: 'run', step: 'start', outcome: 'failed', ms: 0, error: message });
    return finish(1);
  },
);
const overall = setTimeout(() => {
  console.error(`e2e run timed out after ${timeoutSeconds} s`);
  results.push({ scenario: 'run', step: 'overall timeout', outcome: 'failed', ms: 0 });
  void finish(1);
}, timeoutSeconds * 1000);
process.once('SIGINT', () => void finish(130));
process.once('SIGTERM', () => void finish(143));
// Any exit path that skipped finish() still takes the servers down with it.
process.once('exit', killAllProcessesNow);

async function main(): Promise<number> {
  const scenarios = ALL_SCENARIOS.filter(
    (scenario) => only.length === 0 || only.includes(scenario.name),
  );
  if (scenarios.length === 0) {
    throw new Error(
      `no scenario named ${only.join(', ')} (have: ${ALL_SCENARIOS.map((s) => s.name).join(', ')})`,
    );
  }
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });

  const started = Date.now();
  dataDir = mkdtempSync(join(tmpdir(), 'sentinel-iot-bot-e2e-'));
  stack = await startStack({
    root,
    artifactsDir,
    dataDir,
    alertIntervalSeconds: 5,
    alertPollSeconds: 5,
  });
  console.log(
    `bot ${stack.botUrl}, Playground ${stack.playgroundUrl}, ` +
      `ready in ${seconds(Date.now() - started)}`,
  );

  let current = '';
  await runScenarios(scenarios, {
    browser: stack.browser,
    botUrl: stack.botUrl,
    sandboxUrl: stack.sandboxUrl,
    playgroundUrl: stack.playgroundUrl,
    artifactsDir,
    includePending,
    keptScreenshotsDir: updateScreenshots ? join(root, 'test/e2e/screenshots') : undefined,
    report: (result) => {
      if (result.scenario !== current) {
        current = result.scenario;
        const scenario = scenarios.find((s) => s.name === result.scenario);
        const pending =
          scenario?.pending && !includePending ? ` (pending: ${scenario.pending})` : '';
        console.log(`\n${result.scenario}: ${scenario?.title ?? ''}${pending}`);
      }
      results.push(result);
      printResult(result);
    },
  });

  return results.some((result) => result.outcome === 'failed') ? 1 : 0;
}

async function finish(code: number): Promise<void> {
  if (finished) return;
  finished = true;
  clearTimeout(overall);
  await stack?.browser.close().catch(() => undefined);
  await stopAllProcesses();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });

  const failed = results.filter((result) => result.outcome === 'failed').length;
  if (failed > 0 && stack) {
    console.log(
      `\nlast lines of the bot's log (all of it in ${relative(root, artifactsDir)}/bot.log):`,
    );
    console.log(lastLines(stack.bot.output(), 15));
  }
  const count = (outcome: StepResult['outcome']) =>
    results.filter((r) => r.outcome === outcome).length;
  console.log(
    `\n${count('pending')} pending, ${count('skipped')} skipped; ` +
      `screenshots in ${relative(root, artifactsDir)}/`,
  );
  console.log(`${count('passed')} passed, ${failed} failed`);
  process.exit(code !== 0 || failed > 0 ? Math.max(code, 1) : 0);
}

function printResult(result: StepResult): void {
  const mark = { passed: 'ok  ', failed: 'FAIL', pending: 'pend', skipped: 'skip' }[result.outcome];
  const time =
    result.outcome === 'passed' || result.outcome === 'failed' ? ` (${seconds(result.ms)})` : '';
  console.log(`  ${mark} ${result.step}${time}`);
  if (result.error) console.log(result.error.replace(/^/gm, '       '));
  if (result.reason && result.reason !== scenarioPending(result.scenario)) {
    console.log(`       (pending: ${result.reason})`);
  }
}

function scenarioPending(name: string): string | undefined {
  const pending = ALL_SCENARIOS.find((scenario) => scenario.name === name)?.pending;

  return includePending ? undefined : pending;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

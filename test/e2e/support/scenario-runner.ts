import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { PlaygroundPage } from '../playground-page.js';

/** What a step can use: the open Playground page and the run's addresses. */
export interface StepContext {
  chat: PlaygroundPage;
  botUrl: string;
  sandboxUrl: string;
  playgroundUrl: string;
}

export interface Step {
  name: string;
  run(context: StepContext): Promise<void>;
  /** Longest the step may take, in ms (default 120 s); a step over it fails. */
  timeoutMs?: number;
  /** Like a scenario's `pending`, for one step whose feature lands later than the rest. */
  pending?: string;
  /** Stable name of a screenshot kept in test/e2e/screenshots/ for the README (see below). */
  keepAs?: string;
}

export interface Scenario {
  /** Short kebab-case name: the artifacts folder and the command-line filter use it. */
  name: string;
  title: string;
  /**
   * Why the current bot cannot pass this scenario yet. A pending scenario is listed with the
   * reason and counts neither as passed nor as failed; delete this line when the feature lands.
   */
  pending?: string;
  steps: Step[];
}

export type StepOutcome = 'passed' | 'failed' | 'pending' | 'skipped';

export interface StepResult {
  scenario: string;
  step: string;
  outcome: StepOutcome;
  ms: number;
  error?: string;
  /** Why a pending step is pending. */
  reason?: string;
}

export interface RunScenariosOptions {
  browser: Browser;
  botUrl: string;
  sandboxUrl: string;
  playgroundUrl: string;
  artifactsDir: string;
  /** Run pending scenarios as if they were live (to see how far a feature has come). */
  includePending: boolean;
  /** When set, a passed step with `keepAs` also saves a tall screenshot here as `<keepAs>.png`. */
  keptScreenshotsDir?: string;
  /** Receives each result as soon as it is known, for live progress output. */
  report(result: StepResult): void;
}

/** Builds a step; `run` gets the page helpers and fails the step by throwing. */
export function step(
  name: string,
  run: Step['run'],
  options: Pick<Step, 'timeoutMs' | 'pending' | 'keepAs'> = {},
): Step {
  return { name, run, ...options };
}

/**
 * Runs the scenarios in order, each in a fresh browser context on the same Playground. Steps of a
 * scenario run in order; after a failed step the rest of that scenario is skipped, since each step
 * builds on the previous one. Every step that ran leaves a screenshot in
 * `<artifactsDir>/<scenario>/<NN-step>.png`.
 */
export async function runScenarios(
  scenarios: readonly Scenario[],
  options: RunScenariosOptions,
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const record = (result: StepResult) => {
    results.push(result);
    options.report(result);
  };

  for (const scenario of scenarios) {
    if (scenario.pending && !options.includePending) {
      for (const pendingStep of scenario.steps) {
        const reason = pendingStep.pending ?? scenario.pending;
        record({
          scenario: scenario.name,
          step: pendingStep.name,
          outcome: 'pending',
          ms: 0,
          reason,
        });
      }
      continue;
    }
    await runScenario(scenario, options, record);
  }

  return results;
}

async function runScenario(
  scenario: Scenario,
  options: RunScenariosOptions,
  record: (result: StepResult) => void,
): Promise<void> {
  let chat: PlaygroundPage | undefined;
  let failed = false;
  try {
    chat = await PlaygroundPage.open(options.browser, { url: options.playgroundUrl });
  } catch (error) {
    record({
      scenario: scenario.name,
      step: 'open the Playground',
      outcome: 'failed',
      ms: 0,
      error: describe(error),
    });
    failed = true;
  }

  for (const [index, current] of scenario.steps.entries()) {
    if (failed || !chat) {
      record({ scenario: scenario.name, step: current.name, outcome: 'skipped', ms: 0 });
      continue;
    }
    if (current.pending && !options.includePending) {
      const reason = current.pending;
      record({ scenario: scenario.name, step: current.name, outcome: 'pending', ms: 0, reason });
      continue;
    }
    const started = Date.now();
    let error: string | undefined;
    try {
      await withTimeout(
        current.run({
          chat,
          botUrl: options.botUrl,
          sandboxUrl: options.sandboxUrl,
          playgroundUrl: options.playgroundUrl,
        }),
        current.timeoutMs ?? 120_000,
      );
    } catch (caught) {
      error = describe(caught);
      failed = true;
    }
    const shot = join(
      options.artifactsDir,
      scenario.name,
      `${String(index + 1).padStart(2, '0')}-${slug(current.name)}.png`,
    );
    await chat.screenshot(shot).catch(() => undefined);
    if (error === undefined && current.keepAs && options.keptScreenshotsDir) {
      // Taller than the run's window, so that a long card is seen whole.
      const kept = join(options.keptScreenshotsDir, `${current.keepAs}.png`);
      await chat.screenshot(kept, { height: 1500 }).catch(() => undefined);
    }
    record({
      scenario: scenario.name,
      step: current.name,
      outcome: error === undefined ? 'passed' : 'failed',
      ms: Date.now() - started,
      error,
    });
  }
  await chat?.close().catch(() => undefined);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`step took longer than ${ms} ms`)), ms);
  });

  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n').slice(0, 8).join('\n');

  return String(error);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

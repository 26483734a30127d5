import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

/** A process started for the end-to-end run, in its own process group. */
export interface StartedProcess {
  name: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), also written to its log file. */
  output(): string;
  /** Resolves with the exit code (or signal name) once it has exited. */
  exited: Promise<string>;
}

export interface StartProcessOptions {
  name: string;
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logFile: string;
}

const started: StartedProcess[] = [];

/**
 * Starts a command detached into its own process group, so that stopping it also stops the
 * grandchildren (`tsx` runs the bot in a second node process; a plain kill would orphan it).
 */
export function startProcess(options: StartProcessOptions): StartedProcess {
  const log = createWriteStream(options.logFile);
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const collect = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    log.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`spawn error: ${error.message}`));
    child.once('exit', (code, signal) => {
      log.end();
      resolve(signal ?? String(code));
    });
  });

  const handle: StartedProcess = { name: options.name, child, output: () => text, exited };
  started.push(handle);

  return handle;
}

/** Stops every started process group: SIGTERM, then SIGKILL for any still alive after 5 s. */
export async function stopAllProcesses(): Promise<void> {
  // Every group is signalled, even when its leader has exited: a grandchild may still hold on.
  const running = started.splice(0);
  for (const proc of running) signalGroup(proc.child, 'SIGTERM');
  await Promise.all(
    running.map(async (proc) => {
      const stopped = await Promise.race([proc.exited.then(() => true), delay(5_000, false)]);
      if (!stopped) signalGroup(proc.child, 'SIGKILL');
    }),
  );
}

/** Last resort on a synchronous process exit: no time to wait, kill every group outright. */
export function killAllProcessesNow(): void {
  for (const proc of started.splice(0)) signalGroup(proc.child, 'SIGKILL');
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface WaitOptions {
  timeoutMs: number;
  /** What is being waited for, for the error message. */
  what: string;
  /** Fails fast when this process exits while waiting. */
  process?: StartedProcess;
  intervalMs?: number;
}

/**
 * Polls `probe` until it returns a value other than `undefined`, failing with the process's
 * recent output when the timeout passes or the process exits first.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  options: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let exitedWith: string | undefined;
  void options.process?.exited.then((code) => (exitedWith = code));

  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (exitedWith !== undefined) {
      throw new Error(`${options.what}: ${options.process?.name} exited (${exitedWith})`);
    }
    await delay(options.intervalMs ?? 250, undefined);
  }
  const tail = options.process ? `\n${lastLines(options.process.output(), 20)}` : '';
  throw new Error(`${options.what}: not ready after ${options.timeoutMs} ms${tail}`);
}

/** The last `count` lines of a text, for error messages. */
export function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the whole group is already gone, which is what we wanted.
  }
}

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());
}

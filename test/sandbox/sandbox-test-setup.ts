import { createAzureClients, type AzureClients } from '../../src/azure/create-azure-clients.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/index.js';

/** A sandbox on a free port with a clock the test moves by hand. */
export interface SandboxHarness {
  sandbox: RunningSandbox;
  clients: AzureClients;
  clock: { now: Date; advanceSeconds(seconds: number): void };
}

export const START = new Date('2025-03-01T12:00:00.000Z');

export async function startHarness(
  options: SandboxOptions & { maxRetries?: number } = {},
): Promise<SandboxHarness> {
  const clock = {
    now: new Date(START),
    advanceSeconds(seconds: number) {
      clock.now = new Date(clock.now.getTime() + seconds * 1000);
    },
  };
  const sandbox = await startSandbox({ now: () => clock.now, ...options });
  const clients = createAzureClients({
    credential: sandbox.credential,
    redirectTo: sandbox.baseUrl,
    maxRetries: options.maxRetries ?? 0,
  });

  return { sandbox, clients, clock };
}

/** Collects every item of an SDK pager. */
export async function collect<T>(pager: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pager) items.push(item);

  return items;
}

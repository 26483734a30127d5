import type { Logger } from '../logging/create-logger.js';

/** Work that outlives the turn that started it (updating a "working…" message). */
export interface BackgroundTasks {
  track(task: Promise<unknown>): void;
  /** Resolves when every tracked task has settled; used on shutdown and by tests. */
  drain(): Promise<void>;
}

export function createBackgroundTasks(logger: Logger): BackgroundTasks {
  const pending = new Set<Promise<unknown>>();

  return {
    track(task) {
      const settled = task.then(
        () => undefined,
        (error: unknown) => logger.error({ err: error }, 'background task failed'),
      );
      pending.add(settled);
      void settled.finally(() => pending.delete(settled));
    },
    async drain() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

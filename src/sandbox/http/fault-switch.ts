import { randomUUID } from 'node:crypto';

/** How a route should misbehave; every field but `pathPattern` is optional. */
export interface FaultSpec {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Matched against the path and query; a string matches as a substring. */
  pathPattern: RegExp | string;
  /** Answer with this status instead of the real answer (an Azure-shaped body by default). */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Stall this long first; with no status the real answer follows the stall. */
  delayMs?: number;
  /** Log Analytics queries only: answer 200 with a `PartialError` (true or the error message). */
  partialError?: boolean | string;
  /** How many matching requests the fault affects; unlimited when absent. */
  times?: number;
}

export interface ActiveFault extends FaultSpec {
  id: string;
  /** Requests this fault has affected so far. */
  hits: number;
}

/** Test control that makes chosen sandbox routes fail or stall the way Azure does. */
export interface FaultSwitch {
  /** Installs a fault and returns its id. Later faults win over earlier ones. */
  add(spec: FaultSpec): string;
  remove(id: string): boolean;
  clear(): void;
  list(): ActiveFault[];
  /** The fault for this request, if any, counted as used. */
  take(method: string, pathAndQuery: string): ActiveFault | undefined;
}

export function createFaultSwitch(): FaultSwitch {
  let faults: ActiveFault[] = [];
  const matches = (fault: ActiveFault, method: string, target: string) =>
    (!fault.method || fault.method.toUpperCase() === method) &&
    (typeof fault.pathPattern === 'string'
      ? target.toLowerCase().includes(fault.pathPattern.toLowerCase())
      : fault.pathPattern.test(target));

  return {
    add(spec) {
      const id = randomUUID();
      faults.push({ ...spec, id, hits: 0 });

      return id;
    },
    remove(id) {
      const before = faults.length;
      faults = faults.filter((fault) => fault.id !== id);

      return faults.length < before;
    },
    clear() {
      faults = [];
    },
    list() {
      return faults.map((fault) => ({ ...fault }));
    },
    take(method, pathAndQuery) {
      const fault = [...faults].reverse().find((f) => matches(f, method, pathAndQuery));
      if (!fault) return undefined;
      fault.hits += 1;
      if (fault.times !== undefined && fault.hits >= fault.times) this.remove(fault.id);

      return { ...fault };
    },
  };
}

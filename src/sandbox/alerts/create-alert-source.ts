import { UsageError } from '../../errors.js';
import { SANDBOX_DATA, isDefenderEnabledOn, type SandboxHub } from '../sandbox-data.js';
import { ALERT_CATALOG, type AlertDefinition } from './alert-catalog.js';
import type { AlertStore } from './alert-store.js';
import {
  createAlertRow,
  createStatusChangeRow,
  drawIngestionDelaySeconds,
} from './create-alert-rows.js';
import { createSeededRandom } from './seeded-random.js';
import type { SecurityAlertRow } from './security-alert-schema.js';

/** One alert raised by the sandbox, and whether (and when) it reaches SecurityAlert. */
export interface GeneratedAlert {
  systemAlertId: string;
  alertName: string;
  alertType: string;
  severity: string;
  subscriptionId: string;
  hubName: string;
  hubId: string;
  /** Null for alerts raised on the hub itself. */
  deviceId: string | null;
  timeGenerated: Date;
  /** When the row becomes queryable (the KQL `ingestion_time()`). */
  ingestionTime: Date;
  /** False when the subscription's connector was not flowing: the row never reaches the table. */
  reachesWorkspace: boolean;
}

export interface GenerateAlertsOptions {
  subscriptionId?: string;
  hubName?: string;
  severity?: string;
  ingestionDelaySeconds?: number;
}

export interface AlertSourceDeps {
  store: AlertStore;
  now: () => Date;
}

/** How many alerts the seeded history holds, over how many days. */
const HISTORY_ALERTS = 240;
const HISTORY_DAYS = 14;
const DAY_MS = 86_400_000;

export interface AlertSource {
  /** Lays out the seeded 14-day history before `start`. */
  seedHistory(start: Date): void;
  generate(count: number, options?: GenerateAlertsOptions): GeneratedAlert[];
  /** One generator step: a new alert, and now and then a status change of an earlier one. */
  tick(): void;
}

export function createAlertSource(seed: number, deps: AlertSourceDeps): AlertSource {
  const historyRandom = createSeededRandom(seed);
  const liveRandom = createSeededRandom(seed ^ 0x5eed5eed);
  const openAlerts: Array<{ row: SecurityAlertRow; subscriptionId: string }> = [];

  const raise = (hub: SandboxHub, definition: AlertDefinition, at: Date, delaySeconds: number) => {
    const row = createAlertRow(liveRandom, { hub, definition, generatedAt: at });
    const ingestionTime = new Date(at.getTime() + Math.max(0, delaySeconds) * 1000);
    const reachesWorkspace = deps.store.ingest(row, hub.subscriptionId, ingestionTime);
    if (reachesWorkspace) openAlerts.push({ row, subscriptionId: hub.subscriptionId });

    return describe(row, hub, ingestionTime, reachesWorkspace);
  };

  return {
    seedHistory(start) {
      const hubs = SANDBOX_DATA.hubs.filter(
        (hub) => hub.subscriptionId === SANDBOX_DATA.workspace.subscriptionId,
      );
      const offsets = Array.from({ length: HISTORY_ALERTS }, () =>
        historyRandom.int(3 * 60_000, HISTORY_DAYS * DAY_MS),
      ).sort((a, b) => b - a);
      for (const offset of offsets) {
        const hub = historyRandom.pick(hubs);
        const definition = historyRandom.pickWeighted(ALERT_CATALOG, (d) => d.weight);
        const generatedAt = new Date(start.getTime() - offset);
        const row = createAlertRow(historyRandom, { hub, definition, generatedAt });
        const delay = drawIngestionDelaySeconds(historyRandom) * 1000;
        deps.store.ingest(row, hub.subscriptionId, new Date(generatedAt.getTime() + delay));
        seedStatusChanges(row, hub.subscriptionId, start);
      }
    },
    generate(count, options = {}) {
      const hubs = selectHubs(options);
      const definitions = selectDefinitions(options.severity);

      return Array.from({ length: count }, () => {
        const delay = options.ingestionDelaySeconds ?? drawIngestionDelaySeconds(liveRandom);
        const hub = liveRandom.pick(hubs);
        const definition = liveRandom.pickWeighted(definitions, (d) => d.weight);

        return raise(hub, definition, deps.now(), delay);
      });
    },
    tick() {
      this.generate(1);
      if (openAlerts.length === 0 || liveRandom.next() >= 0.25) return;
      const [open] = openAlerts.splice(liveRandom.int(0, openAlerts.length - 1), 1);
      if (!open) return;
      const at = deps.now();
      const status = liveRandom.pick(['InProgress', 'Resolved', 'Dismissed'] as const);
      const delay = drawIngestionDelaySeconds(liveRandom) * 1000;
      const row = createStatusChangeRow(open.row, status, at);
      deps.store.ingest(row, open.subscriptionId, new Date(at.getTime() + delay));
    },
  };

  function seedStatusChanges(first: SecurityAlertRow, subscriptionId: string, start: Date): void {
    if (historyRandom.next() >= 0.3) return;
    let previous = first;
    for (const status of ['InProgress', 'Resolved'] as const) {
      const changedAt = new Date(
        (previous.TimeGenerated as Date).getTime() + historyRandom.int(20, 2880) * 60_000,
      );
      if (changedAt >= start) return;
      const row = createStatusChangeRow(previous, status, changedAt);
      const delay = drawIngestionDelaySeconds(historyRandom) * 1000;
      deps.store.ingest(row, subscriptionId, new Date(changedAt.getTime() + delay));
      previous = row;
      if (historyRandom.next() < 0.5) return;
    }
  }
}

function selectHubs(options: GenerateAlertsOptions): SandboxHub[] {
  const hubs = SANDBOX_DATA.hubs.filter(
    (hub) =>
      (!options.hubName || hub.name === options.hubName) &&
      (!options.subscriptionId || hub.subscriptionId === options.subscriptionId) &&
      (options.hubName !== undefined || isDefenderEnabledOn(hub.id)),
  );
  if (hubs.length === 0) {
    throw new UsageError(`No sandbox IoT hub matches ${JSON.stringify(options)}.`);
  }

  return hubs;
}

function selectDefinitions(severity: string | undefined): AlertDefinition[] {
  const definitions = ALERT_CATALOG.filter((d) => !severity || d.severity === severity);
  if (definitions.length === 0) {
    throw new UsageError(`No Defender for IoT alert type has severity '${severity}'.`);
  }

  return definitions;
}

function describe(
  row: SecurityAlertRow,
  hub: SandboxHub,
  ingestionTime: Date,
  reachesWorkspace: boolean,
): GeneratedAlert {
  const extended = JSON.parse(row.ExtendedProperties as string) as { DeviceId?: string };

  return {
    systemAlertId: row.SystemAlertId as string,
    alertName: row.AlertName as string,
    alertType: row.AlertType as string,
    severity: row.AlertSeverity as string,
    subscriptionId: hub.subscriptionId,
    hubName: hub.name,
    hubId: hub.id,
    deviceId: extended.DeviceId ?? null,
    timeGenerated: row.TimeGenerated as Date,
    ingestionTime,
    reachesWorkspace,
  };
}

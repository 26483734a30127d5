import type { Command } from './command.js';
import { checkSubCommand } from './check-sub.js';
import { connectSubCommand } from './connect-sub.js';
import { disconnectSubCommand } from './disconnect-sub.js';
import { helpCommand } from './help.js';
import { incidentsCommand } from './incidents.js';
import { showAlertCommand } from './show-alert.js';
import { showHubsCommand } from './show-hubs.js';
import { showIotAlertsCommand } from './show-iot-alerts.js';
import { showSubsCommand } from './show-subs.js';
import { statusCommand } from './status.js';

/** The commands of the main job, in the order `help` lists them. */
export const BUILT_IN_COMMANDS: readonly Command[] = [
  helpCommand,
  showSubsCommand,
  showHubsCommand,
  checkSubCommand,
  connectSubCommand,
  disconnectSubCommand,
  incidentsCommand,
  showIotAlertsCommand,
  showAlertCommand,
  statusCommand,
];

/**
 * Why a scenario cannot pass against the bot on `main` yet. A scenario that names one of these
 * in `pending` is reported as pending, with the reason; when the feature lands, delete that
 * scenario's `pending` line (`npm run test:e2e -- --include-pending` runs them all beforehand).
 */
export const WAITING_FOR = {
  notices: 'watch alerts and proactive notices are not on main yet (issue #4)',
} as const;

/** The sandbox's fixed subscriptions (src/sandbox/sandbox-data.ts on the sandbox branch). */
export const SANDBOX = {
  subscriptions: ['Contoso-OT', 'Contoso-Plant-Lab', 'Contoso-Corp-IT', 'Contoso-Retail-Edge'],
  /** Connected at start: connecting it again must change nothing. */
  connected: 'Contoso-OT',
  /** Defender for IoT on, connector not connected yet: connecting it writes the connector. */
  connectable: 'Contoso-Retail-Edge',
  /** Every sandbox IoT hub is named contoso-<site>-hub-<region> or contoso-lab-sim-hub. */
  hubName: /contoso-[a-z0-9-]*hub[a-z0-9-]*/i,
  severity: /\b(High|Medium|Low|Informational)\b/,
  /** The alerts card's title. */
  alertsTitle: /Defender for IoT alerts/i,
} as const;

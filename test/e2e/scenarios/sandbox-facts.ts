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

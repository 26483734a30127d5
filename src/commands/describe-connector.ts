import type { CardColor } from '../cards/format-card-values.js';
import type { IotConnector } from '../azure/iot-security-gateway.js';

export interface ConnectorState {
  connected: boolean;
  /** The subscription's connectors (normally one). */
  connectors: IotConnector[];
  text: string;
  color: CardColor;
}

/** The Defender for IoT connector state of one subscription, in words and colour. */
export function describeConnector(
  connectors: readonly IotConnector[],
  subscriptionId: string,
): ConnectorState {
  const own = connectors.filter((c) => c.subscriptionId === subscriptionId.toLowerCase());
  if (own.some((c) => c.alertsState === 'Enabled')) {
    return { connected: true, connectors: own, text: 'Connected', color: 'good' };
  }
  if (own.length > 0) {
    return { connected: false, connectors: own, text: 'Alerts disabled', color: 'warning' };
  }

  return { connected: false, connectors: own, text: 'Not connected', color: 'default' };
}

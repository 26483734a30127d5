import type { LogsQueryClient } from '@azure/monitor-query-logs';
import type { IotSecurityGateway } from './iot-security-gateway.js';

/** The Azure side of the bot once started: the gateway and how to describe where it points. */
export interface AzureConnection {
  gateway: IotSecurityGateway;
  /** The Log Analytics client, for the alert poller (which reads by ingestion time). */
  logs: LogsQueryClient;
  kind: 'sandbox' | 'azure';
  /** Where Azure calls go: the sandbox's base URL, or the public Azure hosts. */
  location: string;
  describeIdentity(): Promise<string>;
  close(): Promise<void>;
}

export interface AzureConnectionOptions {
  /** Retries of the SDK's retry policy; tests pass 0 to see faults directly. */
  maxRetries?: number;
}

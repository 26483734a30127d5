import { SANDBOX_DATA } from '../../src/sandbox/index.js';

/**
 * The sandbox's subscription ids in SANDBOX_DATA order: Contoso-OT, Contoso-Plant-Lab,
 * Contoso-Corp-IT, Contoso-Retail-Edge. Typed as a four-tuple so tests can destructure them.
 */
export const SANDBOX_SUBSCRIPTION_IDS = SANDBOX_DATA.subscriptions.map(
  (subscription) => subscription.subscriptionId,
) as [string, string, string, string];

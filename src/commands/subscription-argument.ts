import { UsageError } from '../errors.js';

/** Parser for commands that take one subscription reference: `connect sub X`. */
export function parseSubscriptionArgument(usage: string, example: string) {
  return (args: string): string => {
    const reference = args.trim();
    if (reference === '') {
      throw new UsageError(`Say which subscription: \`${usage}\`, for example \`${example}\`.`);
    }
    return reference;
  };
}

/** Card data `{ subscriptionId }` (or `{ subscription }`) back to argument text. */
export function readSubscriptionData(data: Record<string, unknown>): string {
  const value = data.subscriptionId ?? data.subscription;

  return typeof value === 'string' ? value : '';
}

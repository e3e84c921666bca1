import { DeliveryDeferred } from '../../domain/shared/delivery.ports.js';

/**
 * Sends to every one of `items` even when some fail, then throws the first failure (a rate limit
 * first, so the set waits rather than spends an attempt): one person's failed message holds up
 * nobody else's, and the outbox retries only what did not go out.
 */
export async function sendToEach<T>(items: T[], send: (item: T) => Promise<unknown>) {
  const failures: unknown[] = [];
  for (const item of items) await send(item).catch((error: unknown) => failures.push(error));
  if (failures.length) throw failures.find((f) => f instanceof DeliveryDeferred) ?? failures[0];
}

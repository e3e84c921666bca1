/**
 * Failed logins per client address, in this process's memory: after `maxFailures` within
 * `windowMs` that address is refused until the window has passed, so a password cannot be
 * guessed at the speed of the network. A correct login clears the count.
 */
export interface LoginThrottle {
  /** Milliseconds until this address may try again; 0 when it may try now. */
  waitFor(address: string): number;
  failed(address: string): void;
  succeeded(address: string): void;
}

export interface LoginThrottleOptions {
  maxFailures?: number;
  windowMs?: number;
  now?: () => number;
}

const MAX_TRACKED = 10_000;

export function loginThrottle(options: LoginThrottleOptions = {}): LoginThrottle {
  const { maxFailures = 5, windowMs = 15 * 60_000, now = Date.now } = options;
  const failures = new Map<string, { count: number; since: number }>();
  const current = (address: string) => {
    const entry = failures.get(address);
    if (entry && now() - entry.since >= windowMs) failures.delete(address);
    return failures.get(address);
  };
  return {
    waitFor(address) {
      const entry = current(address);
      return entry && entry.count >= maxFailures ? entry.since + windowMs - now() : 0;
    },
    failed(address) {
      const entry = current(address);
      if (entry) entry.count += 1;
      else failures.set(address, { count: 1, since: now() });
      // Many addresses must not grow the map without bound: the oldest entry goes first.
      if (failures.size > MAX_TRACKED) failures.delete(failures.keys().next().value!);
    },
    succeeded(address) {
      failures.delete(address);
    },
  };
}

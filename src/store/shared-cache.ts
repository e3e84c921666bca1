/**
 * A value read from the database and kept for a short while, for data that is read on every
 * case but edited rarely (routing table, who holds a role). This process's own edits drop it at
 * once; another instance's edits show within `ttlMs`. Never for authorisation: who may do what
 * is always read fresh.
 */
export function readThrough<K, V>(
  ttlMs: number,
  load: (key: K) => Promise<V>,
  /** At most this many keys kept; past it, all are dropped (many keys: one per client). */
  maxKeys = Infinity,
) {
  const kept = new Map<K, { value: Promise<V>; until: number }>();
  return {
    get(key: K): Promise<V> {
      const hit = kept.get(key);
      if (hit && hit.until > performance.now()) return hit.value;
      if (kept.size >= maxKeys) kept.clear();
      const value = load(key);
      kept.set(key, { value, until: performance.now() + ttlMs });
      value.catch(() => kept.delete(key));
      return value;
    },
    clear: () => kept.clear(),
  };
}

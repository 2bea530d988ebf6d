/**
 * A string-keyed memo with a ceiling: an import reads the same name parts (현대, 信达, "hardware")
 * thousands of times, yet must keep memory flat over a million rows. Past `limit` entries the memo
 * starts again empty, which costs one recomputation per key and nothing in correctness.
 * Callers must not mutate a returned object: it is shared by every later call with that key.
 */
export function boundedMemo<T>(compute: (key: string) => T, limit = 20_000): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    const known = memo.get(key);
    if (known !== undefined || memo.has(key)) return known as T;
    const value = compute(key);
    if (memo.size >= limit) memo.clear();
    memo.set(key, value);
    return value;
  };
}

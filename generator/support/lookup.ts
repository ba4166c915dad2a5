/**
 * Get-or-make for the tables that remember derived values (by model object in a WeakMap, or by text or
 * number in a Map): the emitters and the model keep many, each looked up far more often than filled.
 */

/** What Map and WeakMap have in common. */
export interface Table<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value under `key`; made by `make` and kept the first time it is asked for. */
export function lookup<K, V>(table: Table<K, V>, key: K, make: (key: K) => V): V {
  let value = table.get(key);
  if (value === undefined) {
    value = make(key);
    table.set(key, value);
  }
  return value;
}

/** The map under `key`, empty the first time. */
export function mapUnder<K, K2, V>(table: Table<K, Map<K2, V>>, key: K): Map<K2, V> {
  return lookup(table, key, () => new Map<K2, V>());
}

/**
 * A pure function of a text that remembers its results: for texts that many outputs repeat (escaped labels,
 * doc blocks, the words of names), a lookup costs far less than the work. The table is emptied when it
 * holds `limit` texts, so memory stays bounded whatever the catalog.
 */
export function remembering<V>(compute: (text: string) => V, limit = 50_000): (text: string) => V {
  const seen = new Map<string, V>();
  return (text) => {
    let out = seen.get(text);
    if (out === undefined) {
      if (seen.size >= limit) seen.clear();
      out = compute(text);
      seen.set(text, out);
    }
    return out;
  };
}

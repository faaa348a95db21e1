/**
 * A list of flat records (facts, chunks, projects…) stored by column: each string column as a table
 * of its distinct strings and an index per record, each number column as one Float64Array, anything
 * else (objects, booleans, mixed) as a plain list. V8 writes a string again wherever it occurs, so
 * `doc: "district-plan-001"` on 20,000 records was 20,000 strings to read back; here it is one.
 * Object values stay shared with the rest of the snapshot (they go through the same serializer).
 */
export interface PackedRecords {
  readonly count: number;
  readonly keys: readonly string[];
  readonly columns: readonly PackedColumn[];
}

type PackedColumn =
  | { readonly kind: "strings"; readonly table: readonly string[]; /** -1: null */ readonly ids: Int32Array }
  | { readonly kind: "numbers"; readonly values: Float64Array }
  | { readonly kind: "values"; readonly values: readonly unknown[] };

/**
 * Packs records that all have the same keys in the same order (as one constructor makes them).
 * Returns null for anything else (the caller stores the list as it is).
 */
export function packRecords(records: readonly object[]): PackedRecords | null {
  const first = records[0];
  if (!first || Object.getPrototypeOf(first) !== Object.prototype) return null;
  const keys = Object.keys(first);
  for (const record of records) {
    if (Object.getPrototypeOf(record) !== Object.prototype) return null;
    const own = Object.keys(record);
    if (own.length !== keys.length || own.some((key, position) => key !== keys[position])) return null;
  }
  const columns = keys.map((key): PackedColumn => {
    const values = records.map((record) => (record as Record<string, unknown>)[key]);
    if (values.every((value) => typeof value === "number")) return { kind: "numbers", values: Float64Array.from(values as number[]) };
    if (values.every((value) => typeof value === "string" || value === null)) {
      const table: string[] = [];
      const idOf = new Map<string, number>();
      const ids = Int32Array.from(values as (string | null)[], (value) => {
        if (value === null) return -1;
        let id = idOf.get(value);
        if (id === undefined) {
          id = table.length;
          table.push(value);
          idOf.set(value, id);
        }
        return id;
      });
      return { kind: "strings", table, ids };
    }
    return { kind: "values", values };
  });
  return { count: records.length, keys, columns };
}

/** The records again, as plain objects with the keys in their original order. */
export function unpackRecords<T>(packed: PackedRecords): T[] {
  const records: Record<string, unknown>[] = [];
  for (let position = 0; position < packed.count; position += 1) {
    const record: Record<string, unknown> = {};
    for (let column = 0; column < packed.keys.length; column += 1) {
      const stored = packed.columns[column]!;
      let value: unknown;
      if (stored.kind === "strings") {
        const id = stored.ids[position]!;
        value = id < 0 ? null : stored.table[id];
      } else {
        value = stored.values[position];
      }
      record[packed.keys[column]!] = value;
    }
    records.push(record);
  }
  return records as T[];
}

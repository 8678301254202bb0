/** Flattens nested JSON to dotted paths: { a: { b: 1 } } → { "a.b": 1 }. Arrays keep their index. */
export function flatten(
  value: unknown,
  prefix = "",
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  if (value === null || value === undefined) {
    if (prefix) out[prefix] = value ?? null;
    return out;
  }
  if (typeof value !== "object") {
    out[prefix || "(value)"] = value;
    return out;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0 && prefix) out[prefix] = Array.isArray(value) ? [] : {};
  for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** The fields of before/after side by side, changed ones first. */
export function diff(before: unknown, after: unknown): DiffRow[] {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const rows = keys.map((field) => {
    const x = field in a ? a[field] : undefined;
    const y = field in b ? b[field] : undefined;
    return { field, before: x, after: y, changed: JSON.stringify(x) !== JSON.stringify(y) };
  });
  return rows.sort((p, q) => Number(q.changed) - Number(p.changed) || p.field.localeCompare(q.field));
}

export const show = (v: unknown): string =>
  v === undefined ? "" : v === null ? "null" : typeof v === "string" ? v : JSON.stringify(v);

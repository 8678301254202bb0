/**
 * Where generated rows go. On a PostgreSQL server: COPY (text format) through pg-copy-streams, buffered per
 * table. On the embedded database (PGlite has no COPY FROM STDIN over the socket): multi-row INSERT of a JSON
 * batch through jsonb_to_recordset. Both write pre-drawn identity values as given (COPY does so by itself;
 * the INSERT says OVERRIDING SYSTEM VALUE).
 */

import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type Value = string | number | boolean | null | undefined | object;
/** [column name, SQL type as jsonb_to_recordset needs it] */
export type Column = readonly [string, string];

export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
}

export interface Sink {
  readonly mode: "copy" | "insert";
  readonly client: Queryable;
  write(table: string, columns: readonly Column[], row: Value[]): Promise<void>;
  flush(): Promise<void>;
  /** rows written per table */
  counts: Map<string, number>;
}

/** Draws `n` ids from a table's identity sequence. */
export async function drawIds(client: Queryable, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await client.query<{ id: string }>(
    `select nextval(pg_get_serial_sequence($1, 'id')) as id from generate_series(1, $2::int)`,
    [table, n],
  );
  return rows.map((r) => Number(r.id));
}

const escapeCopy = (s: string) =>
  s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));

function copyText(v: Value): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return escapeCopy(v);
  return escapeCopy(JSON.stringify(v));
}

interface Buffer_ {
  columns: readonly Column[];
  parts: string[] | Record<string, Value>[];
  bytes: number;
  rows: number;
}

export function makeSink(client: Queryable & pg.ClientBase, mode: "copy" | "insert"): Sink {
  const buffers = new Map<string, Buffer_>();
  // tables in the order they were first written (parents first): a flush always follows it, so that a
  // child row never reaches the database before its parent
  const order: string[] = [];
  const counts = new Map<string, number>();
  const COPY_BYTES = 8 * 1024 * 1024;
  const INSERT_ROWS = 2000;

  async function flushTable(table: string) {
    const b = buffers.get(table);
    if (!b || b.rows === 0) return;
    buffers.set(table, { columns: b.columns, parts: [], bytes: 0, rows: 0 });
    const cols = b.columns.map((c) => c[0]).join(", ");
    if (mode === "copy") {
      const stream = client.query(copyFrom(`copy ${table} (${cols}) from stdin`));
      await pipeline(Readable.from([(b.parts as string[]).join("")]), stream);
    } else {
      const types = b.columns.map(([c, t]) => `${c} ${t}`).join(", ");
      await client.query(
        `insert into ${table} (${cols}) overriding system value select ${cols} from jsonb_to_recordset($1::jsonb) as x(${types})`,
        [JSON.stringify(b.parts)],
      );
    }
    counts.set(table, (counts.get(table) ?? 0) + b.rows);
  }

  return {
    mode,
    client,
    counts,
    async write(table, columns, row) {
      let b = buffers.get(table);
      if (!b) {
        b = { columns, parts: [], bytes: 0, rows: 0 };
        buffers.set(table, b);
        order.push(table);
      }
      if (mode === "copy") {
        let line = "";
        for (let i = 0; i < row.length; i++) line += (i ? "\t" : "") + copyText(row[i]);
        line += "\n";
        (b.parts as string[]).push(line);
        b.bytes += line.length;
        b.rows++;
        if (b.bytes >= COPY_BYTES) await this.flush();
      } else {
        const o: Record<string, Value> = {};
        for (let i = 0; i < columns.length; i++) o[columns[i][0]] = row[i] ?? null;
        (b.parts as Record<string, Value>[]).push(o);
        b.rows++;
        if (b.rows >= INSERT_ROWS) await this.flush();
      }
    },
    async flush() {
      for (const table of order) await flushTable(table);
    },
  };
}

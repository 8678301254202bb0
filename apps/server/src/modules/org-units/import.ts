import {
  ADMIN_TYPE_LABELS,
  ADMIN_TYPES_BY_KIND,
  CHILD_KINDS,
  IMPORT_COLUMNS,
  IMPORT_MAX_ROWS,
  type UnitKind,
} from "@danvan/shared/schemas/org-units";
import { parse as parseCsvSync } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import type { Database, Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { pathCovered, type Scope } from "../../platform/authz/scope.ts";
import type { Bilingual } from "../../platform/http/errors.ts";
import { policeName } from "./reference.ts";
import * as repo from "./repo.ts";
import { insertEvents, insertUnits, type NewUnit, refreshSuccessors } from "./repo-write.ts";
import { grantedScope } from "./service.ts";
import type { ImportJobError } from "./tables.ts";

/*
 * Import of units and residential areas from CSV or XLSX: parse, validate every row, then store all rows in
 * one transaction or none. It runs in the background; the job's row in import_jobs carries its progress and
 * its row-by-row error report, so any app server can answer a poll.
 */

type Field = (typeof IMPORT_COLUMNS)[number]["field"];
export interface Table {
  /** spreadsheet row number of each data row (the header is row 1) */
  rows: { row: number; cells: Partial<Record<Field, string>> }[];
}

const MAX_ERRORS = 1000;

/** Lower-case, no diacritics, single spaces: how headers and labels are compared. */
export const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();

const HEADER_FIELDS = new Map<string, Field>(
  IMPORT_COLUMNS.flatMap((c) => [
    [fold(c.header), c.field],
    [fold(c.field), c.field],
  ]),
);

export class FileError extends Error {
  constructor(readonly messages: Bilingual) {
    super(messages.en);
  }
}

function toTable(header: string[], body: { row: number; values: string[] }[]): Table {
  const index = new Map<Field, number>();
  header.forEach((h, i) => {
    const field = HEADER_FIELDS.get(fold(h ?? ""));
    if (field && !index.has(field)) index.set(field, i);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !index.has(c.field)).map((c) => c.header);
  if (missing.length)
    throw new FileError({
      vi: `Thiếu cột bắt buộc: ${missing.join(", ")}. Hãy dùng tệp mẫu.`,
      en: `Missing required columns: ${missing.join(", ")}. Use the template.`,
    });
  const rows: Table["rows"] = [];
  for (const r of body) {
    if (r.values.every((v) => (v ?? "").trim() === "")) continue;
    const cells: Partial<Record<Field, string>> = {};
    for (const [field, i] of index) cells[field] = (r.values[i] ?? "").trim();
    rows.push({ row: r.row, cells });
    if (rows.length > IMPORT_MAX_ROWS) throw tooManyRows();
  }
  return { rows };
}

const tooManyRows = () =>
  new FileError({
    vi: `Tệp có quá ${IMPORT_MAX_ROWS.toLocaleString("vi-VN")} dòng. Hãy chia thành nhiều tệp.`,
    en: `The file has more than ${IMPORT_MAX_ROWS.toLocaleString("en-US")} rows. Split it into several files.`,
  });

export function parseCsv(buffer: Buffer): Table {
  const text = buffer.toString("utf8").replace(/^\uFEFF/, "");
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0 || text.length);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    records = parseCsvSync(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      to_line: IMPORT_MAX_ROWS + 50,
    });
  } catch (e) {
    throw new FileError({
      vi: `Không đọc được tệp CSV: ${(e as Error).message}`,
      en: `The CSV file cannot be read: ${(e as Error).message}`,
    });
  }
  if (records.length === 0) throw emptyFile();
  return toTable(
    records[0],
    records.slice(1).map((values, i) => ({ row: i + 2, values })),
  );
}

const emptyFile = () => new FileError({ vi: "Tệp không có dữ liệu.", en: "The file is empty." });

/** The text of a spreadsheet cell (rich text, formula results, dates as YYYY-MM-DD). Shared by every import. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
    return "";
  }
  return String(value);
}

export async function parseXlsx(buffer: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as never);
  } catch {
    throw new FileError({
      vi: "Không đọc được tệp Excel (.xlsx).",
      en: "The Excel (.xlsx) file cannot be read.",
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw emptyFile();
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 1) throw tooManyRows();
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    header[col - 1] = cellText(cell.value);
  });
  const body: { row: number; values: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cellText(cell.value);
    });
    body.push({ row: rowNumber, values });
  });
  return toTable(header, body);
}

// ---------------------------------------------------------------- labels

const KIND_ALIASES: Record<string, UnitKind> = {
  phong: "department",
  "phong ban": "department",
  department: "department",
  "khu dan cu": "area",
  "dia ban": "area",
  area: "area",
  "cap xa": "commune",
  "cong an xa": "commune",
  xa: "commune",
  commune: "commune",
  "cap huyen": "district",
  district: "district",
  "cap tinh": "province",
  province: "province",
};

const EXTRA_ADMIN_ALIASES: Partial<Record<UnitKind, Record<string, string>>> = {
  province: { tinh: "province", "thanh pho": "city" },
  district: { huyen: "district", quan: "urban_district", "thanh pho": "district_city" },
  department: { phong: "department" },
};

function resolveAdminType(kind: UnitKind, value: string): string | undefined {
  const allowed = ADMIN_TYPES_BY_KIND[kind] ?? [];
  const v = fold(value);
  const extra = EXTRA_ADMIN_ALIASES[kind]?.[v];
  if (extra) return extra;
  return allowed.find((t) => t === v || fold(ADMIN_TYPE_LABELS[t]?.vi ?? "") === v);
}

const TRUE = new Set(["x", "co", "c", "1", "true", "yes", "y"]);
const FALSE = new Set(["", "khong", "k", "0", "false", "no", "n"]);

/** dd/MM/yyyy (d/M too) or yyyy-MM-dd → 'YYYY-MM-DD', or undefined when not a real date. */
export function parseDate(value: string): string | undefined {
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return undefined;
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  if (y < 1900 || y > 2200) return undefined;
  return date.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- validation

export interface ValidRow {
  row: number;
  unit: NewUnit & { ref: string };
  /** parent in the database (else parentRef names an earlier row of the file) */
  parentId?: number;
}

const COLUMN_HEADER = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.field, c.header])) as Record<
  Field,
  string
>;

/**
 * Checks every row; returns the rows ready to insert, or the errors (row, column, value, vi/en message).
 * Parents are units of the database (open, within the import scope) or rows earlier in the file.
 */
export async function validateRows(
  db: Db,
  scope: Scope,
  table: Table,
  today: string,
  onProgress?: (processed: number) => Promise<void>,
): Promise<{ rows: ValidRow[]; errors: ImportJobError[] }> {
  const errors: ImportJobError[] = [];
  const err = (row: number, field: Field | null, value: string | undefined, vi: string, en: string) => {
    if (errors.length < MAX_ERRORS)
      errors.push({
        row,
        column: field ? COLUMN_HEADER[field] : null,
        value: value ?? null,
        messages: { vi, en },
      });
  };
  const codesInFile = table.rows
    .flatMap((r) => [r.cells.code, r.cells.parentCode])
    .filter((c): c is string => !!c);
  const known = await repo.unitsByCode(db, codesInFile);
  const inFile = new Map<string, { kind: UnitKind; validFrom: string; row: number }>();
  const seenCodes = new Map<string, number>();
  const firstRowOfCode = new Map<string, { index: number; row: number }>();
  table.rows.forEach((r, index) => {
    if (r.cells.code && !firstRowOfCode.has(r.cells.code))
      firstRowOfCode.set(r.cells.code, { index, row: r.row });
  });
  const out: ValidRow[] = [];

  for (const [i, { row, cells }] of table.rows.entries()) {
    let ok = true;
    const fail = (field: Field | null, vi: string, en: string) => {
      ok = false;
      err(row, field, field ? cells[field] : undefined, vi, en);
    };

    const kindText = cells.kind ?? "";
    const kind = KIND_ALIASES[fold(kindText)];
    if (!kindText) fail("kind", "Thiếu loại đơn vị.", "The kind is missing.");
    else if (!kind)
      fail(
        "kind",
        "Loại đơn vị không hợp lệ (Phòng, Khu dân cư, Cấp xã, Cấp huyện).",
        "Unknown kind (Phòng, Khu dân cư, Cấp xã, Cấp huyện).",
      );

    let adminType: string | undefined;
    if (kind) {
      const text = cells.adminType ?? "";
      if (!text && kind === "department") adminType = "department";
      else if (!text) fail("adminType", "Thiếu loại địa bàn.", "The administrative type is missing.");
      else {
        adminType = resolveAdminType(kind, text);
        if (!adminType)
          fail(
            "adminType",
            `Loại địa bàn không phù hợp với loại đơn vị (được phép: ${(ADMIN_TYPES_BY_KIND[kind] ?? []).map((t) => ADMIN_TYPE_LABELS[t]?.vi ?? t).join(", ")}).`,
            `The administrative type does not fit the kind (allowed: ${(ADMIN_TYPES_BY_KIND[kind] ?? []).join(", ")}).`,
          );
      }
    }

    const name = (cells.name ?? "").normalize("NFC");
    if (!name) fail("name", "Thiếu tên.", "The name is missing.");
    else if (name.length > 200)
      fail("name", "Tên dài quá 200 ký tự.", "The name is longer than 200 characters.");
    else if (/\p{Cc}/u.test(name))
      fail("name", "Tên chứa ký tự điều khiển.", "The name contains control characters.");
    const placeText = (cells.placeName ?? "").normalize("NFC");
    if (placeText.length > 200)
      fail("placeName", "Tên địa danh dài quá 200 ký tự.", "The place name is longer than 200 characters.");
    else if (/\p{Cc}/u.test(placeText))
      fail("placeName", "Tên địa danh chứa ký tự điều khiển.", "The place name contains control characters.");

    const code = cells.code || undefined;
    if (code) {
      if (code.length > 40 || !/^[\p{L}\p{N}._\-/]+$/u.test(code))
        fail(
          "code",
          "Mã không hợp lệ (tối đa 40 chữ, số, dấu . _ - /).",
          "Invalid code (up to 40 letters, digits, . _ - /).",
        );
      else if (seenCodes.has(code))
        fail(
          "code",
          `Mã bị trùng với dòng ${seenCodes.get(code)}.`,
          `The code repeats row ${seenCodes.get(code)}.`,
        );
      else if (known.has(code)) fail("code", "Mã đã có trong hệ thống.", "The code already exists.");
      if (!seenCodes.has(code)) seenCodes.set(code, row);
    }

    let validFrom = today;
    if (cells.validFrom) {
      const parsed = parseDate(cells.validFrom);
      if (!parsed)
        fail("validFrom", "Ngày không hợp lệ (dd/MM/yyyy).", "Invalid date (dd/MM/yyyy or YYYY-MM-DD).");
      else validFrom = parsed;
    }

    const flag = (field: "isRemote" | "isHotspot") => {
      const v = fold(cells[field] ?? "");
      if (TRUE.has(v)) return true;
      if (!FALSE.has(v))
        fail(field, "Giá trị phải là Có hoặc Không.", "The value must be Có (yes) or Không (no).");
      return false;
    };
    const isRemote = flag("isRemote");
    const isHotspot = flag("isHotspot");

    const parentCode = cells.parentCode ?? "";
    let parentId: number | undefined;
    let parentRef: string | undefined;
    if (!parentCode) fail("parentCode", "Thiếu mã đơn vị cha.", "The parent unit code is missing.");
    else {
      const dbParent = known.get(parentCode);
      const fileParent = inFile.get(parentCode);
      let parentKind: UnitKind | undefined;
      let parentFrom: string | undefined;
      if (dbParent && pathCovered(dbParent.path, scope)) {
        if (dbParent.valid_to != null)
          fail("parentCode", "Đơn vị cha đã ngừng hoạt động.", "The parent unit is closed.");
        parentId = dbParent.id;
        parentKind = dbParent.kind;
        parentFrom = dbParent.valid_from;
      } else if (fileParent) {
        parentRef = parentCode;
        parentKind = fileParent.kind;
        parentFrom = fileParent.validFrom;
      } else if (firstRowOfCode.has(parentCode)) {
        const at = firstRowOfCode.get(parentCode)!;
        if (at.index >= i)
          fail(
            "parentCode",
            "Đơn vị cha phải đứng trước đơn vị con trong tệp.",
            "The parent unit must come before its children in the file.",
          );
        else
          fail(
            "parentCode",
            `Đơn vị cha (dòng ${at.row}) có lỗi.`,
            `The parent unit (row ${at.row}) has errors.`,
          );
      } else
        fail(
          "parentCode",
          "Không tìm thấy đơn vị cha trong phạm vi của bạn.",
          "No parent unit with this code within your scope.",
        );
      if (kind && parentKind && !CHILD_KINDS[parentKind].includes(kind))
        fail(
          "kind",
          "Loại đơn vị này không được đặt dưới đơn vị cha đã chọn.",
          "This kind of unit cannot be placed under the chosen parent.",
        );
      if (parentFrom && validFrom < parentFrom)
        fail(
          "validFrom",
          "Ngày hiệu lực trước ngày thành lập đơn vị cha.",
          "The unit would start before its parent.",
        );
    }

    if (ok && kind && adminType) {
      const placeName = placeText || name;
      const unitName =
        (kind === "commune" || kind === "district" || kind === "province") &&
        !fold(name).startsWith("cong an")
          ? policeName(adminType, name)
          : name;
      const ref = code ?? `#row${row}`;
      if (code) inFile.set(code, { kind, validFrom, row });
      out.push({
        row,
        parentId,
        unit: {
          ref,
          parentId,
          parentRef,
          kind,
          adminType,
          code: code ?? null,
          name: unitName,
          placeName,
          isRemote,
          isHotspot,
          validFrom,
        },
      });
    }
    if ((i + 1) % 2000 === 0 && onProgress) await onProgress(i + 1);
  }
  return { rows: out, errors };
}

// ---------------------------------------------------------------- the job

/** Live progress of the jobs this server runs (the table is updated between phases and batches). */
const live = new Map<number, { status: "validating" | "importing"; processed: number }>();
export const liveProgress = (jobId: number) => live.get(jobId);

const BATCH = 1000;

export async function startImportJob(
  deps: { db: Db; database: Database },
  actor: Actor,
  file: { name: string; buffer: Buffer; format: "csv" | "xlsx" },
): Promise<number> {
  const job = await deps.db
    .insertInto("import_jobs")
    .values({ created_by: actor.userId, file_name: file.name.slice(0, 200), status: "validating" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const jobId = Number(job.id);
  live.set(jobId, { status: "validating", processed: 0 });
  setImmediate(() => {
    runImportJob(deps, actor, jobId, file)
      .catch(async () => {
        await finishImportJob(deps.db, jobId, "failed", 0, [IMPORT_INTERNAL_ERROR]).catch(() => {});
      })
      .finally(() => live.delete(jobId));
  });
  return jobId;
}

async function progress(
  db: Db,
  jobId: number,
  patch: { status?: "importing"; total?: number; processed: number },
) {
  const l = live.get(jobId);
  if (l) {
    l.processed = patch.processed;
    if (patch.status) l.status = patch.status;
  }
  await db
    .updateTable("import_jobs")
    .set({ ...patch, updated_at: sql<string>`now()` })
    .where("id", "=", jobId)
    .execute();
}

/** The row report of a job that failed for a reason other than its rows. */
export const IMPORT_INTERNAL_ERROR: ImportJobError = {
  row: 0,
  column: null,
  value: null,
  messages: {
    vi: "Lỗi hệ thống khi nhập dữ liệu; không có dữ liệu nào được lưu.",
    en: "Internal error during the import; nothing was stored.",
  },
};

/** Marks an import job done or failed with its row report. Shared by every import. */
export async function finishImportJob(
  db: Db,
  jobId: number,
  status: "done" | "failed",
  created: number,
  errors: ImportJobError[],
) {
  await db
    .updateTable("import_jobs")
    .set({
      status,
      created,
      errors: JSON.stringify(errors),
      updated_at: sql<string>`now()`,
      finished_at: sql<string>`now()`,
    })
    .where("id", "=", jobId)
    .execute();
}

async function runImportJob(
  deps: { db: Db; database: Database },
  actor: Actor,
  jobId: number,
  file: { name: string; buffer: Buffer; format: "csv" | "xlsx" },
) {
  const { db } = deps;
  let table: Table;
  try {
    table = file.format === "csv" ? parseCsv(file.buffer) : await parseXlsx(file.buffer);
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    await finishImportJob(db, jobId, "failed", 0, [
      { row: 0, column: null, value: null, messages: e.messages },
    ]);
    return;
  }
  await progress(db, jobId, { total: table.rows.length, processed: 0 });
  const scope = grantedScope(actor, "orgUnit.import");
  const today = new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });
  const { rows, errors } = await validateRows(db, scope, table, today, (n) =>
    progress(db, jobId, { processed: n }),
  );
  if (errors.length || rows.length === 0) {
    await finishImportJob(
      db,
      jobId,
      "failed",
      0,
      errors.length
        ? errors
        : [
            {
              row: 0,
              column: null,
              value: null,
              messages: { vi: "Tệp không có dòng dữ liệu nào.", en: "The file has no data rows." },
            },
          ],
    );
    return;
  }
  await progress(db, jobId, { status: "importing", processed: 0 });
  // On a server, progress is written through another pooled connection while the import transaction
  // runs; the embedded database has one connection, so there the live map alone reports it.
  const separateConnection = deps.database.kind === "postgres";
  const ids = await db.transaction().execute(async (trx) => {
    const idOf = new Map<string, number>();
    const created: number[] = [];
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH).map((r) => {
        const u = { ...r.unit };
        if (u.parentRef && idOf.has(u.parentRef)) {
          u.parentId = idOf.get(u.parentRef);
          u.parentRef = undefined;
        }
        return u;
      });
      const batchIds = await insertUnits(trx, batch);
      batch.forEach((u, j) => {
        idOf.set(u.ref!, batchIds[j]);
      });
      created.push(...batchIds);
      const processed = Math.min(i + BATCH, rows.length);
      if (separateConnection) await progress(db, jobId, { processed });
      else live.get(jobId)!.processed = processed;
    }
    await insertEvents(
      trx,
      rows.map((r, k) => ({
        kind: "created" as const,
        effectiveOn: r.unit.validFrom!,
        fromUnitId: created[k],
        note: `import #${jobId}`,
      })),
    );
    await refreshSuccessors(trx, created);
    // one audit entry per parent unit of the file, listing what was created under it
    const byParent = new Map<number, { id: number; name: string; row: number }[]>();
    const byRef = new Map(rows.map((x) => [x.unit.ref, x]));
    rows.forEach((r, k) => {
      const top = topParent(r, byRef);
      const list = byParent.get(top) ?? [];
      list.push({ id: created[k], name: r.unit.name, row: r.row });
      byParent.set(top, list);
    });
    for (const [unitId, list] of byParent)
      await recordAudit(trx, actor, {
        action: "orgUnit.imported",
        targetType: "import_job",
        targetId: jobId,
        unitId,
        after: { fileName: file.name, created: list },
      });
    return created;
  });
  await finishImportJob(db, jobId, "done", ids.length, []);
}

/** The database parent at the top of an in-file chain of parents. */
function topParent(r: ValidRow, byRef: Map<string, ValidRow>): number {
  let current: ValidRow | undefined = r;
  for (let guard = 0; current && guard < 100; guard++) {
    if (current.parentId != null) return current.parentId;
    current = byRef.get(current.unit.parentRef!);
  }
  return 0;
}

// ---------------------------------------------------------------- templates

const EXAMPLES = [
  ["24617", "Khu dân cư", "Tổ dân phố", "Tổ dân phố 1", "", "", "01/07/2025", "Không", "Không"],
  ["24617", "Khu dân cư", "Bon", "Bon Bu Sốp", "", "", "01/07/2025", "Có", "Không"],
  ["68", "Phòng", "", "Phòng Xây dựng phong trào bảo vệ ANTQ", "", "PC-68-XDPT", "01/07/2025", "", ""],
];

const csvCell = (v: string) => (/[",;\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The CSV template: UTF-8 with a byte-order mark (Excel reads the diacritics), a header and examples. */
export function csvTemplate(): Buffer {
  const lines = [IMPORT_COLUMNS.map((c) => c.header), ...EXAMPLES].map((r) => r.map(csvCell).join(","));
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

/** The XLSX template: the data sheet with examples, and a sheet explaining columns and allowed values. */
export async function xlsxTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "danvan";
  const sheet = wb.addWorksheet("Đơn vị");
  sheet.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(16, c.header.length + 4),
    // text cells, so that Excel keeps codes with leading zeros and dd/MM/yyyy dates as typed
    style: { numFmt: "@" },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn("name").width = 40;
  for (const e of EXAMPLES) sheet.addRow(e);
  const help = wb.addWorksheet("Hướng dẫn");
  help.columns = [
    { header: "Cột", width: 22 },
    { header: "Bắt buộc", width: 10 },
    { header: "Giá trị", width: 100 },
  ];
  help.getRow(1).font = { bold: true };
  const labels = (kind: UnitKind) =>
    (ADMIN_TYPES_BY_KIND[kind] ?? []).map((t) => ADMIN_TYPE_LABELS[t].vi).join(", ");
  const rows: [string, string, string][] = [
    ["Mã đơn vị cha", "Có", "Mã của đơn vị cấp trên (đã có trong hệ thống hoặc ở một dòng phía trên)"],
    ["Loại", "Có", "Phòng; Khu dân cư; Cấp xã; Cấp huyện"],
    [
      "Loại địa bàn",
      "Có (trừ Phòng)",
      `Khu dân cư: ${labels("area")}. Cấp xã: ${labels("commune")}. Cấp huyện: ${labels("district")}`,
    ],
    ["Tên", "Có", "Tên đơn vị, tối đa 200 ký tự"],
    ["Tên địa danh", "Không", "Tên địa danh không có tiền tố (mặc định bằng Tên)"],
    ["Mã", "Không", "Mã đơn vị, không trùng; tối đa 40 ký tự"],
    ["Hiệu lực từ", "Không", "Ngày dd/MM/yyyy (mặc định: hôm nay)"],
    ["Vùng sâu vùng xa", "Không", "Có / Không"],
    ["Trọng điểm", "Không", "Có / Không (địa bàn trọng điểm, phức tạp)"],
    [
      "",
      "",
      `Tối đa ${IMPORT_MAX_ROWS.toLocaleString("vi-VN")} dòng; tệp có lỗi thì không dòng nào được lưu.`,
    ],
  ];
  for (const r of rows) help.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

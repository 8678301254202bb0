import { type ImportKind, WEAPON_CATEGORIES, WEAPON_CATEGORY_LABELS } from "@danvan/shared/schemas/movement";
import { parse as parseCsvSync } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { type Insertable, sql } from "kysely";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { pathCovered } from "../../platform/authz/scope.ts";
import type { Bilingual } from "../../platform/http/errors.ts";
import { cellText, finishImportJob, fold, IMPORT_INTERNAL_ERROR, parseDate } from "../org-units/import.ts";
import type { ImportJobError } from "../org-units/tables.ts";
import { insertActivities } from "./activities/repo.ts";
import { type ActivityKindRow, listActivityKinds, listModelTypes } from "./catalog/repo.ts";
import { validateResults } from "./catalog/results.ts";
import { loadUnit, type MovementScopes, movementScopes, type UnitRef } from "./common.ts";
import { upsertPledges } from "./pledges/repo.ts";
import type {
  MovementActivitiesTable,
  MovementModelsTable,
  MovementPledgesTable,
  MovementWeaponSurrendersTable,
  ResultField,
  WeaponCategory,
} from "./tables.ts";

/*
 * Import of movement records from the units' Excel sheets (or CSV): a template per record type, every row
 * validated, errors reported row by row in Vietnamese, and all rows stored in one transaction or none.
 * The job runs in the background; progress is kept in memory (this server) and in import_jobs (any server).
 */

export const IMPORT_MAX_ROWS = 20_000;
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024;
const MAX_ERRORS = 500;

interface Column {
  field: string;
  header: string;
  required?: boolean;
  help: string;
}

const UNIT: Column = {
  field: "unit",
  header: "Mã đơn vị",
  required: true,
  help: "Mã của Công an xã/phường (hoặc mã số trong hệ thống) nơi diễn ra công việc",
};

async function activityColumns(
  db: Executor,
): Promise<{ columns: Column[]; fields: Map<string, ResultField> }> {
  const kinds = await listActivityKinds(db);
  const fields = new Map<string, ResultField>();
  for (const k of kinds) for (const f of k.result_fields) if (!fields.has(f.key)) fields.set(f.key, f);
  return {
    fields,
    columns: [
      UNIT,
      {
        field: "area",
        header: "Khu dân cư",
        help: "Tên khu dân cư (thôn, bon, tổ dân phố) thuộc đơn vị; có thể bỏ trống",
      },
      {
        field: "kind",
        header: "Loại hoạt động",
        required: true,
        help: kinds.map((k) => `${k.code} (${k.name})`).join("; "),
      },
      { field: "date", header: "Ngày", required: true, help: "dd/MM/yyyy" },
      { field: "startsAt", header: "Giờ bắt đầu", help: "HH:mm" },
      { field: "endsAt", header: "Giờ kết thúc", help: "HH:mm" },
      { field: "title", header: "Tên hoạt động", required: true, help: "Tối đa 300 ký tự" },
      { field: "organiser", header: "Đơn vị chủ trì", help: "Tối đa 300 ký tự" },
      { field: "partners", header: "Đơn vị phối hợp", help: "Các đơn vị, ngăn cách bằng dấu ;" },
      {
        field: "programme",
        header: "Chương trình, kế hoạch",
        help: "Tên đợt cao điểm, chương trình, kế hoạch",
      },
      ...[...fields.values()].map((f) => ({
        field: `r:${f.key}`,
        header: f.label.vi,
        help: `${f.type === "int" ? "Số nguyên" : f.type === "number" ? "Số" : f.type === "bool" ? "Có/Không" : "Văn bản"}${f.unit ? ` (${f.unit.vi})` : ""}; chỉ điền cho loại hoạt động có chỉ tiêu này`,
      })),
      { field: "narrative", header: "Nội dung", help: "Diễn giải, tối đa 20.000 ký tự" },
    ],
  };
}

const PLEDGE_COLUMNS: Column[] = [
  { ...UNIT, help: "Mã khu dân cư, hoặc mã Công an xã/phường (khi có cột Khu dân cư hoặc ghi chung cho xã)" },
  {
    field: "area",
    header: "Khu dân cư",
    help: "Tên khu dân cư thuộc xã/phường ở cột Mã đơn vị; bỏ trống khi ghi chung cho xã",
  },
  { field: "year", header: "Năm", required: true, help: "Ví dụ 2024" },
  { field: "households", header: "Số hộ", required: true, help: "Số hộ gia đình trong khu dân cư" },
  { field: "signed", header: "Số hộ ký cam kết", required: true, help: "Không lớn hơn Số hộ" },
  { field: "note", header: "Ghi chú", help: "" },
];

const WEAPON_COLUMNS: Column[] = [
  UNIT,
  { field: "date", header: "Ngày giao nộp", required: true, help: "dd/MM/yyyy" },
  { field: "place", header: "Nơi giao nộp", help: "" },
  { field: "by", header: "Người giao nộp", help: "Bỏ trống nếu giao nộp ẩn danh" },
  { field: "byAddress", header: "Địa chỉ người giao nộp", help: "" },
  { field: "officer", header: "Cán bộ tiếp nhận", help: "Họ tên" },
  { field: "storage", header: "Nơi lưu giữ", help: "Số hiệu kho, tủ, hồ sơ" },
  ...WEAPON_CATEGORIES.map((c) => ({
    field: `w:${c}`,
    header: WEAPON_CATEGORY_LABELS[c].vi,
    help: `Số lượng (${WEAPON_CATEGORY_LABELS[c].unit})`,
  })),
  { field: "note", header: "Ghi chú", help: "" },
];

async function modelColumns(db: Executor): Promise<Column[]> {
  const types = await listModelTypes(db);
  return [
    UNIT,
    {
      field: "type",
      header: "Loại mô hình",
      required: true,
      help: types.map((t) => `${t.code} (${t.name})`).join("; "),
    },
    { field: "name", header: "Tên mô hình", required: true, help: "Tối đa 300 ký tự" },
    { field: "launched", header: "Ngày ra mắt", required: true, help: "dd/MM/yyyy" },
    { field: "decision", header: "Quyết định thành lập", help: "Số, ký hiệu, ngày" },
    { field: "status", header: "Trạng thái", help: "Đang hoạt động / Tạm dừng / Đã kết thúc" },
    { field: "partners", header: "Đơn vị phối hợp", help: "Ngăn cách bằng dấu ;" },
    { field: "coordinator", header: "Người phụ trách", help: "Họ tên" },
    { field: "cameraPoints", header: "Số điểm camera", help: "Chỉ với mô hình camera an ninh" },
  ];
}

export async function columnsFor(db: Executor, kind: ImportKind): Promise<Column[]> {
  if (kind === "activities") return (await activityColumns(db)).columns;
  if (kind === "pledges") return PLEDGE_COLUMNS;
  if (kind === "weapons") return WEAPON_COLUMNS;
  return modelColumns(db);
}

const SHEET_NAMES: Record<ImportKind, string> = {
  activities: "Hoạt động",
  pledges: "Cam kết",
  weapons: "Giao nộp vũ khí",
  models: "Mô hình",
};
const EXAMPLES: Record<ImportKind, Record<string, string>[]> = {
  activities: [
    {
      unit: "24617",
      kind: "patrol",
      date: "05/07/2022",
      startsAt: "19:00",
      endsAt: "22:00",
      title: "Tuần tra, kiểm soát bảo đảm trật tự an toàn giao thông",
      "r:attendance": "6",
      "r:patrolHours": "3",
      "r:incidents": "0",
    },
    {
      unit: "24617",
      area: "Bon Bu Sốp",
      kind: "pledge_drive",
      date: "12/07/2022",
      title: "Vận động hộ gia đình ký cam kết",
      "r:householdsSigned": "85",
      "r:attendance": "90",
    },
  ],
  pledges: [{ unit: "24617", area: "Tổ dân phố 1", year: "2024", households: "320", signed: "318" }],
  weapons: [
    {
      unit: "24617",
      date: "19/08/2022",
      place: "Nhà văn hóa thôn",
      "w:detonator_gun": "1",
      "w:homemade_gun": "10",
      officer: "Nguyễn Văn A",
      storage: "Kho vật chứng số 1",
    },
  ],
  models: [
    {
      unit: "24617",
      type: "security_camera",
      name: "Camera an ninh tổ dân phố 1",
      launched: "15/03/2024",
      status: "Đang hoạt động",
      cameraPoints: "12",
    },
  ],
};

/** The XLSX template: the data sheet (text cells, bold header, one example row) and a help sheet. */
export async function xlsxTemplate(db: Executor, kind: ImportKind): Promise<Buffer> {
  const columns = await columnsFor(db, kind);
  const wb = new ExcelJS.Workbook();
  wb.creator = "danvan";
  const sheet = wb.addWorksheet(SHEET_NAMES[kind]);
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(14, Math.min(40, c.header.length + 4)),
    style: { numFmt: "@" },
  }));
  sheet.getRow(1).font = { bold: true, name: "Times New Roman" };
  for (const e of EXAMPLES[kind]) sheet.addRow(e);
  const help = wb.addWorksheet("Hướng dẫn");
  help.columns = [
    { header: "Cột", width: 30 },
    { header: "Bắt buộc", width: 10 },
    { header: "Cách ghi", width: 100 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow([c.header, c.required ? "Có" : "", c.help]);
  help.addRow([]);
  help.addRow([
    "",
    "",
    `Tối đa ${IMPORT_MAX_ROWS.toLocaleString("vi-VN")} dòng. Mọi dòng được kiểm tra; nếu có dòng lỗi thì không dòng nào được lưu và hệ thống báo lỗi theo từng dòng. Xóa các dòng ví dụ trước khi nhập.`,
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- reading files

class FileError extends Error {
  constructor(readonly messages: Bilingual) {
    super(messages.en);
  }
}

interface Sheet {
  rows: { row: number; cells: Record<string, string> }[];
}

function toSheet(columns: Column[], header: string[], body: { row: number; values: string[] }[]): Sheet {
  const byHeader = new Map(
    columns.flatMap((c) => [[fold(c.header), c.field] as const, [fold(c.field), c.field] as const]),
  );
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const f = byHeader.get(fold(h ?? ""));
    if (f && !index.has(f)) index.set(f, i);
  });
  const missing = columns.filter((c) => c.required && !index.has(c.field)).map((c) => c.header);
  if (missing.length)
    throw new FileError({
      vi: `Thiếu cột bắt buộc: ${missing.join(", ")}. Hãy dùng tệp mẫu.`,
      en: `Missing required columns: ${missing.join(", ")}. Use the template.`,
    });
  const rows: Sheet["rows"] = [];
  for (const r of body) {
    if (r.values.every((v) => (v ?? "").trim() === "")) continue;
    const cells: Record<string, string> = {};
    for (const [f, i] of index) cells[f] = (r.values[i] ?? "").trim();
    rows.push({ row: r.row, cells });
  }
  if (rows.length === 0)
    throw new FileError({ vi: "Tệp không có dòng dữ liệu.", en: "The file has no data rows." });
  if (rows.length > IMPORT_MAX_ROWS)
    throw new FileError({
      vi: `Tệp có quá ${IMPORT_MAX_ROWS.toLocaleString("vi-VN")} dòng. Hãy chia thành nhiều tệp.`,
      en: `The file has more than ${IMPORT_MAX_ROWS} rows. Split it.`,
    });
  return { rows };
}

async function readSheet(columns: Column[], buffer: Buffer, format: "xlsx" | "csv"): Promise<Sheet> {
  if (format === "csv") {
    const text = buffer.toString("utf8").replace(/^\uFEFF/, "");
    const first = text.split("\n", 1)[0] ?? "";
    const delimiter = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ";" : ",";
    let records: string[][];
    try {
      records = parseCsvSync(text, { delimiter, relax_column_count: true, to_line: IMPORT_MAX_ROWS + 50 });
    } catch (e) {
      throw new FileError({
        vi: `Không đọc được tệp CSV: ${(e as Error).message}`,
        en: `Unreadable CSV: ${(e as Error).message}`,
      });
    }
    if (!records.length) throw new FileError({ vi: "Tệp không có dữ liệu.", en: "The file is empty." });
    return toSheet(
      columns,
      records[0],
      records.slice(1).map((values, i) => ({ row: i + 2, values })),
    );
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as never);
  } catch {
    throw new FileError({
      vi: "Không đọc được tệp Excel (.xlsx).",
      en: "The Excel (.xlsx) file cannot be read.",
    });
  }
  const sheet = wb.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0)
    throw new FileError({ vi: "Tệp không có dữ liệu.", en: "The file is empty." });
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 1)
    throw new FileError({
      vi: `Tệp có quá ${IMPORT_MAX_ROWS.toLocaleString("vi-VN")} dòng.`,
      en: "Too many rows.",
    });
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    header[col - 1] = cellText(cell.value);
  });
  const body: { row: number; values: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cellText(cell.value);
    });
    body.push({ row: n, values });
  });
  return toSheet(columns, header, body);
}

// ---------------------------------------------------------------- validation

class RowErrors {
  readonly list: ImportJobError[] = [];
  constructor(private readonly headers: Map<string, string>) {}
  add(row: number, field: string | null, value: string | null, vi: string, en: string) {
    if (this.list.length >= MAX_ERRORS) return;
    this.list.push({
      row,
      column: field ? (this.headers.get(field) ?? field) : null,
      value,
      messages: { vi: `Dòng ${row}: ${vi}`, en: `Row ${row}: ${en}` },
    });
  }
}

const intOf = (v: string) =>
  /^-?\d+$/.test(v.replace(/[.\s]/g, "")) ? Number(v.replace(/[.\s]/g, "")) : Number.NaN;

/** Resolves units by code or id, once per distinct value, and checks them against the scope. */
function unitResolver(db: Executor, scopes: MovementScopes) {
  const cache = new Map<string, UnitRef | null>();
  const areaCache = new Map<string, UnitRef | null>();
  return {
    async unit(value: string): Promise<UnitRef | null> {
      if (cache.has(value)) return cache.get(value)!;
      const row = await db.selectFrom("org_units").select("id").where("code", "=", value).executeTakeFirst();
      const id = row?.id ?? (/^\d+$/.test(value) && !row ? Number(value) : undefined);
      const u = id != null ? await loadUnit(db, id) : undefined;
      const ok = u && pathCovered(u.path, scopes.record) ? u : null;
      cache.set(value, ok);
      return ok;
    },
    async area(unit: UnitRef, name: string): Promise<UnitRef | null> {
      const key = `${unit.id}|${fold(name)}`;
      if (areaCache.has(key)) return areaCache.get(key)!;
      const areas = await db
        .selectFrom("org_units")
        .select(["id", "place_name", "name"])
        .where("parent_id", "=", unit.id)
        .where("kind", "=", "area")
        .execute();
      const hit = areas.find((a) => fold(a.place_name) === fold(name) || fold(a.name) === fold(name));
      const u = hit ? ((await loadUnit(db, hit.id)) ?? null) : null;
      areaCache.set(key, u);
      return u;
    },
  };
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const TODAY = () => new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });

type Prepared =
  | { kind: "activities"; rows: Insertable<MovementActivitiesTable>[] }
  | { kind: "pledges"; rows: Insertable<MovementPledgesTable>[] }
  | {
      kind: "weapons";
      rows: {
        s: Insertable<MovementWeaponSurrendersTable>;
        items: { category: WeaponCategory; quantity: number }[];
      }[];
    }
  | { kind: "models"; rows: Insertable<MovementModelsTable>[] };

async function validate(
  db: Executor,
  actor: Actor,
  kind: ImportKind,
  columns: Column[],
  sheet: Sheet,
  onProgress: (n: number) => Promise<void>,
): Promise<{ prepared: Prepared; errors: ImportJobError[] }> {
  const scopes = await movementScopes(db, actor);
  const units = unitResolver(db, scopes);
  const errors = new RowErrors(new Map(columns.map((c) => [c.field, c.header])));
  const today = TODAY();
  const kinds =
    kind === "activities"
      ? new Map((await listActivityKinds(db)).map((k) => [k.code, k]))
      : new Map<string, ActivityKindRow>();
  const kindByName = new Map([...kinds.values()].map((k) => [fold(k.name), k]));
  const types = kind === "models" ? await listModelTypes(db) : [];
  const out: Prepared["rows"][number][] = [];
  const pledgeRows = new Map<string, number>();

  for (const [i, { row, cells }] of sheet.rows.entries()) {
    const before = errors.list.length;
    const req = (field: string, vi: string) => {
      if (!cells[field]) errors.add(row, field, null, `thiếu ${vi}.`, `${field} is required.`);
      return cells[field] ?? "";
    };
    const unitCode = req("unit", "mã đơn vị");
    let unit = unitCode ? await units.unit(unitCode) : null;
    if (unitCode && !unit)
      errors.add(
        row,
        "unit",
        unitCode,
        `không tìm thấy đơn vị "${unitCode}" trong phạm vi được giao.`,
        `unit "${unitCode}" not found in your scope.`,
      );
    let area: UnitRef | null = null;
    if (unit && cells.area) {
      area = await units.area(unit, cells.area);
      if (!area)
        errors.add(
          row,
          "area",
          cells.area,
          `không tìm thấy khu dân cư "${cells.area}" thuộc đơn vị.`,
          `area "${cells.area}" not found in the unit.`,
        );
    }
    const dateOf = (field: string, label: string, required = true) => {
      const v = required ? req(field, label) : (cells[field] ?? "");
      if (!v) return null;
      const d = parseDate(v);
      if (!d)
        errors.add(
          row,
          field,
          v,
          `${label} "${v}" không đúng dạng dd/MM/yyyy.`,
          `${field} "${v}" is not a dd/MM/yyyy date.`,
        );
      else if (d > today)
        errors.add(row, field, v, `${label} không được sau hôm nay.`, `${field} is in the future.`);
      return d ?? null;
    };

    if (kind === "activities") {
      if (unit && (unit.kind === "area" || unit.kind === "ministry")) {
        errors.add(
          row,
          "unit",
          unitCode,
          "đơn vị ghi nhận phải là Công an xã, huyện, tỉnh hoặc phòng.",
          "record at a police unit, not an area.",
        );
        unit = null;
      }
      const kv = req("kind", "loại hoạt động");
      const k = kinds.get(kv) ?? kindByName.get(fold(kv));
      if (kv && !k?.active)
        errors.add(
          row,
          "kind",
          kv,
          `loại hoạt động "${kv}" không có trong danh mục.`,
          `unknown activity kind "${kv}".`,
        );
      const date = dateOf("date", "ngày");
      const title = req("title", "tên hoạt động");
      if (title.length > 300)
        errors.add(row, "title", null, "tên hoạt động dài quá 300 ký tự.", "title longer than 300.");
      for (const f of ["startsAt", "endsAt"])
        if (cells[f] && !TIME.test(cells[f]))
          errors.add(
            row,
            f,
            cells[f],
            `giờ "${cells[f]}" không đúng dạng HH:mm.`,
            `time "${cells[f]}" is not HH:mm.`,
          );
      let results: Record<string, number | string | boolean> = {};
      let participants: number | null = null;
      if (k) {
        const raw: Record<string, unknown> = {};
        for (const [field, v] of Object.entries(cells)) {
          if (!field.startsWith("r:") || v === "") continue;
          const key = field.slice(2);
          const def = k.result_fields.find((f) => f.key === key);
          raw[key] =
            def?.type === "bool"
              ? ["co", "x", "1", "true"].includes(fold(v))
              : v.replace(/\./g, "").replace(",", ".");
        }
        const v = validateResults(k.result_fields, raw);
        for (const p of v.problems)
          errors.add(
            row,
            `r:${p.key}`,
            String(p.value ?? ""),
            `${p.messages.vi.replace(/\.$/, "")}.`,
            p.messages.en,
          );
        results = v.results;
        participants = v.participants;
      }
      if (errors.list.length === before && unit && k && date)
        out.push({
          unit_id: unit.id,
          province_id: unit.provinceId,
          area_id: area?.id ?? null,
          kind_id: k.id,
          kind: k.code,
          occurred_on: date,
          starts_at: cells.startsAt || null,
          ends_at: cells.endsAt || null,
          title,
          organiser: cells.organiser || null,
          partners: JSON.stringify(
            (cells.partners ?? "")
              .split(";")
              .map((s) => s.trim())
              .filter(Boolean),
          ),
          programme: cells.programme || null,
          narrative: cells.narrative || null,
          participants,
          results: JSON.stringify(results),
          created_by: actor.userId,
        });
    } else if (kind === "pledges") {
      const target = area ?? unit;
      if (target && target.kind !== "area" && target.kind !== "commune") {
        errors.add(
          row,
          "unit",
          unitCode,
          "số liệu cam kết ghi theo khu dân cư hoặc xã, phường.",
          "pledges are kept per area or commune.",
        );
      }
      const year = intOf(req("year", "năm"));
      if (cells.year && !(year >= 1990 && year <= 2100))
        errors.add(row, "year", cells.year, "năm không hợp lệ.", "invalid year.");
      const households = intOf(req("households", "số hộ"));
      const signed = intOf(req("signed", "số hộ ký cam kết"));
      if (cells.households && !(households >= 0))
        errors.add(
          row,
          "households",
          cells.households,
          "số hộ phải là số nguyên không âm.",
          "households must be a whole number ≥ 0.",
        );
      if (cells.signed && !(signed >= 0))
        errors.add(
          row,
          "signed",
          cells.signed,
          "số hộ ký cam kết phải là số nguyên không âm.",
          "signed must be a whole number ≥ 0.",
        );
      if (signed > households)
        errors.add(
          row,
          "signed",
          cells.signed,
          `số hộ ký cam kết (${signed}) lớn hơn số hộ (${households}).`,
          "more households signed than exist.",
        );
      const key = target ? `${target.id}|${year}` : "";
      if (target && pledgeRows.has(key))
        errors.add(
          row,
          "year",
          cells.year,
          `trùng khu dân cư và năm với dòng ${pledgeRows.get(key)}.`,
          `duplicates row ${pledgeRows.get(key)}.`,
        );
      if (target) pledgeRows.set(key, row);
      if (errors.list.length === before && target)
        out.push({
          unit_id: target.id,
          province_id: target.provinceId,
          year,
          households,
          households_signed: signed,
          note: cells.note || null,
          created_by: actor.userId,
        });
    } else if (kind === "weapons") {
      const date = dateOf("date", "ngày giao nộp");
      const items: { category: WeaponCategory; quantity: number }[] = [];
      for (const c of WEAPON_CATEGORIES) {
        const v = cells[`w:${c}`];
        if (!v) continue;
        const n = intOf(v);
        if (!(n >= 0))
          errors.add(
            row,
            `w:${c}`,
            v,
            `số lượng "${v}" phải là số nguyên không âm.`,
            `quantity "${v}" must be a whole number.`,
          );
        else if (n > 0) items.push({ category: c, quantity: n });
      }
      if (!items.length && errors.list.length === before)
        errors.add(
          row,
          null,
          null,
          "chưa ghi số lượng vũ khí, vật liệu nổ, công cụ hỗ trợ nào.",
          "no items.",
        );
      if (errors.list.length === before && unit && date)
        out.push({
          s: {
            unit_id: unit.id,
            province_id: unit.provinceId,
            area_id: area?.id ?? null,
            surrendered_on: date,
            place: cells.place || null,
            surrendered_by: cells.by || null,
            surrendered_by_address: cells.by ? cells.byAddress || null : null,
            receiving_officer_name: cells.officer || null,
            storage_ref: cells.storage || null,
            note: cells.note || null,
            created_by: actor.userId,
          },
          items,
        });
    } else {
      const tv = req("type", "loại mô hình");
      const type = types.find((t) => t.code === tv || fold(t.name) === fold(tv));
      if (tv && !type?.active)
        errors.add(
          row,
          "type",
          tv,
          `loại mô hình "${tv}" không có trong danh mục.`,
          `unknown model type "${tv}".`,
        );
      const name = req("name", "tên mô hình");
      const launched = dateOf("launched", "ngày ra mắt");
      const st = fold(cells.status ?? "");
      const status =
        !st || st === "dang hoat dong" || st === "active"
          ? "active"
          : st === "tam dung" || st === "suspended"
            ? "suspended"
            : st === "da ket thuc" || st === "ended"
              ? "ended"
              : null;
      if (!status)
        errors.add(
          row,
          "status",
          cells.status,
          `trạng thái "${cells.status}" không hợp lệ (Đang hoạt động / Tạm dừng / Đã kết thúc).`,
          "invalid status.",
        );
      const cp = cells.cameraPoints ? intOf(cells.cameraPoints) : null;
      if (cp != null && !(cp >= 0))
        errors.add(
          row,
          "cameraPoints",
          cells.cameraPoints,
          "số điểm camera phải là số nguyên không âm.",
          "camera points must be ≥ 0.",
        );
      if (unit && unit.kind === "ministry")
        errors.add(row, "unit", unitCode, "không ghi mô hình cho Bộ Công an.", "not the Ministry.");
      if (errors.list.length === before && unit && type && launched && status)
        out.push({
          unit_id: (area ?? unit).id,
          province_id: unit.provinceId,
          type_id: type.id,
          name,
          status,
          launched_on: launched,
          ended_on: status === "ended" ? today : null,
          founding_decision: cells.decision || null,
          partners: JSON.stringify(
            (cells.partners ?? "")
              .split(";")
              .map((s) => s.trim())
              .filter(Boolean),
          ),
          coordinator_name: cells.coordinator || null,
          camera_points: type.counts_camera_points ? cp : null,
          created_by: actor.userId,
        });
    }
    if ((i + 1) % 500 === 0) await onProgress(i + 1);
  }
  return { prepared: { kind, rows: out } as Prepared, errors: errors.list };
}

async function store(trx: Executor, p: Prepared): Promise<number> {
  if (p.kind === "activities") return (await insertActivities(trx, p.rows)).length;
  if (p.kind === "pledges") return (await upsertPledges(trx, p.rows)).length;
  if (p.kind === "weapons") {
    for (const r of p.rows) {
      const year = Number(String(r.s.surrendered_on).slice(0, 4));
      const { rows } = await sql<{ n: number }>`select count(*)::int + 1 as n from movement_weapon_surrenders
        where unit_id = ${r.s.unit_id} and extract(year from surrendered_on) = ${year}`.execute(trx);
      const s = await trx
        .insertInto("movement_weapon_surrenders")
        .values({ ...r.s, receipt_no: `${String(rows[0].n).padStart(2, "0")}/BB-${year}` })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("movement_weapon_items")
        .values(r.items.map((i) => ({ surrender_id: s.id, category: i.category, quantity: i.quantity })))
        .execute();
    }
    return p.rows.length;
  }
  for (const r of p.rows) {
    const m = await trx
      .insertInto("movement_models")
      .values(r)
      .returning(["id", "unit_id"])
      .executeTakeFirstOrThrow();
    await trx.insertInto("movement_model_units").values({ model_id: m.id, unit_id: m.unit_id }).execute();
  }
  return p.rows.length;
}

// ---------------------------------------------------------------- the job

const live = new Map<number, { status: "validating" | "importing"; processed: number; total: number }>();
export const liveProgress = (jobId: number) => live.get(jobId);

export async function startImport(
  db: Db,
  actor: Actor,
  kind: ImportKind,
  file: { name: string; buffer: Buffer; format: "xlsx" | "csv" },
): Promise<number> {
  const job = await db
    .insertInto("import_jobs")
    .values({
      kind: `movement.${kind}`,
      created_by: actor.userId,
      file_name: file.name.slice(0, 200),
      status: "validating",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const jobId = Number(job.id);
  live.set(jobId, { status: "validating", processed: 0, total: 0 });
  setImmediate(() => {
    run(db, actor, kind, jobId, file)
      .catch(() => finishImportJob(db, jobId, "failed", 0, [IMPORT_INTERNAL_ERROR]).catch(() => {}))
      .finally(() => live.delete(jobId));
  });
  return jobId;
}

async function run(
  db: Db,
  actor: Actor,
  kind: ImportKind,
  jobId: number,
  file: { buffer: Buffer; format: "xlsx" | "csv" },
) {
  const columns = await columnsFor(db, kind);
  let sheet: Sheet;
  try {
    sheet = await readSheet(columns, file.buffer, file.format);
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    await finishImportJob(db, jobId, "failed", 0, [
      { row: 0, column: null, value: null, messages: e.messages },
    ]);
    return;
  }
  const total = sheet.rows.length;
  const state = live.get(jobId)!;
  state.total = total;
  await db.updateTable("import_jobs").set({ total, processed: 0 }).where("id", "=", jobId).execute();
  const { prepared, errors } = await validate(db, actor, kind, columns, sheet, async (n) => {
    state.processed = n;
    await db
      .updateTable("import_jobs")
      .set({ processed: n, updated_at: sql<string>`now()` })
      .where("id", "=", jobId)
      .execute();
  });
  if (errors.length) {
    await finishImportJob(db, jobId, "failed", 0, errors);
    return;
  }
  state.status = "importing";
  state.processed = total;
  await db
    .updateTable("import_jobs")
    .set({ status: "importing", processed: total })
    .where("id", "=", jobId)
    .execute();
  // all rows or none: one transaction
  const created = await db.transaction().execute(async (trx) => {
    const n = await store(trx, prepared);
    const unitIds = [
      ...new Set(
        (prepared.rows as { unit_id?: number; s?: { unit_id: number } }[]).map(
          (r) => r.unit_id ?? r.s?.unit_id,
        ),
      ),
    ];
    await recordAudit(trx, actor, {
      action: `movement.${kind}.imported`,
      targetType: "import_job",
      targetId: jobId,
      unitId: unitIds.length === 1 ? unitIds[0] : actor.actingUnitId,
      after: { rows: n, units: unitIds.length },
    });
    return n;
  });
  await finishImportJob(db, jobId, "done", created, []);
}

export async function findJob(db: Db, jobId: number, userId: number) {
  return db
    .selectFrom("import_jobs")
    .selectAll()
    .where("id", "=", jobId)
    .where("created_by", "=", userId)
    .where("kind", "like", "movement.%")
    .executeTakeFirst();
}

import type { Cell } from "@danvan/shared/schemas/reports";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { pathCovered, scopeFor } from "../../platform/authz/scope.ts";
import { type Block, buildOfficialDocx, formatNumberVi } from "../../platform/documents/official-docx.ts";
import { notFound } from "../../platform/http/errors.ts";
import { getIndicator } from "../../platform/indicators/registry.ts";
import { analyse, periodOr400 } from "./analysis.ts";
import { todayVn } from "./period.ts";
import type { TemplateSection } from "./tables.ts";
import { codesIn, renderText } from "./templates.ts";
import { diffWords } from "./words.ts";

export interface GenerateRequest {
  templateId: number;
  unitId: number;
  period: string;
  lineage: "current" | "historical";
  number?: string | null;
  signerName?: string | null;
  signerPosition?: string | null;
}

interface TableOut {
  caption: string;
  columns: string[];
  rows: (string | number | null)[][];
}

/**
 * Generates a report: evaluates every figure the template names for the unit's subtree and period
 * (with last year), fills the prose, builds the tables by child unit, lists the reports of units below
 * for the same period, writes the DOCX (Nghị định 30/2020) and XLSX, and saves them as a new version.
 */
export async function generateReport(db: Db, actor: Actor, req: GenerateRequest, today = todayVn()) {
  const scope = await scopeFor(db, actor, "report.generate");
  const unit = await db
    .selectFrom("org_units")
    .select(["id", "name", "place_name", "parent_id", "province_id", sql<string>`path::text`.as("path")])
    .where("id", "=", req.unitId)
    .executeTakeFirst();
  if (!unit || !pathCovered(unit.path, scope)) throw notFound({ vi: "đơn vị", en: "unit" });
  const template = await db
    .selectFrom("report_templates")
    .selectAll()
    .where("id", "=", req.templateId)
    .where("active", "=", true)
    .executeTakeFirst();
  if (!template) throw notFound({ vi: "mẫu báo cáo", en: "report template" });
  const period = periodOr400(req.period, today);
  const sections = template.sections as TemplateSection[];
  const proseCodes = new Set<string>(codesIn(template.title));
  for (const s of sections)
    if (s.kind !== "table" && s.kind !== "contained_reports")
      for (const c of codesIn(s.text)) proseCodes.add(c);
  const tableCodes = new Set(
    sections.flatMap((s) => (s.kind === "table" ? s.codes.filter((c) => getIndicator(c)) : [])),
  );

  const figures = new Map<string, Cell>();
  const allCodes = [...new Set([...proseCodes, ...tableCodes])];
  const byChild = allCodes.length
    ? await analyse(
        db,
        actor,
        { codes: allCodes, unitId: unit.id, period: req.period, breakdown: "children", lineage: req.lineage },
        today,
      )
    : null;
  for (const r of byChild?.rows ?? []) figures.set(r.code, r.total);

  const parent = unit.parent_id
    ? await db.selectFrom("org_units").select("name").where("id", "=", unit.parent_id).executeTakeFirst()
    : null;
  const ctx = {
    unit: { name: unit.name, place: unit.place_name },
    period: {
      label: period.label,
      lastYearLabel: byChild?.period.lastYearLabel ?? period.label,
      from: period.from,
    },
    figures,
  };

  // reports of the units below for the same period (latest version each), listed, not retyped
  const contained = await sql<{
    id: number;
    unit_id: number;
    unit_name: string;
    version: number;
    title: string;
    generated_at: string;
  }>`
    select distinct on (v.unit_id, v.template_id) v.id, v.unit_id, u.name as unit_name, v.version, v.title, v.generated_at
    from report_versions v join org_units u on u.id = v.unit_id
    where u.path <@ ${unit.path}::ltree and v.unit_id <> ${unit.id}
      and v.period_from = ${period.from}::date and v.period_to = ${period.to}::date
    order by v.unit_id, v.template_id, v.version desc`
    .execute(db)
    .then((r) => r.rows);

  const blocks: Block[] = [];
  const tables: TableOut[] = [];
  for (const s of sections) {
    if (s.kind === "heading" || s.kind === "paragraph" || s.kind === "bullet")
      blocks.push({ kind: s.kind, text: renderText(s.text, ctx) });
    else if (s.kind === "table" && byChild) {
      const codes = s.codes.filter((c) => getIndicator(c));
      if (codes.length === 0) continue;
      const rows = byChild.rows.filter((r) => codes.includes(r.code));
      const columns = ["STT", "Đơn vị", ...rows.map((r) => `${r.label.vi} (${r.unit.vi})`)];
      const body: (string | number | null)[][] = byChild.columns.map((c, i) => [
        i + 1,
        c.label,
        ...rows.map((r) => r.cells[c.key]?.value ?? null),
      ]);
      const total: (string | number | null)[] = ["", "Tổng cộng", ...rows.map((r) => r.total.value)];
      const compare: (string | number | null)[] = [
        "",
        `So với ${byChild.period.lastYearLabel}`,
        ...rows.map((r) => diffWords(r.total.diff)),
      ];
      tables.push({ caption: s.caption, columns, rows: [...body, total, compare] });
      blocks.push({
        kind: "table",
        caption: s.caption,
        // "STT" on one line at the table's font size
        columns: columns.map((title, i) => ({ title, width: i === 0 ? 1.4 : i === 1 ? 4 : 2 })),
        rows: body,
        totalRow: total,
      });
      blocks.push({
        kind: "paragraph",
        text: `${rows
          .map(
            (r) =>
              `${r.label.vi}: ${formatNumberVi(r.total.value ?? 0)} ${r.unit.vi}, ${diffWords(r.total.diff, r.unit.vi)} so với ${byChild.period.lastYearLabel}`,
          )
          .join("; ")}.`,
      });
    } else if (s.kind === "contained_reports" && contained.length > 0) {
      blocks.push({
        kind: "paragraph",
        text: `Báo cáo này tổng hợp từ số liệu của các đơn vị trực thuộc; đã có ${contained.length} báo cáo của đơn vị cấp dưới cùng kỳ:`,
      });
      for (const c of contained)
        blocks.push({ kind: "bullet", text: `${c.unit_name}: ${c.title} (bản ${c.version}).` });
    }
  }

  const title = renderText(template.title, ctx);
  const docx = await buildOfficialDocx({
    issuerParent: parent?.name,
    issuer: unit.name,
    number: req.number ?? null,
    symbol: template.symbol,
    place: unit.place_name,
    date: today,
    docType: template.doc_type,
    title,
    body: blocks,
    recipients: template.recipients as string[],
    signer: {
      position: req.signerPosition ?? `Thủ trưởng ${unit.name}`,
      name: req.signerName ?? actor.fullName,
    },
  });
  const xlsx = tables.length ? await tablesXlsx(tables, `${unit.name} - ${period.label}`) : null;

  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom("report_versions")
      .select((eb) => eb.fn.max("version").as("v"))
      .where("unit_id", "=", unit.id)
      .where("template_id", "=", template.id)
      .where("period_from", "=", period.from)
      .where("period_to", "=", period.to)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const row = await trx
      .insertInto("report_versions")
      .values({
        unit_id: unit.id,
        province_id: unit.province_id,
        template_id: template.id,
        period_spec: period.spec,
        period_from: period.from,
        period_to: period.to,
        version,
        number: req.number ?? null,
        title,
        figures: JSON.stringify(byChild ? { columns: byChild.columns, rows: byChild.rows } : {}),
        content: JSON.stringify(blocks),
        contained: JSON.stringify(
          contained.map((c) => ({
            id: c.id,
            unitId: c.unit_id,
            unitName: c.unit_name,
            version: c.version,
            title: c.title,
          })),
        ),
        docx,
        xlsx,
        generated_by: actor.userId,
      })
      .returning(["id", "generated_at"])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "report.generated",
      targetType: "report_version",
      targetId: row.id,
      unitId: unit.id,
      after: { templateId: template.id, period: period.spec, version },
    });
    return {
      id: row.id,
      version,
      title,
      generatedAt: row.generated_at,
      contained: contained.length,
      hasXlsx: xlsx != null,
    };
  });
}

async function tablesXlsx(tables: TableOut[], heading: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  tables.forEach((t, i) => {
    const ws = wb.addWorksheet(`Bảng ${i + 1}`);
    const font = { name: "Times New Roman", size: 12 };
    ws.addRow([heading]).font = { ...font, bold: true };
    ws.addRow([t.caption]).font = { ...font, bold: true };
    const h = ws.addRow(t.columns);
    h.font = { ...font, bold: true };
    h.alignment = { wrapText: true, horizontal: "center" };
    for (const r of t.rows) ws.addRow(r).font = font;
    ws.getColumn(2).width = 36;
    for (let c = 3; c <= t.columns.length; c++) ws.getColumn(c).width = 16;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

import {
  WEAPON_CATEGORIES,
  WEAPON_CATEGORY_LABELS,
  type weaponListQuery,
  type weaponSurrenderBody,
} from "@danvan/shared/schemas/movement";
import { sql } from "kysely";
import type { z } from "zod";
import type { Db, Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../platform/audit/audit.ts";
import type { Actor } from "../../../platform/authz/actor.ts";
import { unitInScope } from "../../../platform/authz/scope.ts";
import { buildOfficialDocx } from "../../../platform/documents/index.ts";
import { badRequest, forbidden, notFound } from "../../../platform/http/errors.ts";
import { decodeCursor, toPage } from "../../../platform/http/pagination.ts";
import { listAttachments } from "../attachments.ts";
import {
  areaOf,
  type MovementScopes,
  movementScopes,
  recordingUnit,
  today,
  unitInScopeOr404,
} from "../common.ts";
import { canRecord, canSeePersonal, recordAbilities } from "../policy.ts";
import * as repo from "./repo.ts";

type Body = z.infer<typeof weaponSurrenderBody>;
const surrenderNotFound = () => notFound({ vi: "biên bản giao nộp", en: "weapon surrender" });

/** Who handed the items in is personal data: shown only within scope; anonymous hand-ins stay anonymous. */
function present(r: repo.SurrenderRow, scopes: MovementScopes) {
  const personal = canSeePersonal(scopes, r.unit_path);
  return {
    id: r.id,
    unit: { id: r.unit_id, name: r.unit_name },
    provinceId: r.province_id,
    area: r.area_id ? { id: r.area_id, name: r.area_name ?? "" } : null,
    surrenderedOn: r.surrendered_on,
    place: r.place,
    anonymous: r.surrendered_by == null,
    surrenderedBy: personal ? r.surrendered_by : null,
    surrenderedByAddress: personal ? r.surrendered_by_address : null,
    receivingOfficer: { id: r.receiving_officer_id, name: r.receiving_officer_name },
    storageRef: r.storage_ref,
    activityId: r.activity_id,
    note: r.note,
    receiptNo: r.receipt_no,
    items: r.items.map((i) => ({ ...i, label: WEAPON_CATEGORY_LABELS[i.category] })),
    totalItems: r.items.reduce((s, i) => s + i.quantity, 0),
    isDemo: r.is_demo,
    abilities: recordAbilities(scopes, r.unit_path),
  };
}

async function check(ex: Executor, scopes: MovementScopes, b: Body) {
  const unit = await recordingUnit(ex, scopes.record, b.unitId);
  const area = await areaOf(ex, unit, b.areaId);
  if (b.surrenderedOn > today())
    throw badRequest(
      "date_in_future",
      { vi: "Ngày giao nộp không được sau hôm nay.", en: "The hand-in date cannot be in the future." },
      { errors: [{ path: "body.surrenderedOn", message: "future date" }] },
    );
  if (b.receivingOfficerId) {
    const officer = await ex
      .selectFrom("users")
      .select("id")
      .where("id", "=", b.receivingOfficerId)
      .where(unitInScope(sql.ref("users.unit_id"), scopes.read))
      .executeTakeFirst();
    if (!officer)
      throw badRequest(
        "invalid_officer",
        { vi: "Cán bộ tiếp nhận không tồn tại hoặc ngoài phạm vi.", en: "Unknown receiving officer." },
        { errors: [{ path: "body.receivingOfficerId", message: "unknown officer" }] },
      );
  }
  if (b.activityId) {
    const a = await ex
      .selectFrom("movement_activities")
      .select("id")
      .where("id", "=", b.activityId)
      .where(unitInScope(sql.ref("movement_activities.unit_id"), scopes.read))
      .executeTakeFirst();
    if (!a)
      throw badRequest(
        "invalid_activity",
        { vi: "Không tìm thấy hoạt động được liên kết.", en: "The linked activity was not found." },
        { errors: [{ path: "body.activityId", message: "unknown activity" }] },
      );
  }
  return { unit, area };
}

export function makeWeaponsService(db: Db) {
  async function writable(trx: Executor, actor: Actor, id: number) {
    const scopes = await movementScopes(trx, actor);
    const row = await repo.getSurrender(trx, scopes.read, id);
    if (!row) throw surrenderNotFound();
    if (!canRecord(scopes, row.unit_path)) throw forbidden();
    return { scopes, row };
  }

  const service = {
    async list(actor: Actor, q: z.infer<typeof weaponListQuery>) {
      const scopes = await movementScopes(db, actor);
      const unit = await unitInScopeOr404(db, scopes.read, q.unitId ?? actor.actingUnitId);
      const c = decodeCursor(q.cursor);
      const after =
        c && typeof c[0] === "string" && typeof c[1] === "number" ? { on: c[0], id: c[1] } : undefined;
      const [rows, totals] = await Promise.all([
        repo.listSurrenders(db, scopes.read, {
          unitPath: unit.path,
          from: q.from,
          to: q.to,
          after,
          limit: q.limit,
        }),
        repo.totalsByCategory(db, scopes.read, unit.path, q.from, q.to),
      ]);
      const page = toPage(rows, q.limit, (r) => [r.surrendered_on, r.id]);
      const byCat = new Map(totals.map((t) => [t.category, t.quantity]));
      return {
        items: page.items.map((r) => present(r, scopes)),
        nextCursor: page.nextCursor,
        totals: WEAPON_CATEGORIES.map((c) => ({
          category: c,
          label: WEAPON_CATEGORY_LABELS[c],
          quantity: byCat.get(c) ?? 0,
        })),
      };
    },

    async get(actor: Actor, id: number) {
      const scopes = await movementScopes(db, actor);
      const row = await repo.getSurrender(db, scopes.read, id);
      if (!row) throw surrenderNotFound();
      return { ...present(row, scopes), attachments: await listAttachments(db, "weapon_surrender", id) };
    },

    async create(actor: Actor, b: Body) {
      const id = await db.transaction().execute(async (trx) => {
        const scopes = await movementScopes(trx, actor);
        const { unit, area } = await check(trx, scopes, b);
        const row = await trx
          .insertInto("movement_weapon_surrenders")
          .values({
            unit_id: unit.id,
            province_id: unit.provinceId,
            area_id: area?.id ?? null,
            surrendered_on: b.surrenderedOn,
            place: b.place ?? null,
            surrendered_by: b.anonymous ? null : (b.surrenderedBy ?? null),
            surrendered_by_address: b.anonymous ? null : (b.surrenderedByAddress ?? null),
            receiving_officer_id: b.receivingOfficerId ?? null,
            receiving_officer_name: b.receivingOfficerName ?? null,
            storage_ref: b.storageRef ?? null,
            activity_id: b.activityId ?? null,
            note: b.note ?? null,
            receipt_no: await repo.nextReceiptNo(trx, unit.id, Number(b.surrenderedOn.slice(0, 4))),
            created_by: actor.userId,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("movement_weapon_items")
          .values(
            b.items.map((i) => ({
              surrender_id: row.id,
              category: i.category,
              description: i.description ?? null,
              quantity: i.quantity,
            })),
          )
          .execute();
        await recordAudit(trx, actor, {
          action: "movement.weapon_surrender.created",
          targetType: "movement_weapon_surrender",
          targetId: row.id,
          unitId: unit.id,
          after: { ...b, surrenderedBy: b.anonymous ? null : "[personal]", surrenderedByAddress: undefined },
        });
        return row.id;
      });
      return service.get(actor, id);
    },

    async update(actor: Actor, id: number, b: Body) {
      await db.transaction().execute(async (trx) => {
        const { scopes, row } = await writable(trx, actor, id);
        const { unit, area } = await check(trx, scopes, b);
        await trx
          .updateTable("movement_weapon_surrenders")
          .set({
            unit_id: unit.id,
            province_id: unit.provinceId,
            area_id: area?.id ?? null,
            surrendered_on: b.surrenderedOn,
            place: b.place ?? null,
            surrendered_by: b.anonymous ? null : (b.surrenderedBy ?? null),
            surrendered_by_address: b.anonymous ? null : (b.surrenderedByAddress ?? null),
            receiving_officer_id: b.receivingOfficerId ?? null,
            receiving_officer_name: b.receivingOfficerName ?? null,
            storage_ref: b.storageRef ?? null,
            activity_id: b.activityId ?? null,
            note: b.note ?? null,
            updated_at: new Date().toISOString(),
          })
          .where("id", "=", id)
          .execute();
        await trx.deleteFrom("movement_weapon_items").where("surrender_id", "=", id).execute();
        await trx
          .insertInto("movement_weapon_items")
          .values(
            b.items.map((i) => ({
              surrender_id: id,
              category: i.category,
              description: i.description ?? null,
              quantity: i.quantity,
            })),
          )
          .execute();
        await recordAudit(trx, actor, {
          action: "movement.weapon_surrender.updated",
          targetType: "movement_weapon_surrender",
          targetId: id,
          unitId: unit.id,
          before: { surrenderedOn: row.surrendered_on, items: row.items, storageRef: row.storage_ref },
          after: { ...b, surrenderedBy: b.anonymous ? null : "[personal]", surrenderedByAddress: undefined },
        });
      });
      return service.get(actor, id);
    },

    async remove(actor: Actor, id: number) {
      await db.transaction().execute(async (trx) => {
        const { row } = await writable(trx, actor, id);
        await trx
          .deleteFrom("movement_attachments")
          .where("owner_type", "=", "weapon_surrender")
          .where("owner_id", "=", id)
          .execute();
        await trx.deleteFrom("movement_weapon_surrenders").where("id", "=", id).execute();
        await recordAudit(trx, actor, {
          action: "movement.weapon_surrender.deleted",
          targetType: "movement_weapon_surrender",
          targetId: id,
          unitId: row.unit_id,
          before: { surrenderedOn: row.surrendered_on, items: row.items, receiptNo: row.receipt_no },
        });
      });
    },

    /** The receipt (biên bản tiếp nhận) as DOCX in the Nghị định 30/2020 layout. */
    async receiptDocx(actor: Actor, id: number) {
      const scopes = await movementScopes(db, actor);
      const row = await repo.getSurrender(db, scopes.read, id);
      if (!row) throw surrenderNotFound();
      const personal = canSeePersonal(scopes, row.unit_path);
      const [number, symbol] = (row.receipt_no ?? "/BB").split("/");
      const d = row.surrendered_on.split("-").reverse().join("/");
      const giver =
        row.surrendered_by == null
          ? "Người giao nộp đề nghị giữ kín danh tính (giao nộp ẩn danh)"
          : personal
            ? `${row.surrendered_by}${row.surrendered_by_address ? `, địa chỉ: ${row.surrendered_by_address}` : ""}`
            : "[thông tin cá nhân được ẩn]";
      const buffer = await buildOfficialDocx({
        issuer: row.unit_name.toUpperCase(),
        number,
        symbol: symbol || "BB",
        place: row.place_name,
        date: row.surrendered_on,
        docType: "BIÊN BẢN",
        title: `Tiếp nhận vũ khí, vật liệu nổ, công cụ hỗ trợ do Nhân dân tự nguyện giao nộp${row.is_demo ? " [Demo]" : ""}`,
        body: [
          {
            kind: "paragraph",
            text: `Hôm nay, ngày ${d}, tại ${row.place ?? row.unit_name}, chúng tôi gồm:`,
          },
          { kind: "bullet", text: `Bên giao nộp: ${giver}.` },
          { kind: "bullet", text: `Bên tiếp nhận: ${row.receiving_officer_name ?? "…"}, ${row.unit_name}.` },
          {
            kind: "paragraph",
            text: "Đã tiến hành giao, nhận các loại vũ khí, vật liệu nổ, công cụ hỗ trợ sau đây:",
          },
          {
            kind: "table",
            columns: [
              { title: "STT", width: 1, align: "center" },
              { title: "Chủng loại", width: 4 },
              { title: "Mô tả", width: 5 },
              { title: "Đơn vị tính", width: 2, align: "center" },
              { title: "Số lượng", width: 2, align: "right" },
            ],
            rows: row.items.map((i, n) => [
              n + 1,
              WEAPON_CATEGORY_LABELS[i.category].vi,
              i.description ?? "",
              WEAPON_CATEGORY_LABELS[i.category].unit,
              i.quantity,
            ]),
            totalRow: ["", "Tổng cộng", "", "", row.items.reduce((s, i) => s + i.quantity, 0)],
          },
          { kind: "paragraph", text: `Nơi lưu giữ, bảo quản: ${row.storage_ref ?? "…"}.` },
          {
            kind: "paragraph",
            text: "Biên bản lập thành 02 bản, mỗi bên giữ 01 bản, đã đọc lại cho những người có tên trên cùng nghe và ký xác nhận.",
          },
        ],
        recipients: ["Người giao nộp", "Lưu: hồ sơ"],
        signer: { position: "CÁN BỘ TIẾP NHẬN", name: row.receiving_officer_name ?? "" },
      });
      return { buffer, fileName: `bien-ban-giao-nop-${row.id}.docx` };
    },
  };
  return service;
}

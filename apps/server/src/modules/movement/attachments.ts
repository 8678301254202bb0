import { sql } from "kysely";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { type Scope, unitInScope } from "../../platform/authz/scope.ts";
import { badRequest, forbidden, notFound } from "../../platform/http/errors.ts";
import { movementScopes } from "./common.ts";
import { canRecord } from "./policy.ts";
import type { MovementAttachmentsTable } from "./tables.ts";

export type OwnerType = MovementAttachmentsTable["owner_type"];
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const ALLOWED =
  /^(image\/(jpeg|png|webp|gif)|application\/pdf|application\/vnd\.openxmlformats-officedocument\.(wordprocessingml\.document|spreadsheetml\.sheet)|application\/msword|text\/plain)$/;

export const listAttachments = async (ex: Executor, ownerType: OwnerType, ownerId: number) =>
  (
    await ex
      .selectFrom("movement_attachments")
      .select(["id", "file_name", "mime_type", "size_bytes", "created_at"])
      .where("owner_type", "=", ownerType)
      .where("owner_id", "=", ownerId)
      .orderBy("id")
      .execute()
  ).map((a) => ({
    id: a.id,
    fileName: a.file_name,
    mimeType: a.mime_type,
    sizeBytes: a.size_bytes,
    createdAt: a.created_at,
    url: `/api/v1/movement/attachments/${a.id}`,
  }));

/** The owner's unit, when the owner is visible in the scope (a model: any unit it covers). */
async function ownerUnit(ex: Executor, scope: Scope, ownerType: OwnerType, ownerId: number) {
  const table = {
    model: "movement_models",
    activity: "movement_activities",
    forum: "movement_forums",
    weapon_surrender: "movement_weapon_surrenders",
  }[ownerType];
  const visible =
    ownerType === "model"
      ? sql`exists (select 1 from movement_model_units v where v.model_id = r.id and ${unitInScope(sql.ref("v.unit_id"), scope)})`
      : unitInScope(sql.ref("r.unit_id"), scope);
  const { rows } = await sql<{ unit_id: number; path: string }>`
    select r.unit_id, u.path::text as path from ${sql.table(table)} r join org_units u on u.id = r.unit_id
    where r.id = ${ownerId} and ${visible}`.execute(ex);
  return rows[0];
}

export function makeAttachmentsService(db: Db) {
  return {
    async upload(
      actor: Actor,
      ownerType: OwnerType,
      ownerId: number,
      file: { fileName: string; mimeType: string; content: Buffer },
    ) {
      if (!ALLOWED.test(file.mimeType))
        throw badRequest("unsupported_file_type", {
          vi: "Chỉ nhận ảnh (JPEG, PNG, WebP, GIF), PDF, Word, Excel hoặc văn bản.",
          en: "Only images, PDF, Word, Excel or plain-text files are accepted.",
        });
      if (file.content.length === 0)
        throw badRequest("empty_file", { vi: "Tệp rỗng.", en: "The file is empty." });
      return db.transaction().execute(async (trx) => {
        const scopes = await movementScopes(trx, actor);
        const owner = await ownerUnit(trx, scopes.read, ownerType, ownerId);
        if (!owner) throw notFound();
        if (!canRecord(scopes, owner.path)) throw forbidden();
        const row = await trx
          .insertInto("movement_attachments")
          .values({
            owner_type: ownerType,
            owner_id: ownerId,
            unit_id: owner.unit_id,
            file_name: file.fileName.normalize("NFC").slice(0, 200),
            mime_type: file.mimeType,
            size_bytes: file.content.length,
            content: file.content,
            uploaded_by: actor.userId,
          })
          .returning(["id", "file_name", "mime_type", "size_bytes", "created_at"])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: "movement.attachment.added",
          targetType: `movement_${ownerType}`,
          targetId: ownerId,
          unitId: owner.unit_id,
          after: { attachmentId: row.id, fileName: row.file_name, sizeBytes: row.size_bytes },
        });
        return {
          id: row.id,
          fileName: row.file_name,
          mimeType: row.mime_type,
          sizeBytes: row.size_bytes,
          createdAt: row.created_at,
          url: `/api/v1/movement/attachments/${row.id}`,
        };
      });
    },

    async download(actor: Actor, id: number) {
      const scopes = await movementScopes(db, actor);
      const a = await db
        .selectFrom("movement_attachments")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      if (!a || !(await ownerUnit(db, scopes.read, a.owner_type, a.owner_id)))
        throw notFound({ vi: "tệp đính kèm", en: "attachment" });
      return a;
    },

    async remove(actor: Actor, id: number) {
      await db.transaction().execute(async (trx) => {
        const scopes = await movementScopes(trx, actor);
        const a = await trx
          .selectFrom("movement_attachments")
          .select(["id", "owner_type", "owner_id", "file_name"])
          .where("id", "=", id)
          .executeTakeFirst();
        const owner = a && (await ownerUnit(trx, scopes.read, a.owner_type, a.owner_id));
        if (!a || !owner) throw notFound({ vi: "tệp đính kèm", en: "attachment" });
        if (!canRecord(scopes, owner.path)) throw forbidden();
        await trx.deleteFrom("movement_attachments").where("id", "=", id).execute();
        await recordAudit(trx, actor, {
          action: "movement.attachment.deleted",
          targetType: `movement_${a.owner_type}`,
          targetId: a.owner_id,
          unitId: owner.unit_id,
          before: { attachmentId: id, fileName: a.file_name },
        });
      });
    },
  };
}

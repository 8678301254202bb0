import {
  KIND_LABELS,
  OUTCOME_LABELS,
  type Outcome,
  type PublicSubmission,
  SUBMISSION_KINDS,
  type SubmissionKind,
} from "@danvan/shared/schemas/submissions";
import { type SqlBool, sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.ts";
import { AppError, badRequest } from "../../platform/http/errors.ts";
import { daysBetween, todayInVietnam } from "./clock.ts";
import { type CleanFile, MAX_FILE_BYTES, MAX_FILES } from "./files.ts";
import { publicStatus, refOf, storyOf } from "./present.ts";
import {
  executePrepared,
  executeStatement,
  type PublicItem,
  publicItemStatement,
  type StoredRow,
} from "./repo.ts";
import { newReceiptCode, normalizeReceiptCode } from "./secrets.ts";
import { insertFiles } from "./service.ts";
import { initialDue, type ModuleState, secretsOf } from "./state.ts";
import { ruleCodeFor } from "./workflow.ts";

/*
 * The citizen side: no account, no address stored with anything. Limits are keyed hashes that expire
 * (platform throttle); the receipt code is the only key to an item and is never stored in clear.
 */

export const LIMITS = {
  submitPerHour: 10,
  missesPer15Min: 10,
  writesPerCodePerHour: 30,
};

const tooMany = () =>
  new AppError(429, "rate_limited", {
    vi: "Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau.",
    en: "Too many requests; try again later.",
  });

export const codeNotFound = () =>
  new AppError(404, "receipt_not_found", {
    vi: "Mã tra cứu không đúng. Vui lòng kiểm tra lại từng ký tự.",
    en: "Wrong receipt code. Please check each character.",
  });

const placeInvalid = () =>
  badRequest(
    "invalid_place",
    { vi: "Địa bàn đã chọn không hợp lệ.", en: "The chosen place is invalid." },
    { errors: [{ path: "body.communeId", message: "invalid place" }] },
  );

interface CachedList<T> {
  at: number;
  value: T;
}

export function makePublicService(state: ModuleState) {
  const { db, throttle } = state.deps;
  const cache = new Map<string, CachedList<unknown>>();
  async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < 300_000) return hit.value as T;
    const value = await load();
    if (cache.size > 5000) cache.clear();
    cache.set(key, { at: Date.now(), value });
    return value;
  }

  const meta = () => ({
    kinds: SUBMISSION_KINDS.map((k) => ({ kind: k, label: KIND_LABELS[k] })),
    limits: { maxFiles: MAX_FILES, maxFileBytes: MAX_FILE_BYTES, contentMax: 10_000 },
    challengeBits: state.settings.powBits,
  });

  const provinces = () =>
    cached("provinces", () =>
      db
        .selectFrom("org_units")
        .select(["id", "place_name as name", "sort_key"])
        .where("kind", "=", "province")
        .where("valid_to", "is", null)
        .orderBy(sql`sort_key collate "C"`)
        .execute()
        .then((rows) => rows.map((r) => ({ id: r.id, name: r.name }))),
    );

  const communes = (provinceId: number) =>
    cached(`communes:${provinceId}`, async () => {
      const rows = await db
        .selectFrom("org_units as c")
        .select(["c.id", "c.place_name as name", "c.admin_type", "c.sort_key"])
        .where("c.kind", "=", "commune")
        .where("c.valid_to", "is", null)
        .where(
          sql<SqlBool>`c.path <@ (select path from org_units where id = ${provinceId} and kind = 'province')`,
        )
        .orderBy(sql`c.sort_key collate "C"`)
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.name, adminType: r.admin_type }));
    });

  const areas = (communeId: number) =>
    cached(`areas:${communeId}`, async () => {
      const rows = await db
        .selectFrom("org_units")
        .select(["id", "place_name as name", "sort_key"])
        .where("kind", "=", "area")
        .where("valid_to", "is", null)
        .where(
          sql<SqlBool>`path <@ (select path from org_units where id = ${communeId} and kind = 'commune')`,
        )
        .orderBy(sql`sort_key collate "C"`)
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.name }));
    });

  async function warnings(q: { provinceId?: number; communeId?: number }) {
    const today = todayInVietnam();
    let query = db
      .selectFrom("crime_warnings as w")
      .innerJoin("org_units as u", "u.id", "w.unit_id")
      .select(["w.id", "w.title", "w.body", "w.published_on", "w.expires_on", "u.name as unit_name"])
      .where("w.status", "=", "published")
      .where("w.published_on", "<=", today)
      .where((eb) => eb.or([eb("w.expires_on", "is", null), eb("w.expires_on", ">=", today)]));
    if (q.communeId)
      // the commune's own warnings and those of the units above it (province-wide)
      query = query.where(sql<SqlBool>`(select path from org_units where id = ${q.communeId}) <@ u.path`);
    else if (q.provinceId) query = query.where("w.province_id", "=", q.provinceId);
    const rows = await query.orderBy("w.published_on", "desc").orderBy("w.id", "desc").limit(50).execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        body: r.body,
        publishedOn: r.published_on,
        expiresOn: r.expires_on,
        unitName: r.unit_name,
      })),
    };
  }

  async function checkLimit(bucket: string, raw: string, max: number, windowSeconds: number) {
    if (!state.settings.limits) return;
    if ((await throttle.count(db, bucket, raw, windowSeconds)) >= max) throw tooMany();
  }

  /** Looks up a previous submission with the same idempotency key; returns its response again. */
  async function replay(key: string) {
    const secrets = secretsOf(state);
    const prev = await db
      .selectFrom("submissions")
      .select(["id", "kind", "received_on", "received_at", "idem_box", "status"])
      .where("idem_hash", "=", secrets.idemHash(key))
      .executeTakeFirst();
    if (!prev) return null;
    const code = prev.idem_box ? secrets.openWithIdem(key, prev.idem_box) : null;
    if (!code)
      throw new AppError(409, "idempotency_key_reused", {
        vi: "Yêu cầu này đã được gửi trước đó.",
        en: "This request was already submitted.",
      });
    return {
      ref: refOf(prev),
      receiptCode: code,
      receivedAt: prev.received_at,
      status: prev.status,
      statusLabel: publicStatus(prev.status),
      replayed: true,
    };
  }

  /**
   * A citizen's submission: checks against cached lists first, then one statement that routes, stores
   * and audits the item (plus its files in the same transaction when there are any). A retry with the
   * same idempotency key, even one racing the first, answers with the first one's result; whatever
   * refuses a request (place, date, limits) gives way to that answer.
   */
  async function submit(input: PublicSubmission, files: CleanFile[], ip: string) {
    const secrets = secretsOf(state);
    const key = input.idempotencyKey;
    const refuse = async (err: AppError) => {
      const again = key ? await replay(key) : null;
      if (again) return again;
      throw err;
    };
    // the place must be an open commune of the chosen province (and the village one of its areas)
    const commune = (await communes(input.provinceId)).find((c) => c.id === input.communeId);
    if (!commune) return refuse(placeInvalid());
    if (input.areaId && !(await areas(input.communeId)).some((a) => a.id === input.areaId))
      return refuse(placeInvalid());
    const today = todayInVietnam();
    if (input.occurredOn && (input.occurredOn > today || daysBetween(input.occurredOn, today) > 3650))
      return refuse(
        badRequest(
          "invalid_date",
          { vi: "Ngày xảy ra không hợp lệ.", en: "Invalid date of the event." },
          { errors: [{ path: "body.occurredOn", message: "invalid date" }] },
        ),
      );
    if (
      state.settings.limits &&
      (await throttle.count(db, "public_submit", ip, 3600)) >= LIMITS.submitPerHour
    )
      return refuse(tooMany());

    const code = newReceiptCode();
    const kind = input.kind as SubmissionKind;
    const ruleCode = ruleCodeFor(kind, "start");
    const [normal, remote] = await Promise.all([
      initialDue(db, ruleCode, today, false),
      initialDue(db, ruleCode, today, true),
    ]);
    const identity =
      !input.anonymous && input.identity ? state.deps.vault.seal(JSON.stringify(input.identity)) : null;
    const item: PublicItem = {
      kind,
      placeId: input.communeId,
      ...storyOf(input),
      receivedOn: today,
      anonymous: input.anonymous || !identity,
      identitySealed: identity,
      wantsProtection: input.wantsProtection ?? false,
      concernedOfficerText: kind === "conduct_feedback" ? (input.concernedOfficer ?? null) : null,
      codeHash: secrets.codeHash(code.replace(/-/g, "")),
      idemHash: key ? secrets.idemHash(key) : null,
      idemBox: key ? secrets.sealWithIdem(key, code) : null,
      ruleCode,
      dueOn: { normal, remote },
      language: input.language ?? "vi",
      audit: {
        subject: { kind: "public" },
        entry: {
          action: "submission.received",
          targetType: "submission",
          after: { kind, channel: "web", attachments: files.length },
        },
      },
      throttle: state.settings.limits ? { bucket: "public_submit", key: throttle.keyOf(ip) } : null,
    };
    const statement = publicItemStatement(item);
    const stored = files.length
      ? await db.transaction().execute(async (trx) => {
          const [row] = await executeStatement<StoredRow>(trx, statement);
          if (row) await insertFiles(trx, row.id, null, "citizen", files);
          return row;
        })
      : (await executePrepared<StoredRow>(state.deps.database, statement))[0];
    // nothing stored: the key's first submission won (answer with it), or the place closed meanwhile
    if (!stored) return refuse(placeInvalid());
    // the code leaves the server only now, after the commit
    return {
      ref: refOf({ kind, id: stored.id, received_on: today }),
      receiptCode: code,
      receivedAt: new Date(stored.received_at).toISOString(),
      status: "received",
      statusLabel: publicStatus("received"),
      replayed: false,
    };
  }

  /** Finds the item of a code, counting misses per address. */
  async function byCode(rawCode: string | undefined, ip: string) {
    const secrets = secretsOf(state);
    await checkLimit("receipt_miss", ip, LIMITS.missesPer15Min, 900);
    const code = rawCode ? normalizeReceiptCode(rawCode) : null;
    const row = code
      ? await db
          .selectFrom("submissions as s")
          .innerJoin("org_units as u", "u.id", "s.unit_id")
          .select([
            "s.id",
            "s.kind",
            "s.status",
            "s.received_on",
            "s.received_at",
            "s.due_on",
            "s.paused",
            "s.closed_on",
            "s.outcome",
            "s.rating",
            "s.rating_comment",
            "s.merged_into_id",
            "s.unit_id",
            "s.code_hash",
            "u.name as unit_name",
          ])
          .where("s.code_hash", "=", secrets.codeHash(code))
          .executeTakeFirst()
      : undefined;
    if (!row) {
      if (state.settings.limits) await throttle.hit(db, "receipt_miss", ip);
      throw codeNotFound();
    }
    return row;
  }

  async function view(rawCode: string | undefined, ip: string) {
    const row = await byCode(rawCode, ip);
    const [messages, files] = await Promise.all([
      db
        .selectFrom("submission_messages")
        .select(["id", "author", "kind", "body", "created_at"])
        .where("submission_id", "=", row.id)
        .where("visibility", "=", "public")
        .orderBy("id")
        .execute(),
      db
        .selectFrom("submission_attachments")
        .select(["id", "message_id", "author", "file_name", "mime", "size", "created_at"])
        .where("submission_id", "=", row.id)
        .where("visibility", "=", "public")
        .orderBy("id")
        .execute(),
    ]);
    const open = row.status !== "closed" && row.status !== "merged";
    const lastQuestion = messages.filter((m) => m.author === "officer" && m.kind === "question").at(-1);
    const lastCitizen = messages.filter((m) => m.author === "citizen").at(-1);
    return {
      ref: refOf(row),
      kind: row.kind,
      kindLabel: KIND_LABELS[row.kind as SubmissionKind],
      status: row.status,
      statusLabel: publicStatus(row.status),
      unitName: row.unit_name,
      receivedAt: row.received_at,
      dueOn: open && !row.paused ? row.due_on : null,
      closedOn: row.closed_on,
      outcomeLabel: row.outcome ? OUTCOME_LABELS[row.outcome as Outcome] : null,
      awaitingAnswer: open && lastQuestion != null && (!lastCitizen || lastCitizen.id < lastQuestion.id),
      canAddInformation: open,
      canRate: row.status === "closed" && row.rating == null,
      rating: row.rating,
      ratingComment: row.rating_comment,
      messages: messages.map((m) => ({
        id: m.id,
        author: m.author,
        kind: m.kind,
        body: m.body,
        createdAt: m.created_at,
      })),
      attachments: files.map((f) => ({
        id: f.id,
        messageId: f.message_id,
        author: f.author,
        fileName: f.file_name,
        mime: f.mime,
        size: f.size,
      })),
    };
  }

  async function addMessage(rawCode: string | undefined, ip: string, body: string, files: CleanFile[]) {
    const row = await byCode(rawCode, ip);
    if (row.status === "closed" || row.status === "merged")
      throw new AppError(409, "item_not_open", {
        vi: "Vụ việc đã kết thúc, không thể bổ sung thông tin.",
        en: "The item is closed; information can no longer be added.",
      });
    await checkLimit("receipt_write", row.code_hash!, LIMITS.writesPerCodePerHour, 3600);
    const existing = await db
      .selectFrom("submission_attachments")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("submission_id", "=", row.id)
      .executeTakeFirst();
    if (Number(existing?.n ?? 0) + files.length > MAX_FILES * 4)
      throw new AppError(413, "too_many_files", {
        vi: "Đã đạt số tệp tối đa cho vụ việc.",
        en: "The item has reached its file limit.",
      });
    return db.transaction().execute(async (trx) => {
      const messages = await trx
        .selectFrom("submission_messages")
        .select(["id", "author", "kind"])
        .where("submission_id", "=", row.id)
        .where("visibility", "=", "public")
        .orderBy("id", "desc")
        .limit(1)
        .execute();
      const answering = messages[0]?.author === "officer" && messages[0]?.kind === "question";
      const msg = await trx
        .insertInto("submission_messages")
        .values({
          submission_id: row.id,
          author: "citizen",
          visibility: "public",
          kind: answering ? "answer" : "info",
          body,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await insertFiles(trx, row.id, msg.id, "citizen", files);
      await trx
        .updateTable("submissions")
        .set({
          sub_status: sql<
            string | null
          >`case when sub_status = 'awaiting_citizen' then 'verifying' else sub_status end`,
          updated_at: sql<string>`now()`,
        })
        .where("id", "=", row.id)
        .execute();
      await recordAudit(
        trx,
        { kind: "public" },
        {
          action: "submission.citizen_message",
          targetType: "submission",
          targetId: row.id,
          unitId: row.unit_id,
          after: { kind: answering ? "answer" : "info", attachments: files.length },
        },
      );
      const assignee = await trx
        .selectFrom("submissions")
        .select("assignee_id")
        .where("id", "=", row.id)
        .executeTakeFirst();
      if (assignee?.assignee_id)
        await trx
          .insertInto("submission_notifications")
          .values({
            user_id: assignee.assignee_id,
            submission_id: row.id,
            kind: "citizen_message",
            title_vi: `Người gửi đã bổ sung thông tin cho vụ việc ${refOf(row)}`,
            title_en: `The citizen added information to item ${refOf(row)}`,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      if (state.settings.limits) await throttle.hit(trx, "receipt_write", row.code_hash!);
      return { id: msg.id, kind: answering ? "answer" : "info" };
    });
  }

  async function rate(
    rawCode: string | undefined,
    ip: string,
    input: { rating: number; comment?: string | null },
  ) {
    const row = await byCode(rawCode, ip);
    if (row.status !== "closed")
      throw new AppError(409, "not_closed", {
        vi: "Chỉ đánh giá được sau khi vụ việc đã giải quyết xong.",
        en: "You can rate only after the item is closed.",
      });
    if (row.rating != null)
      throw new AppError(409, "already_rated", {
        vi: "Bạn đã đánh giá vụ việc này.",
        en: "You have already rated this item.",
      });
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("submissions")
        .set({ rating: input.rating, rating_comment: input.comment ?? null, rated_at: sql<string>`now()` })
        .where("id", "=", row.id)
        .execute();
      await recordAudit(
        trx,
        { kind: "public" },
        {
          action: "submission.rated",
          targetType: "submission",
          targetId: row.id,
          unitId: row.unit_id,
          after: { rating: input.rating },
        },
      );
    });
    return { rating: input.rating };
  }

  async function attachment(rawCode: string | undefined, ip: string, attachmentId: number) {
    const row = await byCode(rawCode, ip);
    const file = await db
      .selectFrom("submission_attachments")
      .select(["file_name", "mime", "data"])
      .where("id", "=", attachmentId)
      .where("submission_id", "=", row.id)
      .where("visibility", "=", "public")
      .executeTakeFirst();
    if (!file) throw codeNotFound();
    return file;
  }

  return { meta, provinces, communes, areas, warnings, submit, view, addMessage, rate, attachment };
}

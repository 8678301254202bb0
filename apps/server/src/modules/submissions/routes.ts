import {
  assignSchema,
  closeSchema,
  concernedSchema,
  decisionSchema,
  holidaySchema,
  inboxFilterSchema,
  inboxQuerySchema,
  intakeSchema,
  linkSchema,
  mergeSchema,
  noteSchema,
  publicSubmissionSchema,
  ratingSchema,
  reasonSchema,
  receiptMessageSchema,
  replySchema,
  revealSchema,
  ruleUpdateSchema,
  savedFilterSchema,
  subStatusSchema,
  templateSchema,
  transferSchema,
  warningPatchSchema,
  warningSchema,
} from "@danvan/shared/schemas/submissions";
import ExcelJS from "exceljs";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ZodApp } from "../../app.ts";
import { actorOf } from "../../platform/auth/plugin.ts";
import { scopeFor } from "../../platform/authz/scope.ts";
import { AppError } from "../../platform/http/errors.ts";
import { makePublicGate, publicSlots } from "../../platform/http/public-gate.ts";
import type { makeAdminService } from "./admin.ts";
import { receiptDocx } from "./docx.ts";
import { cleanFiles } from "./files.ts";
import type { makePublicService } from "./public.ts";
import { findItem, handlersOf, receiptContext } from "./repo.ts";
import { type ChallengeCheck, issueChallenge, makeChallengeVerifier } from "./secrets.ts";
import { itemNotFound, type makeOfficerService } from "./service.ts";
import { type ModuleState, secretsOf } from "./state.ts";

const idParams = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const fileParams = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  attachmentId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
const PUBLIC_BODY_LIMIT = 22 * 1024 * 1024;

const CHALLENGE_MESSAGES: Record<Exclude<ChallengeCheck, "ok">, { vi: string; en: string }> = {
  invalid: {
    vi: "Thiếu hoặc sai mã kiểm tra chống gửi tự động. Vui lòng tải lại trang.",
    en: "Missing or invalid anti-abuse check; reload the page.",
  },
  expired: {
    vi: "Mã kiểm tra đã hết hạn, vui lòng gửi lại.",
    en: "The check has expired; please submit again.",
  },
  replayed: {
    vi: "Mã kiểm tra đã được dùng, vui lòng gửi lại.",
    en: "The check was already used; please submit again.",
  },
  insufficient: {
    vi: "Mã kiểm tra không đạt, vui lòng gửi lại.",
    en: "The check failed; please submit again.",
  },
};

const header = (req: FastifyRequest, name: string) => {
  const v = req.headers[name];
  return typeof v === "string" ? v : undefined;
};

function sendFile(reply: FastifyReply, file: { file_name: string; mime: string; data: Buffer }) {
  return reply
    .header("content-type", file.mime)
    .header("content-disposition", `attachment; filename="${file.file_name}"`)
    .header("cache-control", "no-store")
    .send(file.data);
}

export function registerSubmissionRoutes(
  app: ZodApp,
  state: ModuleState,
  svc: {
    officer: ReturnType<typeof makeOfficerService>;
    pub: ReturnType<typeof makePublicService>;
    admin: ReturnType<typeof makeAdminService>;
  },
) {
  const { officer, pub, admin } = svc;
  const limits = state.settings.limits;
  // citizens' writes take at most a share of the database connections (a flood must not stall officers)
  const gate = makePublicGate(
    publicSlots(state.deps.database.pool.options.max ?? 10),
    state.settings.publicQueue,
  );
  const rl = (max: number, timeWindow = 60_000) => (limits ? { rateLimit: { max, timeWindow } } : {});
  let verifyChallenge: ReturnType<typeof makeChallengeVerifier> | null = null;
  const verifier = () => {
    verifyChallenge ??= makeChallengeVerifier(secretsOf(state).challengeKey, state.settings.powBits);
    return verifyChallenge;
  };
  const challengeFailed = (check: Exclude<ChallengeCheck, "ok">) =>
    new AppError(403, `challenge_${check}`, CHALLENGE_MESSAGES[check]);

  /* ---------------------------------------------------------------- public */
  app.get("/api/v1/public/submissions/meta", { config: { public: true, ...rl(120) } }, async () =>
    pub.meta(),
  );

  app.get(
    "/api/v1/public/submissions/challenge",
    { config: { public: true, ...rl(60) } },
    async (_req, reply) => {
      reply.header("cache-control", "no-store");
      return issueChallenge(secretsOf(state).challengeKey, state.settings.powBits);
    },
  );

  app.get(
    "/api/v1/public/submissions/places/provinces",
    { config: { public: true, ...rl(120) } },
    async () => ({
      items: await pub.provinces(),
    }),
  );
  app.get(
    "/api/v1/public/submissions/places/communes",
    {
      config: { public: true, ...rl(120) },
      schema: { querystring: z.strictObject({ provinceId: z.coerce.number().int().positive() }) },
    },
    async (req) => ({ items: await pub.communes(req.query.provinceId) }),
  );
  app.get(
    "/api/v1/public/submissions/places/areas",
    {
      config: { public: true, ...rl(120) },
      schema: { querystring: z.strictObject({ communeId: z.coerce.number().int().positive() }) },
    },
    async (req) => ({ items: await pub.areas(req.query.communeId) }),
  );
  app.get(
    "/api/v1/public/warnings",
    {
      config: { public: true, ...rl(120) },
      schema: {
        querystring: z.strictObject({
          provinceId: z.coerce.number().int().positive().optional(),
          communeId: z.coerce.number().int().positive().optional(),
        }),
      },
    },
    async (req) => pub.warnings(req.query),
  );

  app.post(
    "/api/v1/public/submissions",
    {
      bodyLimit: PUBLIC_BODY_LIMIT,
      config: { public: true, ...rl(20) },
      schema: { body: publicSubmissionSchema },
      // the challenge in headers is checked before the body is read: a flood costs one hash per request
      onRequest: async (req) => {
        const token = header(req, "x-challenge-token");
        if (!token) return;
        const check = verifier()(
          token,
          header(req, "x-challenge-solution"),
          header(req, "idempotency-key") ?? "",
        );
        if (check !== "ok") throw challengeFailed(check);
        (req as { challengeOk?: boolean }).challengeOk = true;
      },
    },
    async (req, reply) => {
      const body = req.body;
      const key = header(req, "idempotency-key") ?? body.idempotencyKey;
      if (key && !/^[A-Za-z0-9_-]{16,100}$/.test(key))
        throw new AppError(400, "validation_failed", {
          vi: "Khóa chống gửi trùng không hợp lệ.",
          en: "Invalid idempotency key.",
        });
      if (!(req as { challengeOk?: boolean }).challengeOk) {
        const check = verifier()(body.challenge?.token, body.challenge?.solution, key ?? "");
        if (check !== "ok") throw challengeFailed(check);
      }
      const files = await cleanFiles(body.attachments ?? []);
      const result = await gate(() => pub.submit({ ...body, idempotencyKey: key }, files, req.ip));
      reply.header("cache-control", "no-store");
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );

  app.get(
    "/api/v1/public/submissions/receipt",
    { config: { public: true, ...rl(30) } },
    async (req, reply) => {
      reply.header("cache-control", "no-store");
      return pub.view(header(req, "x-receipt-code"), req.ip);
    },
  );
  app.post(
    "/api/v1/public/submissions/receipt/messages",
    {
      bodyLimit: PUBLIC_BODY_LIMIT,
      config: { public: true, ...rl(20) },
      schema: { body: receiptMessageSchema },
    },
    async (req, reply) => {
      const files = await cleanFiles(req.body.attachments ?? []);
      const result = await gate(() =>
        pub.addMessage(header(req, "x-receipt-code"), req.ip, req.body.body, files),
      );
      return reply.status(201).send(result);
    },
  );
  app.post(
    "/api/v1/public/submissions/receipt/rating",
    { config: { public: true, ...rl(20) }, schema: { body: ratingSchema } },
    async (req) => gate(() => pub.rate(header(req, "x-receipt-code"), req.ip, req.body)),
  );
  app.get(
    "/api/v1/public/submissions/receipt/attachments/:id",
    { config: { public: true, ...rl(30) }, schema: { params: idParams } },
    async (req, reply) =>
      sendFile(reply, await pub.attachment(header(req, "x-receipt-code"), req.ip, req.params.id)),
  );

  /* ---------------------------------------------------------------- officers: lists */
  app.get("/api/v1/submissions", { schema: { querystring: inboxQuerySchema } }, async (req) => {
    const { cursor, limit, ...filter } = req.query;
    return officer.list(actorOf(req), filter, cursor, limit);
  });
  app.get("/api/v1/submissions/counts", { schema: { querystring: inboxFilterSchema } }, async (req) =>
    officer.counts(actorOf(req), req.query),
  );
  app.get(
    "/api/v1/submissions/export.xlsx",
    { schema: { querystring: inboxFilterSchema } },
    async (req, reply) => {
      const rows = await officer.exportRows(actorOf(req), req.query);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Tin báo, phản ánh");
      ws.columns = [
        { header: "Số", key: "ref", width: 18 },
        { header: "Loại", key: "kind", width: 34 },
        { header: "Kênh", key: "channel", width: 18 },
        { header: "Ngày tiếp nhận", key: "receivedOn", width: 14, style: { numFmt: "dd/mm/yyyy" } },
        { header: "Đơn vị xử lý", key: "unit", width: 30 },
        { header: "Địa bàn", key: "place", width: 26 },
        { header: "Tóm tắt", key: "summary", width: 60 },
        { header: "Trạng thái", key: "status", width: 18 },
        { header: "Hạn giải quyết", key: "dueOn", width: 14, style: { numFmt: "dd/mm/yyyy" } },
        { header: "Quá hạn", key: "overdue", width: 9 },
        { header: "Kết quả", key: "outcome", width: 26 },
        { header: "Ẩn danh", key: "anonymous", width: 9 },
      ];
      const asDate = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
      for (const r of rows)
        ws.addRow({
          ref: r.ref,
          kind: r.kindLabel.vi,
          channel: r.channelLabel.vi,
          receivedOn: asDate(r.receivedOn),
          unit: r.unit.name,
          place: r.placeUnit?.name ?? "",
          summary: r.summary,
          status: r.statusLabel.vi,
          dueOn: asDate(r.dueOn),
          overdue: r.overdue ? "Có" : "",
          outcome: r.outcomeLabel?.vi ?? "",
          anonymous: r.anonymous ? "Có" : "",
        });
      ws.getRow(1).font = { bold: true };
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", 'attachment; filename="tin-bao-phan-anh.xlsx"')
        .send(buf);
    },
  );
  app.get(
    "/api/v1/submissions/identity-reveals",
    {
      schema: {
        querystring: z.strictObject({
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (req) => officer.listReveals(actorOf(req), req.query.cursor, req.query.limit),
  );

  /* ---------------------------------------------------------------- officers: intake */
  app.post(
    "/api/v1/submissions",
    { bodyLimit: PUBLIC_BODY_LIMIT, schema: { body: intakeSchema } },
    async (req, reply) => {
      const files = await cleanFiles(req.body.attachments ?? []);
      const result = await officer.intake(actorOf(req), req.body, files);
      reply.header("cache-control", "no-store");
      return reply.status(201).send(result);
    },
  );

  /* ---------------------------------------------------------------- officers: other rooms */
  app.get("/api/v1/submissions/saved-filters", async (req) => admin.savedFilters(actorOf(req)));
  app.post("/api/v1/submissions/saved-filters", { schema: { body: savedFilterSchema } }, async (req, reply) =>
    reply.status(201).send(await admin.saveFilter(actorOf(req), req.body)),
  );
  app.delete(
    "/api/v1/submissions/saved-filters/:id",
    { schema: { params: idParams } },
    async (req, reply) => {
      await admin.deleteFilter(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.get("/api/v1/submissions/templates", async (req) => admin.templates(actorOf(req)));
  app.post("/api/v1/submissions/templates", { schema: { body: templateSchema } }, async (req, reply) =>
    reply.status(201).send(await admin.createTemplate(actorOf(req), req.body)),
  );
  app.get("/api/v1/submissions/notifications", async (req) => admin.notifications(actorOf(req)));
  app.post(
    "/api/v1/submissions/notifications/read",
    { schema: { body: z.strictObject({ id: z.number().int().positive().optional() }) } },
    async (req) => {
      await admin.markRead(actorOf(req), req.body.id ?? "all");
      return { ok: true };
    },
  );
  app.get("/api/v1/submissions/warnings", async (req) => admin.listWarnings(actorOf(req)));
  app.post("/api/v1/submissions/warnings", { schema: { body: warningSchema } }, async (req, reply) =>
    reply.status(201).send(await admin.createWarning(actorOf(req), req.body)),
  );
  app.patch(
    "/api/v1/submissions/warnings/:id",
    { schema: { params: idParams, body: warningPatchSchema } },
    async (req) => admin.updateWarning(actorOf(req), req.params.id, req.body),
  );
  app.get("/api/v1/submissions/rules", async () => admin.listRules());
  app.patch(
    "/api/v1/submissions/rules/:code",
    { schema: { params: z.strictObject({ code: z.string().max(100) }), body: ruleUpdateSchema } },
    async (req) => admin.updateRule(actorOf(req), req.params.code, req.body),
  );
  app.get(
    "/api/v1/submissions/holidays",
    {
      schema: {
        querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      },
    },
    async (req) => admin.listHolidays(req.query.year),
  );
  app.put(
    "/api/v1/submissions/holidays/:day",
    { schema: { params: z.strictObject({ day: z.string().max(10) }), body: holidaySchema } },
    async (req) => {
      if (req.params.day !== req.body.day)
        throw new AppError(400, "validation_failed", {
          vi: "Ngày không khớp.",
          en: "The day does not match.",
        });
      return admin.putHoliday(actorOf(req), req.body);
    },
  );
  app.delete(
    "/api/v1/submissions/holidays/:day",
    { schema: { params: z.strictObject({ day: z.string().max(10) }) } },
    async (req, reply) => {
      await admin.deleteHoliday(actorOf(req), req.params.day);
      return reply.status(204).send();
    },
  );

  /* ---------------------------------------------------------------- officers: one item */
  app.get("/api/v1/submissions/:id", { schema: { params: idParams } }, async (req) =>
    officer.detail(actorOf(req), req.params.id),
  );
  app.get("/api/v1/submissions/:id/assignees", { schema: { params: idParams } }, async (req) => {
    const actor = actorOf(req);
    const scope = await scopeFor(state.deps.db, actor, "submission.read");
    const row = await findItem(state.deps.db, scope, actor, req.params.id);
    if (!row) throw itemNotFound();
    const users = await handlersOf(state.deps.db, row.unit_path, row.concerned_officer_id);
    return { items: users.map((u) => ({ id: u.id, name: u.full_name, rank: u.rank, position: u.position })) };
  });
  app.get("/api/v1/submissions/:id/receipt.docx", { schema: { params: idParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const item = await officer.detail(actor, req.params.id);
    const { unit, creator } = await receiptContext(
      state.deps.db,
      item.placeUnit?.id ?? item.unit.id,
      item.id,
    );
    const receiver = item.events.find((e) => e.kind === "received");
    const documents = item.messages.find(
      (m) => m.visibility === "internal" && m.body.startsWith("Tài liệu, đồ vật giao nộp: "),
    );
    const buf = await receiptDocx({
      ref: item.ref,
      kind: item.kind,
      channel: item.channel,
      unitName: unit.name,
      parentUnitName: unit.parent_name,
      placeName: unit.place_name,
      receivedAt: receiver?.at ?? item.receivedAt,
      officerName: creator?.full_name ?? "",
      officerRank: creator?.rank ?? null,
      officerPosition: creator?.position ?? null,
      anonymous: !item.hasIdentity,
      wantsProtection: item.wantsProtection,
      occurredOn: item.occurredOn,
      placeText: item.placeText,
      content: item.content,
      documents: documents ? documents.body.slice("Tài liệu, đồ vật giao nộp: ".length) : null,
    });
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
      .header("content-disposition", `attachment; filename="bien-ban-tiep-nhan-${item.ref}.docx"`)
      .send(buf);
  });
  app.get(
    "/api/v1/submissions/:id/attachments/:attachmentId",
    { schema: { params: fileParams } },
    async (req, reply) =>
      sendFile(reply, await officer.attachment(actorOf(req), req.params.id, req.params.attachmentId)),
  );
  app.post(
    "/api/v1/submissions/:id/transfer",
    { schema: { params: idParams, body: transferSchema } },
    async (req) => officer.transfer(actorOf(req), req.params.id, req.body),
  );
  app.post(
    "/api/v1/submissions/:id/assign",
    { schema: { params: idParams, body: assignSchema } },
    async (req) => officer.assign(actorOf(req), req.params.id, req.body),
  );
  app.post(
    "/api/v1/submissions/:id/sub-status",
    { schema: { params: idParams, body: subStatusSchema } },
    async (req) => officer.setSubStatus(actorOf(req), req.params.id, req.body),
  );
  app.post(
    "/api/v1/submissions/:id/replies",
    { schema: { params: idParams, body: replySchema } },
    async (req, reply) => reply.status(201).send(await officer.reply(actorOf(req), req.params.id, req.body)),
  );
  app.post(
    "/api/v1/submissions/:id/notes",
    { schema: { params: idParams, body: noteSchema } },
    async (req, reply) => reply.status(201).send(await officer.note(actorOf(req), req.params.id, req.body)),
  );
  app.post(
    "/api/v1/submissions/:id/decisions",
    { schema: { params: idParams, body: decisionSchema } },
    async (req, reply) => reply.status(201).send(await officer.decide(actorOf(req), req.params.id, req.body)),
  );
  app.post(
    "/api/v1/submissions/:id/close",
    { schema: { params: idParams, body: closeSchema } },
    async (req) => officer.close(actorOf(req), req.params.id, req.body),
  );
  app.post(
    "/api/v1/submissions/:id/reopen",
    { schema: { params: idParams, body: reasonSchema } },
    async (req) => officer.reopen(actorOf(req), req.params.id, req.body),
  );
  app.post("/api/v1/submissions/:id/links", { schema: { params: idParams, body: linkSchema } }, async (req) =>
    officer.link(actorOf(req), req.params.id, req.body),
  );
  app.post(
    "/api/v1/submissions/:id/merge",
    { schema: { params: idParams, body: mergeSchema } },
    async (req) => officer.merge(actorOf(req), req.params.id, req.body),
  );
  app.post(
    "/api/v1/submissions/:id/concerned-officer",
    { schema: { params: idParams, body: concernedSchema } },
    async (req) => officer.setConcerned(actorOf(req), req.params.id, req.body),
  );
  app.post(
    "/api/v1/submissions/:id/reveal-identity",
    { schema: { params: idParams, body: revealSchema } },
    async (req, reply) => {
      reply.header("cache-control", "no-store");
      return officer.reveal(actorOf(req), req.params.id, req.body.reason);
    },
  );
}

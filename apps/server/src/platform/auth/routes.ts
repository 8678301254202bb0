import { ROLE_ACTIONS } from "@danvan/shared";
import { profileBody } from "@danvan/shared/schemas/accounts";
import { sql } from "kysely";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../app.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError, notFound } from "../http/errors.ts";
import { assertStrongPassword, dummyHash, hashPassword, verifyPassword } from "./passwords.ts";
import { actorOf, pendingStep } from "./plugin.ts";
import { activeGrants, createSession, SESSION_COOKIE, SESSION_DAYS } from "./sessions.ts";
import { newTotpSecret, totpEnrolment, totpStep } from "./totp.ts";

const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;
const IP_WINDOW_SECONDS = 15 * 60;
const IP_MAX_FAILURES = 30;

const invalidCredentials = () =>
  new AppError(401, "invalid_credentials", {
    vi: "Tên đăng nhập hoặc mật khẩu không đúng.",
    en: "Wrong username or password.",
  });

export function registerAuthRoutes(app: ZodApp, deps: AppDeps) {
  const { db, throttle, vault } = deps;
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "strict" as const,
    secure: deps.config.secureCookies,
    maxAge: SESSION_DAYS * 86_400,
  };

  const me = async (sessionId: string) => {
    const s = await db
      .selectFrom("sessions as s")
      .innerJoin("users as u", "u.id", "s.user_id")
      .innerJoin("org_units as au", (join) =>
        join.on(sql<boolean>`au.id = coalesce(s.acting_unit_id, u.unit_id)`),
      )
      .select([
        "u.id",
        "u.username",
        "u.full_name",
        "u.rank",
        "u.position",
        "u.unit_id",
        "u.email",
        "u.phone",
        "u.locale",
        "u.must_change_password",
        "u.totp_enabled",
        "s.csrf_token",
        "s.second_factor_ok",
        "au.id as acting_unit_id",
        "au.name as acting_unit_name",
      ])
      .where("s.id", "=", sessionId)
      .executeTakeFirstOrThrow();
    const grants = await activeGrants(db, s.id);
    const units = grants.length
      ? await db
          .selectFrom("org_units")
          .select(["id", "name"])
          .where(
            "id",
            "in",
            grants.map((g) => g.unitId),
          )
          .execute()
      : [];
    const roles = [...new Set(grants.map((g) => g.role))];
    const pending = pendingStep({
      mustChangePassword: s.must_change_password,
      totpEnabled: s.totp_enabled,
      secondFactorOk: s.second_factor_ok,
      roles,
    } as never);
    return {
      user: {
        id: s.id,
        username: s.username,
        fullName: s.full_name,
        rank: s.rank,
        position: s.position,
        unitId: s.unit_id,
        email: s.email,
        phone: s.phone,
        locale: s.locale,
        totpEnabled: s.totp_enabled,
      },
      actingUnit: { id: s.acting_unit_id, name: s.acting_unit_name },
      grants: grants.map((g) => ({
        role: g.role,
        unitId: g.unitId,
        unitName: units.find((u) => u.id === g.unitId)?.name ?? "",
      })),
      actions: [...new Set(roles.flatMap((r) => [...ROLE_ACTIONS[r]]))].sort(),
      pending,
      csrfToken: s.csrf_token,
    };
  };

  app.post(
    "/api/v1/auth/sign-in",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        summary: "Sign in with username and password",
        body: z.strictObject({
          username: z.string().trim().min(1).max(100),
          password: z.string().min(1).max(200),
        }),
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const ip = request.ip;
      if ((await throttle.count(db, "sign-in-ip", ip, IP_WINDOW_SECONDS)) >= IP_MAX_FAILURES) {
        throw new AppError(429, "too_many_attempts", {
          vi: "Quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau 15 phút.",
          en: "Too many failed sign-ins from this address. Try again in 15 minutes.",
        });
      }
      const user = await db
        .selectFrom("users")
        .selectAll()
        .where("username", "=", username)
        .executeTakeFirst();
      if (user?.status !== "active") {
        await verifyPassword(await dummyHash(), password);
        await throttle.hit(db, "sign-in-ip", ip);
        throw invalidCredentials();
      }
      if (user.locked_until && Date.parse(user.locked_until) > Date.now()) {
        const until = new Date(user.locked_until).toLocaleTimeString("vi-VN", {
          timeZone: "Asia/Ho_Chi_Minh",
          hour: "2-digit",
          minute: "2-digit",
        });
        throw new AppError(
          423,
          "account_locked",
          {
            vi: `Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau ${until}.`,
            en: `The account is locked after repeated failed sign-ins. Try again after ${until} (Vietnam time).`,
          },
          { lockedUntil: user.locked_until },
        );
      }
      if (!(await verifyPassword(user.password_hash, password))) {
        const lock = await db.transaction().execute(async (trx) => {
          // one atomic step, so parallel attempts cannot slip past the limit
          const counted = await trx
            .updateTable("users")
            .set({
              failed_sign_ins: sql<number>`case when failed_sign_ins + 1 >= ${MAX_FAILURES} then 0 else failed_sign_ins + 1 end`,
              locked_until: sql<string>`case when failed_sign_ins + 1 >= ${MAX_FAILURES}
                then now() + make_interval(mins => ${LOCK_MINUTES}) else locked_until end`,
            })
            .where("id", "=", user.id)
            .returning(sql<boolean>`locked_until is not null and locked_until > now()`.as("locked"))
            .executeTakeFirstOrThrow();
          const locked = counted.locked;
          await throttle.hit(trx, "sign-in-ip", ip);
          await recordAudit(
            trx,
            { kind: "system" },
            {
              action: locked ? "auth.account_locked" : "auth.sign_in_failed",
              targetType: "user",
              targetId: user.id,
              unitId: user.unit_id,
            },
          );
          return locked;
        });
        if (lock) {
          throw new AppError(423, "account_locked", {
            vi: `Đăng nhập sai ${MAX_FAILURES} lần: tài khoản bị tạm khóa ${LOCK_MINUTES} phút.`,
            en: `${MAX_FAILURES} failed sign-ins: the account is locked for ${LOCK_MINUTES} minutes.`,
          });
        }
        throw invalidCredentials();
      }
      const session = await db.transaction().execute(async (trx) => {
        const unlocked = await trx
          .updateTable("users")
          .set({ failed_sign_ins: 0, locked_until: null })
          .where("id", "=", user.id)
          // a parallel attempt may have locked the account since it was read
          .where((eb) =>
            eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", sql<string>`now()`)]),
          )
          .returning("id")
          .executeTakeFirst();
        if (!unlocked)
          throw new AppError(423, "account_locked", {
            vi: `Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau ${LOCK_MINUTES} phút.`,
            en: `The account is locked after repeated failed sign-ins. Try again in ${LOCK_MINUTES} minutes.`,
          });
        const created = await createSession(trx, user.id, user.unit_id, false, request.headers["user-agent"]);
        await recordAudit(
          trx,
          { userId: user.id, username: user.username, actingUnitId: user.unit_id, ip } as never,
          {
            action: "auth.sign_in",
            targetType: "user",
            targetId: user.id,
            unitId: user.unit_id,
          },
        );
        return created;
      });
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
      return me(session.sessionId);
    },
  );

  app.get(
    "/api/v1/auth/me",
    { config: { allowPending: true, beforeSecondFactor: true }, schema: { tags: ["auth"] } },
    async (request) => me(actorOf(request).sessionId),
  );

  app.post(
    "/api/v1/auth/sign-out",
    { config: { allowPending: true, beforeSecondFactor: true }, schema: { tags: ["auth"] } },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("sessions")
          .set({ revoked_at: sql<string>`now()` })
          .where("id", "=", actor.sessionId)
          .execute();
        await recordAudit(trx, actor, {
          action: "auth.sign_out",
          targetType: "user",
          targetId: actor.userId,
          unitId: actor.unitId,
        });
      });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true };
    },
  );

  app.post(
    "/api/v1/auth/password",
    {
      config: { allowPending: true },
      schema: {
        tags: ["auth"],
        body: z.strictObject({
          currentPassword: z.string().min(1).max(200),
          newPassword: z.string().min(1).max(200),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await db
        .selectFrom("users")
        .selectAll()
        .where("id", "=", actor.userId)
        .executeTakeFirstOrThrow();
      if (!(await verifyPassword(user.password_hash, request.body.currentPassword))) {
        throw new AppError(400, "wrong_current_password", {
          vi: "Mật khẩu hiện tại không đúng.",
          en: "The current password is wrong.",
        });
      }
      assertStrongPassword(request.body.newPassword, user.username);
      if (request.body.newPassword === request.body.currentPassword) {
        throw new AppError(400, "same_password", {
          vi: "Mật khẩu mới phải khác mật khẩu cũ.",
          en: "The new password must differ from the old one.",
        });
      }
      const passwordHash = await hashPassword(request.body.newPassword);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("users")
          .set({ password_hash: passwordHash, must_change_password: false, updated_at: sql<string>`now()` })
          .where("id", "=", actor.userId)
          .execute();
        // other sessions of this user end: a changed password locks out whoever else held it
        await trx
          .updateTable("sessions")
          .set({ revoked_at: sql<string>`now()` })
          .where("user_id", "=", actor.userId)
          .where("id", "<>", actor.sessionId)
          .where("revoked_at", "is", null)
          .execute();
        await recordAudit(trx, actor, {
          action: "auth.password_changed",
          targetType: "user",
          targetId: actor.userId,
          unitId: actor.unitId,
        });
      });
      return me(actor.sessionId);
    },
  );

  app.post(
    "/api/v1/auth/second-factor/setup",
    { config: { allowPending: true }, schema: { tags: ["auth"] } },
    async (request) => {
      const actor = actorOf(request);
      const user = await db
        .selectFrom("users")
        .select(["totp_enabled"])
        .where("id", "=", actor.userId)
        .executeTakeFirstOrThrow();
      if (user.totp_enabled)
        throw new AppError(409, "second_factor_already_enabled", {
          vi: "Xác thực hai lớp đã được bật.",
          en: "The second factor is already enabled.",
        });
      const secret = newTotpSecret();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("users")
          .set({ totp_secret_sealed: vault.seal(secret) })
          .where("id", "=", actor.userId)
          .execute();
        await recordAudit(trx, actor, {
          action: "auth.second_factor_setup",
          targetType: "user",
          targetId: actor.userId,
          unitId: actor.unitId,
        });
      });
      return totpEnrolment(secret, actor.username);
    },
  );

  const codeBody = z.strictObject({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "6 digits"),
  });
  const wrongCode = () =>
    new AppError(400, "wrong_code", { vi: "Mã xác thực không đúng.", en: "Wrong code." });
  const refuseWhenThrottled = async (userId: number) => {
    if ((await throttle.count(db, "second-factor", `user:${userId}`, 15 * 60)) >= 10) {
      throw new AppError(429, "too_many_attempts", {
        vi: "Quá nhiều lần nhập sai mã. Thử lại sau 15 phút.",
        en: "Too many wrong codes. Try again in 15 minutes.",
      });
    }
  };

  app.post(
    "/api/v1/auth/second-factor/enable",
    { config: { allowPending: true }, schema: { tags: ["auth"], body: codeBody } },
    async (request) => {
      const actor = actorOf(request);
      await refuseWhenThrottled(actor.userId);
      const user = await db
        .selectFrom("users")
        .select(["totp_secret_sealed", "totp_enabled"])
        .where("id", "=", actor.userId)
        .executeTakeFirstOrThrow();
      if (user.totp_enabled)
        throw new AppError(409, "second_factor_already_enabled", {
          vi: "Xác thực hai lớp đã được bật.",
          en: "The second factor is already enabled.",
        });
      const step = user.totp_secret_sealed
        ? totpStep(vault.unseal(user.totp_secret_sealed), request.body.code)
        : null;
      if (step === null) {
        await throttle.hit(db, "second-factor", `user:${actor.userId}`);
        throw wrongCode();
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("users")
          .set({ totp_enabled: true, totp_last_counter: step })
          .where("id", "=", actor.userId)
          .execute();
        await trx
          .updateTable("sessions")
          .set({ second_factor_ok: true })
          .where("id", "=", actor.sessionId)
          .execute();
        await recordAudit(trx, actor, {
          action: "auth.second_factor_enabled",
          targetType: "user",
          targetId: actor.userId,
          unitId: actor.unitId,
        });
      });
      return me(actor.sessionId);
    },
  );

  app.post(
    "/api/v1/auth/second-factor/verify",
    { config: { allowPending: true, beforeSecondFactor: true }, schema: { tags: ["auth"], body: codeBody } },
    async (request) => {
      const actor = actorOf(request);
      const key = `user:${actor.userId}`;
      await refuseWhenThrottled(actor.userId);
      const user = await db
        .selectFrom("users")
        .select(["totp_secret_sealed", "totp_enabled"])
        .where("id", "=", actor.userId)
        .executeTakeFirstOrThrow();
      const step =
        user.totp_enabled && user.totp_secret_sealed
          ? totpStep(vault.unseal(user.totp_secret_sealed), request.body.code)
          : null;
      if (step === null) {
        await throttle.hit(db, "second-factor", key);
        throw wrongCode();
      }
      const accepted = await db.transaction().execute(async (trx) => {
        // each code is accepted once: the step must be newer than the last accepted one
        const fresh = await trx
          .updateTable("users")
          .set({ totp_last_counter: step })
          .where("id", "=", actor.userId)
          .where((eb) => eb.or([eb("totp_last_counter", "is", null), eb("totp_last_counter", "<", step)]))
          .returning("id")
          .executeTakeFirst();
        if (!fresh) return false;
        await trx
          .updateTable("sessions")
          .set({ second_factor_ok: true })
          .where("id", "=", actor.sessionId)
          .execute();
        await recordAudit(trx, actor, {
          action: "auth.second_factor_ok",
          targetType: "user",
          targetId: actor.userId,
          unitId: actor.unitId,
        });
        return true;
      });
      if (!accepted) {
        await throttle.hit(db, "second-factor", key);
        throw new AppError(400, "code_already_used", {
          vi: "Mã này đã được dùng. Hãy chờ mã mới trên ứng dụng xác thực.",
          en: "This code was already used. Wait for the next code in your authenticator app.",
        });
      }
      return me(actor.sessionId);
    },
  );

  app.get(
    "/api/v1/auth/sessions",
    { config: { allowPending: true }, schema: { tags: ["auth"] } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await db
        .selectFrom("sessions")
        .select(["id", "user_agent", "created_at", "last_seen_at", "expires_at"])
        .where("user_id", "=", actor.userId)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", sql<string>`now()`)
        .orderBy("last_seen_at", "desc")
        .execute();
      // the session id is a hash of the cookie; expose only a short handle of it
      return {
        items: rows.map((r) => ({
          id: r.id.slice(0, 16),
          userAgent: r.user_agent,
          createdAt: r.created_at,
          lastSeenAt: r.last_seen_at,
          expiresAt: r.expires_at,
          current: r.id === actor.sessionId,
        })),
      };
    },
  );

  app.delete(
    "/api/v1/auth/sessions/:id",
    {
      config: { allowPending: true },
      schema: { tags: ["auth"], params: z.strictObject({ id: z.string().regex(/^[0-9a-f]{16}$/) }) },
    },
    async (request) => {
      const actor = actorOf(request);
      const revoked = await db.transaction().execute(async (trx) => {
        const rows = await trx
          .updateTable("sessions")
          .set({ revoked_at: sql<string>`now()` })
          .where("user_id", "=", actor.userId)
          .where(sql<boolean>`left(id, 16) = ${request.params.id}`)
          .where("revoked_at", "is", null)
          .returning("id")
          .execute();
        if (rows.length)
          await recordAudit(trx, actor, {
            action: "auth.session_revoked",
            targetType: "user",
            targetId: actor.userId,
            unitId: actor.unitId,
          });
        return rows.length;
      });
      if (!revoked) throw notFound({ vi: "phiên đăng nhập", en: "session" });
      return { ok: true };
    },
  );

  app.put(
    "/api/v1/auth/acting-unit",
    { schema: { tags: ["auth"], body: z.strictObject({ unitId: z.number().int().positive() }) } },
    async (request) => {
      const actor = actorOf(request);
      const grant = actor.grants.find((g) => g.unitId === request.body.unitId);
      if (!grant) throw notFound({ vi: "đơn vị", en: "unit" });
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("sessions")
          .set({ acting_unit_id: grant.unitId })
          .where("id", "=", actor.sessionId)
          .execute();
        await recordAudit(trx, actor, {
          action: "auth.acting_unit_changed",
          targetType: "user",
          targetId: actor.userId,
          unitId: grant.unitId,
          before: { actingUnitId: actor.actingUnitId },
          after: { actingUnitId: grant.unitId },
        });
      });
      return me(actor.sessionId);
    },
  );

  app.patch(
    "/api/v1/auth/profile",
    {
      config: { allowPending: true },
      schema: { tags: ["auth"], summary: "Update one's own contact details and language", body: profileBody },
    },
    async (request) => {
      const actor = actorOf(request);
      const body = request.body;
      await db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom("users")
          .select(["email", "phone", "locale"])
          .where("id", "=", actor.userId)
          .executeTakeFirstOrThrow();
        const changes = {
          ...(body.email !== undefined ? { email: body.email } : {}),
          ...(body.phone !== undefined ? { phone: body.phone } : {}),
          ...(body.locale !== undefined ? { locale: body.locale } : {}),
        };
        const changed = Object.entries(changes).filter(([k, v]) => before[k as keyof typeof before] !== v);
        if (changed.length === 0) return;
        await trx
          .updateTable("users")
          .set({ ...changes, updated_at: sql<string>`now()` })
          .where("id", "=", actor.userId)
          .execute();
        await recordAudit(trx, actor, {
          action: "auth.profile_updated",
          targetType: "user",
          targetId: actor.userId,
          unitId: actor.unitId,
          before: Object.fromEntries(changed.map(([k]) => [k, before[k as keyof typeof before]])),
          after: Object.fromEntries(changed),
        });
      });
      return me(actor.sessionId);
    },
  );
}

import { ROLES_REQUIRING_2FA, type Role } from "@danvan/shared";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../authz/actor.ts";
import { AppError, unauthenticated } from "../http/errors.ts";
import { type LoadedSession, loadSession, SESSION_COOKIE } from "./sessions.ts";

declare module "fastify" {
  interface FastifyRequest {
    session: LoadedSession | null;
  }
  interface FastifyContextConfig {
    /** Open to everyone (citizen pages, sign-in, health). */
    public?: boolean;
    /** Reachable while a password change or second-factor step is pending (the auth routes). */
    allowPending?: boolean;
    /**
     * Reachable after the password but before the second-factor code (me, sign-out, verify): a stolen
     * password alone must not change the password or contacts, nor end the owner's sessions.
     */
    beforeSecondFactor?: boolean;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const pendingStep = (
  s: LoadedSession,
): "password_change" | "second_factor" | "second_factor_enrolment" | null => {
  if (s.mustChangePassword) return "password_change";
  if (s.totpEnabled && !s.secondFactorOk) return "second_factor";
  if (!s.totpEnabled && s.roles.some((r: Role) => ROLES_REQUIRING_2FA.includes(r)))
    return "second_factor_enrolment";
  return null;
};

const PENDING_MESSAGES = {
  password_change: {
    vi: "Bạn cần đổi mật khẩu trước khi tiếp tục.",
    en: "Change your password before continuing.",
  },
  second_factor: { vi: "Bạn cần nhập mã xác thực hai lớp.", en: "Enter your second-factor code." },
  second_factor_enrolment: {
    vi: "Vai trò của bạn bắt buộc xác thực hai lớp: hãy đăng ký ứng dụng xác thực.",
    en: "Your role requires a second factor: enrol an authenticator app.",
  },
};

/**
 * Loads the session from its cookie on every API request, enforces sign-in, pending steps and CSRF
 * (a header that must match the session's token on every state-changing request).
 */
export function registerAuthHooks(app: FastifyInstance, db: Db) {
  app.decorateRequest("session", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await loadSession(db, token, request.ip) : null;
    const config = request.routeOptions.config;
    // unmatched routes fall through to the 404 handler
    if (config?.public || !request.routeOptions.url?.startsWith("/api/")) return;
    const session = request.session;
    if (!session) throw unauthenticated();
    if (!SAFE_METHODS.has(request.method) && request.headers["x-csrf-token"] !== session.csrfToken) {
      throw new AppError(403, "csrf_failed", {
        vi: "Phiên làm việc không hợp lệ, vui lòng tải lại trang.",
        en: "Invalid request token; reload the page.",
      });
    }
    const pending = pendingStep(session);
    if (pending && (!config?.allowPending || (pending === "second_factor" && !config.beforeSecondFactor)))
      throw new AppError(403, `${pending}_required`, PENDING_MESSAGES[pending]);
  });
}

/** The signed-in actor of a protected route (hooks guarantee it exists). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw unauthenticated();
  return request.session.actor;
}

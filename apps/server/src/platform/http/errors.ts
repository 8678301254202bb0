import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

/** A message in both interface languages. */
export interface Bilingual {
  vi: string;
  en: string;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * An error the client can act on. Serialised as RFC 9457 problem+json with a stable `code`
 * and the message in Vietnamese and English.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Bilingual,
    readonly details?: { errors?: FieldProblem[]; [key: string]: unknown },
  ) {
    super(messages.en);
  }
}

export const notFound = (what: Bilingual = { vi: "bản ghi", en: "record" }) =>
  new AppError(404, "not_found", { vi: `Không tìm thấy ${what.vi}.`, en: `The ${what.en} was not found.` });

export const forbidden = (
  messages: Bilingual = {
    vi: "Bạn không có quyền thực hiện thao tác này.",
    en: "You are not allowed to do this.",
  },
) => new AppError(403, "forbidden", messages);

export const conflict = (code: string, messages: Bilingual) => new AppError(409, code, messages);

export const badRequest = (code: string, messages: Bilingual, details?: AppError["details"]) =>
  new AppError(400, code, messages, details);

export const unauthenticated = () =>
  new AppError(401, "unauthenticated", { vi: "Bạn cần đăng nhập.", en: "You need to sign in." });

function send(reply: FastifyReply, request: FastifyRequest, err: AppError) {
  const body = {
    type: `https://danvan.invalid/problems/${err.code}`,
    title: err.messages.en,
    status: err.status,
    code: err.code,
    detail: err.messages.vi,
    messages: err.messages,
    instance: request.url.split("?")[0],
    ...err.details,
  };
  if (typeof err.details?.retryAfterSeconds === "number")
    reply.header("retry-after", String(err.details.retryAfterSeconds));
  return reply.status(err.status).type("application/problem+json").send(body);
}

const BUILTIN: Record<string, [number, string, Bilingual]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [
    413,
    "body_too_large",
    { vi: "Dữ liệu gửi lên quá lớn.", en: "The request body is too large." },
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    "unsupported_media_type",
    { vi: "Kiểu dữ liệu không được hỗ trợ.", en: "Unsupported content type." },
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    400,
    "malformed_json",
    { vi: "Thiếu nội dung JSON.", en: "The JSON body is empty." },
  ],
  FST_ERR_CTP_INVALID_JSON_BODY: [
    400,
    "malformed_json",
    { vi: "Nội dung JSON không hợp lệ.", en: "The JSON body is malformed." },
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    "malformed_request",
    { vi: "Độ dài nội dung không hợp lệ.", en: "Invalid content length." },
  ],
  FST_REQ_FILE_TOO_LARGE: [
    413,
    "file_too_large",
    { vi: "Tệp đính kèm quá lớn.", en: "The attached file is too large." },
  ],
  FST_FILES_LIMIT: [413, "too_many_files", { vi: "Quá nhiều tệp đính kèm.", en: "Too many files." }],
  FST_ERR_RATE_LIMIT: [
    429,
    "rate_limited",
    { vi: "Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau.", en: "Too many requests; try again later." },
  ],
};

/** Turns every error into problem+json; never leaks internals or request data into the response. */
export function registerErrorHandler(app: FastifyInstance, hasWebApp = false) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return send(reply, request, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        path: `${error.validationContext ?? "body"}${v.instancePath.replaceAll("/", ".")}`,
        message: v.message ?? "invalid",
      }));
      return send(
        reply,
        request,
        badRequest(
          "validation_failed",
          {
            vi: "Dữ liệu không hợp lệ, vui lòng kiểm tra các trường được đánh dấu.",
            en: "The request is invalid; check the listed fields.",
          },
          { errors },
        ),
      );
    }
    if (error.code === "FST_ERR_VALIDATION" || (error as { validation?: unknown }).validation) {
      return send(
        reply,
        request,
        badRequest("validation_failed", { vi: "Dữ liệu không hợp lệ.", en: "The request is invalid." }),
      );
    }
    const builtin =
      BUILTIN[error.code] ?? (error.statusCode === 429 ? BUILTIN.FST_ERR_RATE_LIMIT : undefined);
    if (builtin) return send(reply, request, new AppError(builtin[0], builtin[1], builtin[2]));
    if (error.statusCode && error.statusCode < 500) {
      return send(
        reply,
        request,
        badRequest("bad_request", { vi: "Yêu cầu không hợp lệ.", en: "Bad request." }),
      );
    }
    request.log.error(
      { err: { message: error.message, code: error.code, stack: error.stack } },
      "unhandled error",
    );
    return send(
      reply,
      request,
      new AppError(500, "internal", {
        vi: "Lỗi hệ thống, vui lòng thử lại.",
        en: "Internal error; please try again.",
      }),
    );
  });
  app.setNotFoundHandler((request, reply) => {
    // the web app routes on the client: a page address (no file extension) outside /api gets its page
    const path = request.url.split("?")[0];
    if (
      request.method === "GET" &&
      !path.startsWith("/api/") &&
      !/\.[a-z0-9]+$/i.test(path) &&
      "sendFile" in reply &&
      hasWebApp
    ) {
      return reply.sendFile("index.html");
    }
    return send(
      reply,
      request,
      new AppError(404, "route_not_found", { vi: "Không có địa chỉ này.", en: "No such route." }),
    );
  });
}

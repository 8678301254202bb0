/**
 * The one way the web app talks to the server: JSON over fetch, same-origin cookies, the session's
 * CSRF token on every state-changing request, and problem+json turned into an ApiError.
 */

export interface Bilingual {
  vi: string;
  en: string;
}

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: Bilingual;
  readonly errors: FieldError[];
  /** the whole problem document (extra members such as `lockedUntil`) */
  readonly body: Record<string, unknown>;

  constructor(status: number, code: string, messages: Bilingual, errors: FieldError[] = [], body = {}) {
    super(messages.en);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.messages = messages;
    this.errors = errors;
    this.body = body;
  }

  text(lang: "vi" | "en"): string {
    return this.messages[lang] || this.messages.vi || this.messages.en;
  }
}

const FALLBACK: Record<string, Bilingual> = {
  network: {
    vi: "Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.",
    en: "Cannot reach the server. Check the network and try again.",
  },
  unexpected: {
    vi: "Máy chủ trả lời không như mong đợi, vui lòng thử lại.",
    en: "The server answered unexpectedly; please try again.",
  },
};

let csrfToken: string | null = null;
/** Set from every Me the server returns (sign-in, /auth/me, password change, ...). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}
export function getCsrfToken() {
  return csrfToken;
}

type AuthListener = (error: ApiError) => void;
let authListener: AuthListener | null = null;
/** Called when the server says the session is gone (401) or a sign-in step is pending (403 *_required). */
export function onAuthProblem(listener: AuthListener | null) {
  authListener = listener;
}

export type Query = Record<string, string | number | boolean | null | undefined | Array<string | number>>;

/** Builds `?a=1&b=2`, leaving out empty values. */
export function queryString(query?: Query): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** Reads a problem+json (or any error) response into an ApiError. */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // not JSON: keep the generic message
  }
  return problemToError(response.status, body);
}

export function problemToError(status: number, body: Record<string, unknown>): ApiError {
  const code = typeof body.code === "string" ? body.code : status === 0 ? "network" : "unexpected";
  const raw = body.messages as Partial<Bilingual> | undefined;
  const messages: Bilingual =
    raw && typeof raw.vi === "string"
      ? { vi: raw.vi, en: typeof raw.en === "string" ? raw.en : raw.vi }
      : typeof body.detail === "string"
        ? { vi: body.detail, en: typeof body.title === "string" ? body.title : body.detail }
        : (FALLBACK[code] ?? FALLBACK.unexpected);
  const errors = Array.isArray(body.errors)
    ? (body.errors as FieldError[]).filter((e) => e && typeof e.path === "string")
    : [];
  return new ApiError(status, code, messages, errors, body);
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

const SAFE = new Set(["GET", "HEAD"]);

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  if (!SAFE.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path + queryString(options.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === "AbortError") throw e;
    throw new ApiError(0, "network", FALLBACK.network);
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 || (error.status === 403 && error.code.endsWith("_required")))
      authListener?.(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>("GET", path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, { body: body ?? {} }),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

/**
 * Uploads a file as multipart (field `file`) with progress, which fetch cannot report.
 * Resolves with the JSON answer; rejects with an ApiError.
 */
export function upload<T>(
  path: string,
  file: File,
  onProgress: (percent: number) => void,
  field = "file",
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.withCredentials = true;
    xhr.setRequestHeader("accept", "application/json");
    if (csrfToken) xhr.setRequestHeader("x-csrf-token", csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, "network", FALLBACK.network));
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText || "{}");
      } catch {
        // keep empty
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(body as T);
      } else {
        const error = problemToError(xhr.status, body);
        if (error.status === 401) authListener?.(error);
        reject(error);
      }
    };
    const form = new FormData();
    form.append(field, file);
    xhr.send(form);
  });
}

/** Form field name for a server field error path ("body.unitId" → ["unitId"], "body.into.0.name" → ["into", 0, "name"]). */
export function fieldName(path: string): Array<string | number> {
  const parts = path.split(".").filter(Boolean);
  if (parts[0] === "body" || parts[0] === "querystring" || parts[0] === "params") parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

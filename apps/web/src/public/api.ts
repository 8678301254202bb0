/** Fetch helpers of the public page (no session, no CSRF: these routes are public). */
export interface Problem {
  status: number;
  code: string;
  messages: { vi: string; en: string };
  errors?: Array<{ path: string; message: string }>;
}

export class PublicError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.messages.en);
  }
}

export async function request<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    throw new PublicError({ status: 0, code: "network", messages: { vi: "", en: "" } });
  }
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok)
    throw new PublicError(
      json?.code
        ? json
        : {
            status: res.status,
            code: "unexpected",
            messages: { vi: "Lỗi máy chủ, vui lòng thử lại.", en: "Server error; please try again." },
          },
    );
  return json as T;
}

export const fileToBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",")[1] ?? "");
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

export function newKey(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

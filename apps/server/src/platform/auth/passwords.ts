import { randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { badRequest } from "../http/errors.ts";

/** argon2id with the library's defaults (19 MiB, t=2): OWASP's minimum profile, ~25 ms off the event loop. */
export const hashPassword = (plain: string) => hash(plain);
export const verifyPassword = (hashed: string, plain: string) => verify(hashed, plain).catch(() => false);

// A hash of a random string: verifying against it costs the same as a real account (no user enumeration by timing).
let dummy: Promise<string> | undefined;
export const dummyHash = () => {
  dummy ??= hash("danvan-no-such-user");
  return dummy;
};

const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export function generatePassword(length = 14): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export function assertStrongPassword(password: string, username?: string) {
  const problems: string[] = [];
  if (password.length < 10) problems.push("length");
  if (!/[a-zA-ZÀ-ỹ]/.test(password) || !/\d/.test(password)) problems.push("mix");
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push("username");
  if (problems.length)
    throw badRequest(
      "weak_password",
      {
        vi: "Mật khẩu phải có ít nhất 10 ký tự, gồm cả chữ và số, và không chứa tên đăng nhập.",
        en: "The password needs at least 10 characters, letters and digits, and must not contain the username.",
      },
      { errors: [{ path: "body.newPassword", message: problems.join(",") }] },
    );
}

import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import type { Db } from "../../db/client.ts";
import type { Vault } from "../../platform/vault/vault.ts";

/*
 * Receipt codes, idempotency boxes and the self-hosted challenge. The module's key is random, kept in
 * app_settings sealed with the vault key (which is never in the database): the database alone can
 * neither recompute a code's hash nor open an idempotency box.
 */

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 80 random bits as 16 Crockford base32 characters, in 4 groups of 4 for reading aloud. */
export function newReceiptCode(): string {
  let out = "";
  // five bits at a time, most significant first (plain numbers: this runs on every submission)
  let acc = 0;
  let bits = 0;
  for (const b of randomBytes(10)) {
    acc = ((acc << 8) | b) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD[(acc >> bits) & 31];
    }
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12)}`;
}

/** Accepts lower case, spaces and hyphens, and the look-alikes Crockford allows (O→0, I/L→1). */
export function normalizeReceiptCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (s.length !== 16) return null;
  for (const c of s) if (!CROCKFORD.includes(c)) return null;
  return s;
}

export interface ModuleSecrets {
  codeHash(normalizedCode: string): string;
  idemHash(key: string): string;
  sealWithIdem(key: string, code: string): string;
  openWithIdem(key: string, box: string): string | null;
  challengeKey: Buffer;
}

const SETTING_PREFIX = "submissions.key.";

/**
 * Loads the module key sealed with this vault, creating it on first use. Keys sealed with another vault
 * key (a test run's random vault) are skipped, so each vault gets its own.
 */
export async function loadModuleSecrets(db: Db, vault: Vault): Promise<ModuleSecrets> {
  const rows = await db
    .selectFrom("app_settings")
    .select(["key", "value"])
    .where("key", "like", `${SETTING_PREFIX}%`)
    .execute();
  let key: Buffer | null = null;
  for (const row of rows) {
    try {
      key = Buffer.from(vault.unseal(String(row.value)), "base64");
      break;
    } catch {
      /* sealed with another vault key */
    }
  }
  if (!key) {
    key = randomBytes(32);
    await db
      .insertInto("app_settings")
      .values({
        key: `${SETTING_PREFIX}${randomBytes(6).toString("hex")}`,
        value: JSON.stringify(vault.seal(key.toString("base64"))),
      })
      .execute();
  }
  return makeSecrets(key);
}

export function makeSecrets(key: Buffer): ModuleSecrets {
  const derive = (label: string) => createHmac("sha256", key).update(label).digest();
  const codeKey = derive("receipt-code");
  const idemKey = derive("idempotency");
  const boxKey = derive("idempotency-box");
  const boxKeyFor = (k: string) => createHmac("sha256", boxKey).update(k).digest();
  return {
    codeHash: (code) => createHmac("sha256", codeKey).update(code).digest("base64url"),
    idemHash: (k) => createHmac("sha256", idemKey).update(k).digest("base64url"),
    sealWithIdem(k, code) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", boxKeyFor(k), iv);
      const data = Buffer.concat([cipher.update(code, "utf8"), cipher.final()]);
      return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
    },
    openWithIdem(k, box) {
      try {
        const [iv, tag, data] = box.split(".").map((p) => Buffer.from(p, "base64url"));
        const decipher = createDecipheriv("aes-256-gcm", boxKeyFor(k), iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
      } catch {
        return null;
      }
    },
    challengeKey: derive("challenge"),
  };
}

/*
 * Proof of work (no third-party service): the server hands out a signed token "v1.<expires>.<nonce>.<bits>.<mac>";
 * the browser finds a counter such that sha256(token + ":" + counter) starts with `bits` zero bits.
 * Checking costs one hash and one HMAC, before any database work. A solved token is accepted once.
 */
export interface Challenge {
  token: string;
  bits: number;
  expiresAt: string;
}

export function issueChallenge(key: Buffer, bits: number, ttlSeconds = 600, now = Date.now()): Challenge {
  const expires = Math.floor(now / 1000) + ttlSeconds;
  const body = `v1.${expires}.${randomBytes(12).toString("base64url")}.${bits}`;
  const mac = createHmac("sha256", key).update(body).digest("base64url").slice(0, 22);
  return { token: `${body}.${mac}`, bits, expiresAt: new Date(expires * 1000).toISOString() };
}

export function leadingZeroBits(buf: Buffer): number {
  let n = 0;
  for (const b of buf) {
    if (b === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(b) - 24;
  }
  return n;
}

export function solveChallenge(token: string, bits: number): string {
  for (let i = 0; ; i++) {
    if (leadingZeroBits(createHash("sha256").update(`${token}:${i}`).digest()) >= bits) return String(i);
  }
}

export type ChallengeCheck = "ok" | "invalid" | "expired" | "replayed" | "insufficient";

/**
 * Remembers solved tokens until they expire, so each is used once (per server process); a retry of the
 * same request (same idempotency key) may present its token again.
 */
export function makeChallengeVerifier(key: Buffer, minBits: number) {
  const used = new Map<string, { expires: number; tag: string }>();
  let sweepAt = 0;
  return (
    token: string | undefined,
    solution: string | undefined,
    tag = "",
    now = Date.now(),
  ): ChallengeCheck => {
    if (minBits <= 0) return "ok";
    if (!token || !solution || token.length > 200 || solution.length > 20) return "invalid";
    const parts = token.split(".");
    if (parts.length !== 5 || parts[0] !== "v1") return "invalid";
    const body = parts.slice(0, 4).join(".");
    const expected = createHmac("sha256", key).update(body).digest("base64url").slice(0, 22);
    const given = Buffer.from(parts[4]);
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) return "invalid";
    const expires = Number(parts[1]) * 1000;
    if (!(expires > now)) return "expired";
    const bits = Number(parts[3]);
    if (!(bits >= minBits)) return "insufficient";
    if (leadingZeroBits(createHash("sha256").update(`${token}:${solution}`).digest()) < bits)
      return "insufficient";
    if (now > sweepAt) {
      for (const [t, u] of used) if (u.expires <= now) used.delete(t);
      sweepAt = now + 60_000;
    }
    const seen = used.get(token);
    if (seen) return seen.tag && seen.tag === tag ? "ok" : "replayed";
    used.set(token, { expires, tag });
    return "ok";
  };
}

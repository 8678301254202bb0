import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

const make = (secret: string, label = "danvan") =>
  new TOTP({
    issuer: "danvan",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function totpEnrolment(secret: string, username: string) {
  const uri = make(secret, username).toString();
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri) };
}

/** Accepts the current code and one period either side (clock drift). */
export function checkTotp(secret: string, code: string): boolean {
  return make(secret).validate({ token: code.replace(/\s/g, ""), window: 1 }) !== null;
}

export function totpNow(secret: string): string {
  return make(secret).generate();
}

/**
 * The time step of an accepted code (current step ± one), or null. Callers store the last accepted
 * step and refuse a code whose step is not newer, so a code cannot be replayed (RFC 6238 §5.2).
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = make(secret).validate({ token: code.replace(/\s/g, ""), timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / 30) + delta;
}

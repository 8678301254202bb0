import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Sealed fields (informant identity, second-factor secrets): AES-256-GCM with a key that is never
 * stored in the database. The key comes from DANVAN_VAULT_KEY or a key file in the data directory.
 * A sealed value is "v1.<iv>.<tag>.<ciphertext>" in base64url.
 */
export interface Vault {
  seal(plain: string): string;
  unseal(sealed: string): string;
}

export function makeVault(key: Buffer): Vault {
  if (key.length !== 32) throw new Error("vault key must be 32 bytes");
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return ["v1", iv, cipher.getAuthTag(), data]
        .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
        .join(".");
    },
    unseal(sealed) {
      const [version, iv, tag, data] = sealed.split(".");
      if (version !== "v1") throw new Error("unknown sealed format");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    },
  };
}

/** Loads the key from config, or from (creating once) dataDir/vault.key with mode 0600. */
export function loadVaultKey(vaultKey: string | undefined, dataDir: string): Buffer {
  if (vaultKey) return Buffer.from(vaultKey, "base64");
  const file = join(dataDir, "vault.key");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
}

import { resolve } from "node:path";
import { config as loadDotenv } from "dotenv";

/** Runtime configuration, read once from the environment (and an optional .env file). */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; undefined means the embedded database in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  adminPassword: string | undefined;
  /** Behind TLS (a reverse proxy): cookies get the Secure flag. */
  secureCookies: boolean;
  /** Key for sealed fields, base64 of 32 bytes; unset: a key file in dataDir (never in the database). */
  vaultKey: string | undefined;
  loadDemo: boolean;
  smtpUrl: string | undefined;
  logLevel: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env) loadDotenv({ quiet: true });
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DANVAN_DATA_DIR ?? "./data"),
    adminPassword: env.DANVAN_ADMIN_PASSWORD || undefined,
    secureCookies: env.DANVAN_SECURE_COOKIES === "true",
    vaultKey: env.DANVAN_VAULT_KEY || undefined,
    loadDemo: env.DANVAN_DEMO !== "false",
    smtpUrl: env.SMTP_URL || undefined,
    logLevel: env.LOG_LEVEL ?? "info",
  };
}

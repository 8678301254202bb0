import { sql } from "kysely";
import type { Db } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { loadDemo } from "./demo.ts";
import { loadReferenceUnits } from "./modules/org-units/reference.ts";
import { recordAudit } from "./platform/audit/audit.ts";
import { generatePassword, hashPassword } from "./platform/auth/passwords.ts";

export interface BootstrapResult {
  migrations: string[];
  referenceLoaded: boolean;
  /** set only when the admin account was created now with a generated password */
  generatedAdminPassword?: string;
  adminCreated: boolean;
  demoLoaded: boolean;
}

/** Brings a database to a usable state: schema, reference units, the first administrator, the demo. */
export async function bootstrap(
  db: Db,
  options: { adminPassword?: string; loadDemo: boolean },
): Promise<BootstrapResult> {
  const migrations = await migrate(db as never);
  const reference = await loadReferenceUnits(db);
  const admin = await ensureAdmin(db, options.adminPassword);
  const demoLoaded = options.loadDemo ? await loadDemo(db) : false;
  return {
    migrations,
    referenceLoaded: reference.loaded,
    adminCreated: admin.created,
    generatedAdminPassword: admin.generated,
    demoLoaded,
  };
}

async function ensureAdmin(db: Db, password: string | undefined) {
  const existing = await db
    .selectFrom("users")
    .select("id")
    .where("username", "=", "admin")
    .executeTakeFirst();
  if (existing) return { created: false };
  const root = await db
    .selectFrom("org_units")
    .select("id")
    .where("kind", "=", "ministry")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const generated = password ? undefined : generatePassword(16);
  const passwordHash = await hashPassword(password ?? generated!);
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto("users")
      .values({
        username: "admin",
        full_name: "Quản trị hệ thống",
        unit_id: root.id,
        password_hash: passwordHash,
        // a generated password is shown once in the console: it must be replaced at first sign-in
        must_change_password: !password,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("role_grants")
      .values({
        user_id: user.id,
        role: "sysadmin",
        unit_id: root.id,
        valid_from: sql<string>`date '2025-01-01'`,
      })
      .execute();
    await recordAudit(
      trx,
      { kind: "system" },
      {
        action: "user.created",
        targetType: "user",
        targetId: user.id,
        unitId: root.id,
        after: { username: "admin", role: "sysadmin" },
      },
    );
  });
  return { created: true, generated };
}

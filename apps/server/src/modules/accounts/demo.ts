import type { Role } from "@danvan/shared";
import { sql } from "kysely";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { hashPassword } from "../../platform/auth/passwords.ts";
import type { Vault } from "../../platform/vault/vault.ts";

/** The demo accounts' password (documented in the README; demo accounts only). */
export const DEMO_PASSWORD = "demo12345";
/**
 * The demo auditor's second-factor secret (base32), documented in the README so that anyone can add
 * it to an authenticator app. It is public: never use the demo on a server holding real data.
 */
export const DEMO_TOTP_SECRET = "DANVANDEMOTHANHTRA2345672DANVAN7";
const AUDITOR_SETTING = "accounts.demo.auditor";

interface DemoAccount {
  username: string;
  fullName: string;
  position: string;
  role: Role;
  unit: "commune" | "province" | "ministry";
}

const ACCOUNTS: DemoAccount[] = [
  {
    username: "demo.xa",
    fullName: "Trần Văn Xã (Demo)",
    position: "Cán bộ Công an phường (tài khoản mẫu)",
    role: "commune_officer",
    unit: "commune",
  },
  {
    username: "demo.truongxa",
    fullName: "Nguyễn Thị Trưởng (Demo)",
    position: "Trưởng Công an phường (tài khoản mẫu)",
    role: "commune_chief",
    unit: "commune",
  },
  {
    username: "demo.tinh",
    fullName: "Lê Văn Tỉnh (Demo)",
    position: "Cán bộ phòng xây dựng phong trào (tài khoản mẫu)",
    role: "province_staff",
    unit: "province",
  },
  {
    username: "demo.lanhdao",
    fullName: "Phạm Văn Lãnh Đạo (Demo)",
    position: "Lãnh đạo (tài khoản mẫu, chỉ xem)",
    role: "leadership",
    unit: "ministry",
  },
  {
    username: "demo.thanhtra",
    fullName: "Hoàng Thị Thanh Tra (Demo)",
    position: "Thanh tra (tài khoản mẫu)",
    role: "auditor",
    unit: "ministry",
  },
];

/**
 * Demo accounts (DEMO_LOADERS; only when DANVAN_DEMO is not "false"): a ward officer and chief of
 * Phường Đông Gia Nghĩa (Lâm Đồng), a provincial staff member of Lâm Đồng, a leader and an auditor at
 * the Ministry. Password "demo12345", no forced change. Idempotent: existing names are left alone.
 */
export async function loadAccountsDemo(db: Db): Promise<void> {
  const ministry = await db
    .selectFrom("org_units")
    .select("id")
    .where("kind", "=", "ministry")
    .orderBy("id")
    .executeTakeFirst();
  const province = await db
    .selectFrom("org_units")
    .select("id")
    .where("kind", "=", "province")
    .where("place_name", "=", "Lâm Đồng")
    .where("valid_to", "is", null)
    .executeTakeFirst();
  const commune = province
    ? await db
        .selectFrom("org_units")
        .select("id")
        .where("kind", "=", "commune")
        .where("place_name", "=", "Đông Gia Nghĩa")
        .where("province_id", "=", province.id)
        .where("valid_to", "is", null)
        .executeTakeFirst()
    : undefined;
  if (!ministry || !province || !commune) return; // reference units not loaded: nothing to attach to
  const unitOf = { ministry: ministry.id, province: province.id, commune: commune.id };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const a of ACCOUNTS) {
      const exists = await trx
        .selectFrom("users")
        .select("id")
        .where("username", "=", a.username)
        .executeTakeFirst();
      if (exists) continue;
      const unitId = unitOf[a.unit];
      const user = await trx
        .insertInto("users")
        .values({
          username: a.username,
          full_name: a.fullName,
          position: a.position,
          unit_id: unitId,
          password_hash: passwordHash,
          must_change_password: false,
          // the auditor's second factor is sealed with the vault key when the server starts
          totp_enabled: a.role === "auditor",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("role_grants")
        .values({
          user_id: user.id,
          role: a.role,
          unit_id: unitId,
          valid_from: sql<string>`date '2025-07-01'`,
        })
        .execute();
      if (a.role === "auditor")
        await trx
          .insertInto("app_settings")
          .values({ key: AUDITOR_SETTING, value: JSON.stringify(user.id) })
          .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(user.id) }))
          .execute();
      await recordAudit(
        trx,
        { kind: "system" },
        {
          action: "user.created",
          targetType: "user",
          targetId: user.id,
          unitId,
          after: { username: a.username, fullName: a.fullName, role: a.role, demo: true },
        },
      );
    }
  });
}

/**
 * Seals the demo auditor's documented second-factor secret with this server's vault key. The demo
 * loader runs before the vault exists; this runs when the app is ready, and writes only when the
 * demo auditor has the second factor on but no secret this vault can open (first start, new key).
 */
export async function ensureDemoSecondFactor(db: Db, vault: Vault): Promise<void> {
  const setting = await db
    .selectFrom("app_settings")
    .select("value")
    .where("key", "=", AUDITOR_SETTING)
    .executeTakeFirst();
  if (!setting) return;
  const userId = Number(setting.value);
  const user = await db
    .selectFrom("users")
    .select(["id", "unit_id", "totp_enabled", "totp_secret_sealed"])
    .where("id", "=", userId)
    .where("username", "=", "demo.thanhtra")
    .executeTakeFirst();
  if (!user?.totp_enabled) return;
  if (user.totp_secret_sealed) {
    try {
      vault.unseal(user.totp_secret_sealed);
      return; // this vault opens it (the demo secret, or one the auditor enrolled since)
    } catch {
      // sealed with another key: seal the demo secret again below
    }
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ totp_secret_sealed: vault.seal(DEMO_TOTP_SECRET), totp_last_counter: null })
      .where("id", "=", user.id)
      .execute();
    await recordAudit(
      trx,
      { kind: "system" },
      {
        action: "user.demo_second_factor_sealed",
        targetType: "user",
        targetId: user.id,
        unitId: user.unit_id,
      },
    );
  });
}

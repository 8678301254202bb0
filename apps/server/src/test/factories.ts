import { randomBytes } from "node:crypto";
import type { Role } from "@danvan/shared";
import { sql } from "kysely";
import type { ZodApp } from "../app.ts";
import type { Db } from "../db/client.ts";
import { insertUnits } from "../modules/org-units/repo-write.ts";
import { activeGrants, createSession, SESSION_COOKIE } from "../platform/auth/sessions.ts";
import type { Actor } from "../platform/authz/actor.ts";

const uniq = () => randomBytes(4).toString("hex");

export interface TestProvince {
  provinceId: number;
  communeA: number;
  communeB: number;
  areaA1: number;
  areaB1: number;
  suffix: string;
}

/** A fresh province with two sibling communes and one residential area each, under the Ministry. */
export async function makeProvince(db: Db, name = "Thử nghiệm"): Promise<TestProvince> {
  const root = await db
    .selectFrom("org_units")
    .select("id")
    .where("kind", "=", "ministry")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const s = uniq();
  const [provinceId, communeA, communeB, areaA1, areaB1] = await insertUnits(db, [
    {
      ref: "p",
      parentId: root.id,
      kind: "province",
      adminType: "province",
      code: `T-${s}`,
      name: `Công an tỉnh ${name} ${s}`,
      placeName: `${name} ${s}`,
      validFrom: "2020-01-01",
    },
    {
      ref: "a",
      parentRef: "p",
      kind: "commune",
      adminType: "commune",
      code: `T-${s}-A`,
      name: `Công an xã Đắk Thử ${s}`,
      placeName: `Đắk Thử ${s}`,
      validFrom: "2020-01-01",
    },
    {
      ref: "b",
      parentRef: "p",
      kind: "commune",
      adminType: "ward",
      code: `T-${s}-B`,
      name: `Công an phường Bên Cạnh ${s}`,
      placeName: `Bên Cạnh ${s}`,
      validFrom: "2020-01-01",
    },
    { parentRef: "a", kind: "area", adminType: "village", name: `Thôn 1 ${s}`, placeName: `Thôn 1 ${s}` },
    {
      parentRef: "b",
      kind: "area",
      adminType: "residential_group",
      name: `Tổ dân phố 1 ${s}`,
      placeName: `Tổ dân phố 1 ${s}`,
    },
  ]);
  await sql`insert into org_unit_successors (unit_id, current_unit_id) select id, id from org_units where id = any(${[provinceId, communeA, communeB, areaA1, areaB1]}::bigint[])`.execute(
    db,
  );
  return { provinceId, communeA, communeB, areaA1, areaB1, suffix: s };
}

export interface TestUser {
  id: number;
  username: string;
  cookie: string;
  csrf: string;
}

/** A user holding `role` on `unitId`, with a ready session (no password or second-factor step pending). */
export async function makeUser(
  db: Db,
  role: Role,
  unitId: number,
  extra: { fullName?: string } = {},
): Promise<TestUser> {
  const username = `u${uniq()}`;
  const user = await db
    .insertInto("users")
    .values({
      username,
      full_name: extra.fullName ?? `Nguyễn Văn ${username}`,
      unit_id: unitId,
      password_hash: "x",
      must_change_password: false,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("role_grants")
    .values({ user_id: user.id, role, unit_id: unitId, valid_from: "2020-01-01" })
    .execute();
  if (role === "sysadmin" || role === "auditor") {
    await db
      .updateTable("users")
      .set({ totp_enabled: true, totp_secret_sealed: "unused" })
      .where("id", "=", user.id)
      .execute();
  }
  const session = await createSession(db, user.id, unitId, true, "vitest");
  return { id: user.id, username, cookie: `${SESSION_COOKIE}=${session.token}`, csrf: session.csrfToken };
}

/** A model of the first model type covering `units` (the first is its own unit), straight into the tables. */
export async function makeModel(
  db: Db,
  provinceId: number,
  units: number[],
  launched: string,
  extra: { ended?: string | null; cameraPoints?: number } = {},
): Promise<number> {
  const type = await db
    .selectFrom("movement_model_types")
    .select("id")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const m = await db
    .insertInto("movement_models")
    .values({
      unit_id: units[0],
      province_id: provinceId,
      type_id: type.id,
      name: "Mô hình thử",
      launched_on: launched,
      ended_on: extra.ended ?? null,
      camera_points: extra.cameraPoints ?? 0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("movement_model_units")
    .values(units.map((u) => ({ model_id: m.id, unit_id: u })))
    .execute();
  return Number(m.id);
}

/** The actor of a test user acting at `unitId`, with the grants the database holds for it. */
export async function actorOf(db: Db, user: TestUser, unitId: number): Promise<Actor> {
  return {
    userId: user.id,
    username: user.username,
    fullName: "",
    unitId,
    actingUnitId: unitId,
    grants: await activeGrants(db, user.id),
    sessionId: "",
    ip: undefined,
  };
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Calls the API as `user` (cookie and CSRF header), or anonymously when user is null. */
export async function call(app: ZodApp, user: TestUser | null, method: Method, url: string, body?: unknown) {
  const res = await app.inject({
    method,
    url,
    headers: user ? { cookie: user.cookie, "x-csrf-token": user.csrf } : {},
    ...(body === undefined ? {} : { payload: body as object }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely
  let json: any;
  try {
    json = res.json();
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, body: json, headers: res.headers, raw: res };
}

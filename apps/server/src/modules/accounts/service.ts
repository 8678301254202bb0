import { ROLE_LABELS, type Role } from "@danvan/shared";
import { ROLE_UNIT_KINDS } from "@danvan/shared/permissions/platform";
import type {
  GrantBody,
  User,
  UserCreateBody,
  UserListQuery,
  UserUpdateBody,
} from "@danvan/shared/schemas/accounts";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { generatePassword, hashPassword } from "../../platform/auth/passwords.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { actorCan, scopeFor } from "../../platform/authz/scope.ts";
import { AppError, badRequest, conflict, forbidden, notFound } from "../../platform/http/errors.ts";
import { decodeCursor, toPage } from "../../platform/http/pagination.ts";
import { canGrantRole, managesAnyone, roleFitsUnit, userAbilities } from "./policy.ts";
import { auditView, managed, presentUser } from "./present.ts";
import * as repo from "./repo.ts";

const userNotFound = () => notFound({ vi: "tài khoản", en: "account" });
const unitNotFound = () => notFound({ vi: "đơn vị", en: "unit" });

const KIND_LABELS: Record<string, { vi: string; en: string }> = {
  ministry: { vi: "Bộ Công an", en: "the Ministry" },
  province: { vi: "Công an tỉnh, thành phố", en: "a provincial police unit" },
  department: { vi: "phòng nghiệp vụ", en: "a provincial department" },
  commune: { vi: "Công an xã, phường, đặc khu", en: "a commune-level police unit" },
};

const grantNotAllowed = (role: Role) =>
  new AppError(403, "grant_not_allowed", {
    vi: `Bạn không được cấp vai trò "${ROLE_LABELS[role].vi}" trên đơn vị này.`,
    en: `You may not grant the role "${ROLE_LABELS[role].en}" on this unit.`,
  });

const cannotManage = () =>
  forbidden({
    vi: "Bạn không có quyền quản lý tài khoản này.",
    en: "You are not allowed to manage this account.",
  });

/** Today's date in Vietnam, 'YYYY-MM-DD'. */
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

function checkDates(validFrom: string | undefined, validTo: string | null | undefined) {
  if (validTo && validTo < (validFrom ?? today()))
    throw badRequest("invalid_dates", {
      vi: "Ngày hết hiệu lực không được trước ngày bắt đầu.",
      en: "The end date must not precede the start date.",
    });
}

export function makeAccountsService(deps: { db: Db }) {
  const { db } = deps;

  async function present(actor: Actor, rows: repo.UserRow[], ex: Executor = db): Promise<User[]> {
    const grants = await repo.grantsOf(
      ex,
      rows.map((r) => r.id),
    );
    return rows.map((r) => presentUser(actor, r, grants));
  }

  /** The user as the actor may see them (404 outside "user.read"), with their grants. */
  async function load(ex: Executor, actor: Actor, id: number) {
    const scope = await scopeFor(ex, actor, "user.read");
    const row = await repo.findUser(ex, scope, id);
    if (!row) throw userNotFound();
    const grants = await repo.grantsOf(ex, [id]);
    return { row, grants, abilities: userAbilities(actor, managed(row, grants)) };
  }

  async function getUser(actor: Actor, id: number): Promise<User> {
    const { row, grants } = await load(db, actor, id);
    return presentUser(actor, row, grants);
  }

  /** A unit a user may belong to: open, a police unit (not a residential area), managed by the actor. */
  async function memberUnit(ex: Executor, actor: Actor, unitId: number) {
    const unit = await repo.findUnit(ex, unitId);
    if (!unit || !actorCan(actor, "user.manage", unit.path)) throw unitNotFound();
    if (unit.kind === "area")
      throw badRequest("invalid_unit", {
        vi: "Tài khoản phải thuộc một đơn vị công an, không thuộc thôn, tổ dân phố.",
        en: "An account belongs to a police unit, not to a residential area.",
      });
    if (!unit.open) throw unitClosed();
    return unit;
  }

  const unitClosed = () =>
    badRequest("unit_closed", {
      vi: "Đơn vị này không còn hoạt động (đã giải thể, sáp nhập) hoặc chưa hoạt động.",
      en: "This unit is closed (dissolved or merged) or not yet open.",
    });

  /** Checks that the actor may grant `role` on the unit; returns the unit. */
  async function grantableUnit(ex: Executor, actor: Actor, role: Role, unitId: number) {
    const unit = await repo.findUnit(ex, unitId);
    // nobody grants on a unit outside their scope: such a unit does not exist for them
    if (!unit || !actorCan(actor, "user.manage", unit.path)) throw unitNotFound();
    if (!roleFitsUnit(role, unit.kind)) {
      const kinds = ROLE_UNIT_KINDS[role] as readonly string[];
      throw badRequest("role_unit_mismatch", {
        vi: `Vai trò "${ROLE_LABELS[role].vi}" chỉ cấp trên: ${kinds.map((k) => KIND_LABELS[k]?.vi ?? k).join("; ")}.`,
        en: `The role "${ROLE_LABELS[role].en}" is granted only on ${kinds.map((k) => KIND_LABELS[k]?.en ?? k).join(" or ")}.`,
      });
    }
    if (!unit.open) throw unitClosed();
    if (!canGrantRole(actor, role, unit.path)) throw grantNotAllowed(role);
    return unit;
  }

  async function listUsers(actor: Actor, query: UserListQuery) {
    const scope = await scopeFor(db, actor, "user.read");
    const cursor = decodeCursor(query.cursor);
    const after =
      cursor && typeof cursor[0] === "string" && typeof cursor[1] === "number"
        ? ([cursor[0], cursor[1]] as [string, number])
        : undefined;
    if (cursor && !after)
      throw badRequest("invalid_cursor", {
        vi: "Con trỏ phân trang không hợp lệ.",
        en: "Invalid pagination cursor.",
      });
    const rows = await repo.listUsers(db, scope, query, query.limit, after);
    const page = toPage(rows, query.limit, (r) => [r.sort_norm, r.id]);
    return { items: await present(actor, page.items), nextCursor: page.nextCursor };
  }

  async function createUser(actor: Actor, body: UserCreateBody) {
    if (!managesAnyone(actor)) throw forbidden();
    const unit = await memberUnit(db, actor, body.unitId);
    const roleUnit = await grantableUnit(db, actor, body.role, body.roleUnitId ?? body.unitId);
    checkDates(body.validFrom, body.validTo);
    if (await repo.usernameTaken(db, body.username)) throw usernameTaken();
    const initialPassword = generatePassword();
    const passwordHash = await hashPassword(initialPassword);
    const id = await db
      .transaction()
      .execute(async (trx) => {
        const userId = await repo.insertUser(trx, {
          username: body.username,
          fullName: body.fullName,
          rank: body.rank ?? null,
          position: body.position ?? null,
          unitId: unit.id,
          email: body.email ?? null,
          phone: body.phone ?? null,
          passwordHash,
          mustChangePassword: true,
        });
        const grant = await repo.insertGrant(trx, {
          userId,
          role: body.role,
          unitId: roleUnit.id,
          validFrom: body.validFrom,
          validTo: body.validTo,
          grantedBy: actor.userId,
        });
        await recordAudit(trx, actor, {
          action: "user.created",
          targetType: "user",
          targetId: userId,
          unitId: unit.id,
          after: {
            username: body.username,
            fullName: body.fullName,
            rank: body.rank ?? null,
            position: body.position ?? null,
            unitId: unit.id,
            email: body.email ?? null,
            phone: body.phone ?? null,
            status: "active",
            mustChangePassword: true,
            grant: {
              id: grant.id,
              role: body.role,
              unitId: roleUnit.id,
              validFrom: grant.validFrom,
              validTo: body.validTo ?? null,
            },
          },
        });
        return userId;
      })
      .catch((e: unknown) => {
        // two requests for the same name at once: the unique index decides
        if ((e as { code?: string }).code === "23505") throw usernameTaken();
        throw e;
      });
    return { user: await getUser(actor, id), initialPassword };
  }

  const usernameTaken = () =>
    conflict("username_taken", {
      vi: "Tên đăng nhập này đã được dùng.",
      en: "This username is already taken.",
    });

  async function updateUser(actor: Actor, id: number, body: UserUpdateBody): Promise<User> {
    await db.transaction().execute(async (trx) => {
      const { row, abilities } = await load(trx, actor, id);
      if (!abilities.update) throw cannotManage();
      if (body.status !== undefined && body.status !== row.status && !abilities.disable) {
        throw actor.userId === id
          ? badRequest("cannot_disable_self", {
              vi: "Bạn không thể tự khóa tài khoản của mình.",
              en: "You cannot disable your own account.",
            })
          : cannotManage();
      }
      if (body.unitId !== undefined && body.unitId !== row.unit_id) await memberUnit(trx, actor, body.unitId);
      const wanted: repo.UserChanges = {
        full_name: body.fullName,
        rank: body.rank,
        position: body.position,
        unit_id: body.unitId,
        email: body.email,
        phone: body.phone,
      };
      const current = row as unknown as Record<string, unknown>;
      const changes = Object.fromEntries(
        Object.entries(wanted).filter(([k, v]) => v !== undefined && current[k] !== v),
      ) as repo.UserChanges;
      const statusChange = body.status !== undefined && body.status !== row.status ? body.status : undefined;
      if (Object.keys(changes).length > 0) {
        await repo.updateUser(trx, id, changes);
        const before = auditView(row);
        const after = auditView({ ...row, ...changes });
        const changed = (Object.keys(before) as (keyof typeof before)[]).filter(
          (k) => before[k] !== after[k],
        );
        await recordAudit(trx, actor, {
          action: "user.updated",
          targetType: "user",
          targetId: id,
          unitId: changes.unit_id ?? row.unit_id,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        });
      }
      if (statusChange) {
        await repo.updateUser(trx, id, { status: statusChange });
        // a disabled account is signed out everywhere at once
        const ended = statusChange === "disabled" ? await repo.revokeSessions(trx, id) : 0;
        await recordAudit(trx, actor, {
          action: statusChange === "disabled" ? "user.disabled" : "user.enabled",
          targetType: "user",
          targetId: id,
          unitId: changes.unit_id ?? row.unit_id,
          before: { status: row.status },
          after: { status: statusChange, ...(ended ? { sessionsEnded: ended } : {}) },
        });
      }
    });
    return getUser(actor, id);
  }

  async function resetPassword(actor: Actor, id: number) {
    const { abilities } = await load(db, actor, id);
    if (!abilities.resetPassword) throw cannotManage();
    const initialPassword = generatePassword();
    const passwordHash = await hashPassword(initialPassword);
    await db.transaction().execute(async (trx) => {
      const { row, abilities: now } = await load(trx, actor, id);
      if (!now.resetPassword) throw cannotManage();
      await repo.setPassword(trx, id, passwordHash);
      const ended = await repo.revokeSessions(trx, id);
      await recordAudit(trx, actor, {
        action: "user.password_reset",
        targetType: "user",
        targetId: id,
        unitId: row.unit_id,
        after: { mustChangePassword: true, unlocked: true, sessionsEnded: ended },
      });
    });
    return { initialPassword };
  }

  async function resetSecondFactor(actor: Actor, id: number): Promise<User> {
    await db.transaction().execute(async (trx) => {
      const { row, abilities } = await load(trx, actor, id);
      if (!abilities.resetSecondFactor) {
        if (abilities.update && actor.userId !== id && !row.totp_enabled)
          throw conflict("second_factor_not_enabled", {
            vi: "Tài khoản này chưa bật xác thực hai lớp.",
            en: "This account has no second factor to reset.",
          });
        throw cannotManage();
      }
      await repo.clearSecondFactor(trx, id);
      const ended = await repo.revokeSessions(trx, id);
      await recordAudit(trx, actor, {
        action: "user.second_factor_reset",
        targetType: "user",
        targetId: id,
        unitId: row.unit_id,
        before: { totpEnabled: true },
        after: { totpEnabled: false, sessionsEnded: ended },
      });
    });
    return getUser(actor, id);
  }

  async function addGrant(actor: Actor, id: number, body: GrantBody): Promise<User> {
    await db.transaction().execute(async (trx) => {
      const { abilities } = await load(trx, actor, id);
      if (!abilities.grant) throw cannotManage();
      const unit = await grantableUnit(trx, actor, body.role, body.unitId);
      checkDates(body.validFrom, body.validTo);
      if (await repo.sameGrantExists(trx, id, body.role, unit.id))
        throw conflict("grant_exists", {
          vi: "Tài khoản đã có vai trò này trên đơn vị này.",
          en: "The account already holds this role on this unit.",
        });
      const grant = await repo.insertGrant(trx, {
        userId: id,
        role: body.role,
        unitId: unit.id,
        validFrom: body.validFrom,
        validTo: body.validTo,
        grantedBy: actor.userId,
      });
      await recordAudit(trx, actor, {
        action: "user.grant_added",
        targetType: "user",
        targetId: id,
        // the unit on which power is given: auditors of that unit see it
        unitId: unit.id,
        after: {
          grantId: grant.id,
          role: body.role,
          unitId: unit.id,
          validFrom: grant.validFrom,
          validTo: body.validTo ?? null,
        },
      });
    });
    return getUser(actor, id);
  }

  async function revokeGrant(actor: Actor, id: number, grantId: number): Promise<User> {
    await db.transaction().execute(async (trx) => {
      const { row, grants } = await load(trx, actor, id);
      const grant = grants.find((g) => g.id === grantId);
      if (!grant) throw notFound({ vi: "vai trò được cấp", en: "role grant" });
      const presented = presentUser(actor, row, grants).grants.find((g) => g.id === grantId);
      if (!presented?.abilities.revoke) {
        if (actor.userId === id)
          throw badRequest("cannot_revoke_own_grant", {
            vi: "Bạn không thể tự thu hồi vai trò của mình.",
            en: "You cannot revoke your own role.",
          });
        throw grantNotAllowed(grant.role);
      }
      await repo.revokeGrant(trx, grantId);
      await recordAudit(trx, actor, {
        action: "user.grant_revoked",
        targetType: "user",
        targetId: id,
        unitId: grant.unit_id,
        before: {
          grantId,
          role: grant.role,
          unitId: grant.unit_id,
          validFrom: grant.valid_from,
          validTo: grant.valid_to,
        },
      });
    });
    return getUser(actor, id);
  }

  return {
    listUsers,
    getUser,
    createUser,
    updateUser,
    resetPassword,
    resetSecondFactor,
    addGrant,
    revokeGrant,
  };
}

export type AccountsService = ReturnType<typeof makeAccountsService>;

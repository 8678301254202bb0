import { roleAllows, viSortKey } from "@danvan/shared";
import {
  ADMIN_TYPES_BY_KIND,
  CHILD_KINDS,
  type CreateUnitBody,
  type MergeBody,
  type SplitBody,
  type UnitKind,
} from "@danvan/shared/schemas/org-units";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { minimalRoots, pathCovered, type Scope, scopeFor } from "../../platform/authz/scope.ts";
import { badRequest, conflict, forbidden, notFound } from "../../platform/http/errors.ts";
import { canChangeLineage, canCreateUnder, canUpdate, type UnitScopes } from "./policy.ts";
import { presentAncestor, presentEvent, presentUnit } from "./present.ts";
import * as repo from "./repo.ts";
import {
  closeUnitRow,
  dayBefore,
  insertEvents,
  insertUnits,
  lockLineage,
  moveSubtree,
  type NewEvent,
  refreshSuccessors,
  renameUnitRow,
  updateUnitAttributes,
} from "./repo-write.ts";

/** Today in Vietnam ('YYYY-MM-DD'): effective dates are compared with it. */
export const todayVN = () => new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });

const unitNotFound = () => notFound({ vi: "đơn vị", en: "unit" });
const unitClosed = () =>
  conflict("unit_closed", {
    vi: "Đơn vị đã ngừng hoạt động, không thể thay đổi.",
    en: "The unit is closed and cannot be changed.",
  });
const futureDate = () =>
  badRequest("effective_in_future", {
    vi: "Ngày hiệu lực không được sau ngày hôm nay.",
    en: "The effective date cannot be in the future.",
  });
const tooEarly = (what: { vi: string; en: string }) =>
  badRequest("effective_too_early", {
    vi: `Ngày hiệu lực phải sau ${what.vi}.`,
    en: `The effective date must come after ${what.en}.`,
  });
const codeTakenError = (code: string) =>
  conflict("code_taken", {
    vi: `Mã đơn vị "${code}" đã được sử dụng.`,
    en: `The unit code "${code}" is already in use.`,
  });
const kindNotAllowed = (kind: UnitKind, parentKind: UnitKind) =>
  badRequest("kind_not_allowed", {
    vi: `Không thể đặt đơn vị loại "${kind}" dưới đơn vị loại "${parentKind}".`,
    en: `A unit of kind "${kind}" cannot be placed under a unit of kind "${parentKind}".`,
  });
const adminTypeNotAllowed = (adminType: string, kind: UnitKind) =>
  badRequest("admin_type_not_allowed", {
    vi: `Loại địa bàn "${adminType}" không phù hợp với loại đơn vị "${kind}".`,
    en: `Administrative type "${adminType}" does not fit a unit of kind "${kind}".`,
  });

function checkAdminType(kind: UnitKind, adminType: string) {
  const allowed = ADMIN_TYPES_BY_KIND[kind];
  if (allowed && !allowed.includes(adminType)) throw adminTypeNotAllowed(adminType, kind);
}

/** The subtrees under the units where a grant allows `action` (no lineage). */
export function grantedScope(actor: Actor, action: string): Scope {
  return {
    action,
    roots: minimalRoots(actor.grants.filter((g) => roleAllows(g.role, action)).map((g) => g.path)),
  };
}

export interface OrgUnitsDeps {
  db: Db;
}

export function makeOrgUnitsService({ db }: OrgUnitsDeps) {
  /*
   * Reads use the full scope (granted subtrees and the closed units whose lineage leads into them).
   * Changes need an open unit, and open units lie in the granted subtrees only, so the write scopes are
   * the granted subtrees: no lineage query per action.
   */
  async function scopesOf(ex: Executor, actor: Actor): Promise<UnitScopes> {
    return {
      read: await scopeFor(ex, actor, "orgUnit.read"),
      manage: grantedScope(actor, "orgUnit.manage"),
      manageAreas: grantedScope(actor, "orgUnit.manageAreas"),
      import: grantedScope(actor, "orgUnit.import"),
    };
  }

  /** A unit the actor can see, or 404. */
  async function visible(ex: Executor, s: UnitScopes, id: number) {
    const unit = await repo.findUnit(ex, s.read, id);
    if (!unit) throw unitNotFound();
    return unit;
  }

  /** A unit whose lineage the actor may change: 404 when unseen, 409 when closed, 403 otherwise. */
  async function forLineage(ex: Executor, s: UnitScopes, id: number) {
    const unit = await visible(ex, s, id);
    if (unit.valid_to != null && pathCovered(unit.path, s.manage)) throw unitClosed();
    if (!canChangeLineage(s, unit)) throw forbidden();
    return unit;
  }

  function checkEffective(effectiveOn: string, after: string, what: { vi: string; en: string }) {
    if (effectiveOn > todayVN()) throw futureDate();
    if (effectiveOn <= after) throw tooEarly(what);
  }

  async function ensureCodesFree(ex: Executor, codes: (string | undefined | null)[]) {
    const list = codes.filter((c): c is string => !!c);
    const seen = new Set<string>();
    for (const c of list) {
      if (seen.has(c)) throw codeTakenError(c);
      seen.add(c);
    }
    const taken = await repo.unitsByCode(ex, list);
    if (taken.size) throw codeTakenError([...taken.keys()][0]);
  }

  const summary = async (ex: Executor, s: UnitScopes, id: number) =>
    presentUnit((await repo.findUnit(ex, s.read, id))!, s);

  return {
    scopesOf,

    async roots(actor: Actor, includeClosed: boolean) {
      const s = await scopesOf(db, actor);
      const rows = await repo.listRoots(db, s.read, includeClosed);
      return { items: rows.map((r) => presentUnit(r, s)) };
    },

    async children(actor: Actor, id: number, f: repo.ChildFilter) {
      const s = await scopesOf(db, actor);
      await visible(db, s, id);
      let rows = await repo.listChildren(db, s.read, id, f);
      // names as of a date may differ from today's: order by the names shown
      if (f.asOf) {
        const keyed = rows.map((r) => ({ r, k: viSortKey(r.place_name) }));
        keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.r.id - b.r.id));
        rows = keyed.map((x) => x.r);
      }
      return { items: rows.map((r) => presentUnit(r, s)) };
    },

    async search(actor: Actor, q: { q: string; limit: number; includeClosed: boolean; kind?: UnitKind }) {
      const s = await scopesOf(db, actor);
      const rows = await repo.searchUnits(db, s.read, {
        text: q.q,
        limit: q.limit,
        includeClosed: q.includeClosed,
        kind: q.kind,
      });
      const names = await repo.unitNames(
        db,
        rows.flatMap((r) => repo.ancestorIds(r.path)),
      );
      const today = todayVN();
      return {
        items: rows.map((r) => ({
          ...presentUnit(r, s),
          ancestors: repo
            .ancestorIds(r.path)
            .map((id) => names.get(id))
            .filter((a) => a != null)
            .map((a) => {
              const { id, name } = presentAncestor(a, today);
              return { id, name };
            }),
        })),
      };
    },

    async detail(actor: Actor, id: number) {
      const s = await scopesOf(db, actor);
      const unit = await visible(db, s, id);
      const [names, events, successors, predecessors, counts] = [
        await repo.unitNameHistory(db, id),
        await repo.unitEvents(db, id),
        await repo.successorsOf(db, id),
        await repo.predecessorsOf(db, id),
        await repo.unitCounts(db, id, unit.path),
      ];
      const ancestorIds = repo.ancestorIds(unit.path);
      const refs = await repo.unitNames(db, [
        ...ancestorIds,
        ...events.flatMap((e) => [e.from_unit_id, e.to_unit_id ?? e.from_unit_id]),
      ]);
      const today = todayVN();
      return {
        unit: {
          ...presentUnit(unit, s),
          isRemote: unit.is_remote,
          isHotspot: unit.is_hotspot,
          provinceId: unit.province_id,
        },
        ancestors: ancestorIds.map((a) => presentAncestor(refs.get(a)!, today)),
        names: names.map((n) => ({
          name: n.name,
          placeName: n.place_name,
          validFrom: n.valid_from,
          validTo: n.valid_to,
        })),
        events: events.map((e) => presentEvent(e, refs)),
        successors: successors.filter((x) => x.id !== id),
        predecessors,
        counts,
      };
    },

    async asOf(actor: Actor, id: number, date: string) {
      const s = await scopesOf(db, actor);
      const unit = await visible(db, s, id);
      const name = await repo.nameOn(db, id, date);
      const ancestors = await repo.ancestorsOn(db, id, date);
      return {
        date,
        unit: {
          id: unit.id,
          name: name?.name ?? unit.name,
          placeName: name?.place_name ?? unit.place_name,
          kind: unit.kind,
          validFrom: unit.valid_from,
          validTo: unit.valid_to,
          existed: unit.valid_from <= date && (unit.valid_to == null || unit.valid_to >= date),
        },
        ancestors: ancestors.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
      };
    },

    async current(actor: Actor, id: number) {
      const s = await scopesOf(db, actor);
      await visible(db, s, id);
      return { items: await repo.successorsOf(db, id) };
    },

    async create(actor: Actor, body: CreateUnitBody) {
      return db.transaction().execute(async (trx) => {
        const s = await scopesOf(trx, actor);
        const parent = await visible(trx, s, body.parentId);
        if (!CHILD_KINDS[parent.kind].includes(body.kind)) throw kindNotAllowed(body.kind, parent.kind);
        if (parent.valid_to != null) throw unitClosed();
        if (!canCreateUnder(s, parent, body.kind)) throw forbidden();
        checkAdminType(body.kind, body.adminType);
        if (body.validFrom < parent.valid_from)
          throw badRequest("valid_from_too_early", {
            vi: "Ngày hiệu lực không được trước ngày thành lập đơn vị cấp trên.",
            en: "The unit cannot start before its parent.",
          });
        await ensureCodesFree(trx, [body.code]);
        const [id] = await insertUnits(trx, [
          {
            parentId: parent.id,
            kind: body.kind,
            adminType: body.adminType,
            code: body.code ?? null,
            name: body.name,
            placeName: body.placeName,
            isRemote: body.isRemote,
            isHotspot: body.isHotspot,
            validFrom: body.validFrom,
          },
        ]);
        await insertEvents(trx, [{ kind: "created", effectiveOn: body.validFrom, fromUnitId: id }]);
        await refreshSuccessors(trx, [id]);
        await recordAudit(trx, actor, {
          action: "orgUnit.created",
          targetType: "org_unit",
          targetId: id,
          unitId: id,
          after: body,
        });
        return summary(trx, s, id);
      });
    },

    async update(
      actor: Actor,
      id: number,
      patch: { isRemote?: boolean; isHotspot?: boolean; code?: string | null },
    ) {
      return db.transaction().execute(async (trx) => {
        const s = await scopesOf(trx, actor);
        const unit = await visible(trx, s, id);
        if (!canUpdate(s, unit)) throw forbidden();
        if (patch.code && (await repo.codeTaken(trx, patch.code, id))) throw codeTakenError(patch.code);
        await updateUnitAttributes(trx, id, patch);
        await recordAudit(trx, actor, {
          action: "orgUnit.updated",
          targetType: "org_unit",
          targetId: id,
          unitId: id,
          before: { isRemote: unit.is_remote, isHotspot: unit.is_hotspot, code: unit.code },
          after: patch,
        });
        return summary(trx, s, id);
      });
    },

    async rename(
      actor: Actor,
      id: number,
      body: { name: string; placeName: string; effectiveOn: string; decisionRef?: string; note?: string },
    ) {
      return db.transaction().execute(async (trx) => {
        await lockLineage(trx);
        const s = await scopesOf(trx, actor);
        const unit = await forLineage(trx, s, id);
        const names = await repo.unitNameHistory(trx, id);
        const currentFrom = names.filter((n) => n.valid_to == null).at(-1)?.valid_from ?? unit.valid_from;
        checkEffective(body.effectiveOn, currentFrom, {
          vi: "ngày bắt đầu của tên hiện tại",
          en: "the start of the current name",
        });
        await renameUnitRow(trx, id, body.name, body.placeName, body.effectiveOn);
        await insertEvents(trx, [
          {
            kind: "renamed",
            effectiveOn: body.effectiveOn,
            fromUnitId: id,
            decisionRef: body.decisionRef,
            note: body.note ?? `${unit.name} → ${body.name}`,
          },
        ]);
        await refreshSuccessors(trx, [id]);
        await recordAudit(trx, actor, {
          action: "orgUnit.renamed",
          targetType: "org_unit",
          targetId: id,
          unitId: id,
          before: { name: unit.name, placeName: unit.place_name },
          after: body,
        });
        return summary(trx, s, id);
      });
    },

    async close(
      actor: Actor,
      id: number,
      body: { effectiveOn: string; decisionRef?: string; note?: string },
    ) {
      return db.transaction().execute(async (trx) => {
        await lockLineage(trx);
        const s = await scopesOf(trx, actor);
        const unit = await forLineage(trx, s, id);
        checkEffective(body.effectiveOn, unit.valid_from, { vi: "ngày thành lập", en: "the unit's start" });
        if ((await repo.openChildren(trx, [id])).length > 0)
          throw conflict("has_open_children", {
            vi: "Đơn vị còn đơn vị trực thuộc đang hoạt động: hãy chuyển hoặc giải thể chúng trước.",
            en: "The unit still has open units under it: move or close them first.",
          });
        await closeUnitRow(trx, id, dayBefore(body.effectiveOn));
        await insertEvents(trx, [
          {
            kind: "closed",
            effectiveOn: body.effectiveOn,
            fromUnitId: id,
            decisionRef: body.decisionRef,
            note: body.note,
          },
        ]);
        await refreshSuccessors(trx, [id]);
        await recordAudit(trx, actor, {
          action: "orgUnit.closed",
          targetType: "org_unit",
          targetId: id,
          unitId: id,
          before: { validTo: null },
          after: { validTo: dayBefore(body.effectiveOn), ...body },
        });
        return summary(trx, s, id);
      });
    },

    async move(
      actor: Actor,
      id: number,
      body: { newParentId: number; effectiveOn: string; decisionRef?: string },
    ) {
      return db.transaction().execute(async (trx) => {
        await lockLineage(trx);
        const s = await scopesOf(trx, actor);
        const unit = await forLineage(trx, s, id);
        const parent = await visible(trx, s, body.newParentId);
        if (parent.valid_to != null) throw unitClosed();
        if (!pathCovered(parent.path, s.manage)) throw forbidden();
        if (!CHILD_KINDS[parent.kind].includes(unit.kind)) throw kindNotAllowed(unit.kind, parent.kind);
        if (parent.id === unit.parent_id)
          throw badRequest("same_parent", {
            vi: "Đơn vị đã thuộc đơn vị cấp trên này.",
            en: "The unit is already under this parent.",
          });
        if (pathCovered(parent.path, { action: "", roots: [unit.path] }))
          throw badRequest("move_into_own_subtree", {
            vi: "Không thể chuyển đơn vị vào chính cây đơn vị của nó.",
            en: "A unit cannot be moved under itself.",
          });
        const lastMove = await repo.lastParentChange(trx, id);
        const after = [unit.valid_from, lastMove ?? unit.valid_from].sort().at(-1)!;
        checkEffective(body.effectiveOn, after, {
          vi: "ngày thành lập và lần chuyển gần nhất",
          en: "the unit's start and its last move",
        });
        if (body.effectiveOn < parent.valid_from)
          throw tooEarly({ vi: "ngày thành lập đơn vị mới", en: "the new parent's start" });
        await moveSubtree(trx, id, parent.id, body.effectiveOn);
        await insertEvents(trx, [
          {
            kind: "moved",
            effectiveOn: body.effectiveOn,
            fromUnitId: id,
            toUnitId: parent.id,
            decisionRef: body.decisionRef,
          },
        ]);
        await refreshSuccessors(trx, [id]);
        await recordAudit(trx, actor, {
          action: "orgUnit.moved",
          targetType: "org_unit",
          targetId: id,
          unitId: id,
          before: { parentId: unit.parent_id },
          after: { parentId: parent.id, effectiveOn: body.effectiveOn, decisionRef: body.decisionRef },
        });
        return summary(trx, s, id);
      });
    },

    async merge(actor: Actor, body: MergeBody) {
      return db.transaction().execute(async (trx) => {
        await lockLineage(trx);
        const s = await scopesOf(trx, actor);
        const fromIds = [...new Set(body.fromIds)];
        const sources = [];
        for (const id of fromIds) sources.push(await forLineage(trx, s, id));
        const kind = sources[0].kind;
        if (sources.some((u) => u.kind !== kind))
          throw badRequest("mixed_kinds", {
            vi: "Chỉ hợp nhất các đơn vị cùng loại.",
            en: "Only units of the same kind can be merged.",
          });
        for (const u of sources)
          checkEffective(body.effectiveOn, u.valid_from, { vi: "ngày thành lập", en: "the units' start" });
        const E = body.effectiveOn;
        let targetId: number;
        let created = false;
        if ("existingId" in body.into) {
          if (fromIds.includes(body.into.existingId))
            throw badRequest("merge_into_source", {
              vi: "Đơn vị tiếp nhận không được nằm trong các đơn vị bị hợp nhất.",
              en: "The receiving unit cannot be one of the merged units.",
            });
          const target = await forLineage(trx, s, body.into.existingId);
          if (target.kind !== kind)
            throw badRequest("mixed_kinds", {
              vi: "Đơn vị tiếp nhận phải cùng loại với các đơn vị bị hợp nhất.",
              en: "The receiving unit must be of the same kind as the merged units.",
            });
          if (target.valid_from > E)
            throw tooEarly({ vi: "ngày thành lập đơn vị tiếp nhận", en: "the receiving unit's start" });
          targetId = target.id;
        } else {
          const spec = body.into.newUnit;
          const parentId = spec.parentId ?? sources[0].parent_id;
          if (spec.parentId == null && sources.some((u) => u.parent_id !== parentId))
            throw badRequest("parent_required", {
              vi: "Các đơn vị thuộc những đơn vị cấp trên khác nhau: hãy chọn đơn vị cấp trên của đơn vị mới.",
              en: "The units have different parents: choose the new unit's parent.",
            });
          if (parentId == null) throw forbidden();
          const parent = await visible(trx, s, parentId);
          if (!CHILD_KINDS[parent.kind].includes(kind)) throw kindNotAllowed(kind, parent.kind);
          if (parent.valid_to != null) throw unitClosed();
          if (!canCreateUnder(s, parent, kind) || !pathCovered(parent.path, s.manage)) throw forbidden();
          checkAdminType(kind, spec.adminType);
          await ensureCodesFree(trx, [spec.code]);
          [targetId] = await insertUnits(trx, [
            {
              parentId,
              kind,
              adminType: spec.adminType,
              code: spec.code ?? null,
              name: spec.name,
              placeName: spec.placeName,
              validFrom: E,
            },
          ]);
          created = true;
        }
        const events: NewEvent[] = created ? [{ kind: "created", effectiveOn: E, fromUnitId: targetId }] : [];
        for (const u of sources) {
          await closeUnitRow(trx, u.id, dayBefore(E));
          events.push({
            kind: "merged_into",
            effectiveOn: E,
            fromUnitId: u.id,
            toUnitId: targetId,
            decisionRef: body.decisionRef,
          });
        }
        // residential areas and other open units under the merged units continue under the new one
        const children = await repo.openChildren(trx, fromIds);
        for (const c of children) {
          await moveSubtree(trx, c.id, targetId, E);
          events.push({
            kind: "moved",
            effectiveOn: E,
            fromUnitId: c.id,
            toUnitId: targetId,
            decisionRef: body.decisionRef,
          });
        }
        await insertEvents(trx, events);
        await refreshSuccessors(trx, [...fromIds, targetId]);
        if (created)
          await recordAudit(trx, actor, {
            action: "orgUnit.created",
            targetType: "org_unit",
            targetId,
            unitId: targetId,
            after: {
              ...("newUnit" in body.into ? body.into.newUnit : {}),
              validFrom: E,
              mergedFrom: fromIds,
            },
          });
        for (const u of sources)
          await recordAudit(trx, actor, {
            action: "orgUnit.merged",
            targetType: "org_unit",
            targetId: u.id,
            unitId: u.id,
            before: { name: u.name, validTo: null },
            after: {
              into: targetId,
              validTo: dayBefore(E),
              effectiveOn: E,
              decisionRef: body.decisionRef,
              movedChildren: children.filter((c) => c.parent_id === u.id).map((c) => c.id),
            },
          });
        const units = await repo.findUnits(trx, s.read, [targetId, ...fromIds]);
        const order = new Map([targetId, ...fromIds].map((id, i) => [id, i]));
        units.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
        return { units: units.map((u) => presentUnit(u, s)) };
      });
    },

    async split(actor: Actor, id: number, body: SplitBody) {
      return db.transaction().execute(async (trx) => {
        await lockLineage(trx);
        const s = await scopesOf(trx, actor);
        const source = await forLineage(trx, s, id);
        checkEffective(body.effectiveOn, source.valid_from, { vi: "ngày thành lập", en: "the unit's start" });
        const E = body.effectiveOn;
        if (source.parent_id == null) throw forbidden();
        const parent = await visible(trx, s, source.parent_id);
        if (parent.valid_to != null) throw unitClosed();
        if (!pathCovered(parent.path, s.manage)) throw forbidden();
        const total = body.into.reduce((sum, p) => sum + (p.share ?? 0), 0);
        if (total > 1.0001)
          throw badRequest("shares_exceed_whole", {
            vi: "Tổng tỷ lệ chia tách vượt quá 100%.",
            en: "The shares add up to more than 100%.",
          });
        for (const p of body.into) checkAdminType(source.kind, p.adminType);
        await ensureCodesFree(
          trx,
          body.into.map((p) => p.code),
        );
        const ids = await insertUnits(
          trx,
          body.into.map((p) => ({
            parentId: parent.id,
            kind: source.kind,
            adminType: p.adminType,
            code: p.code ?? null,
            name: p.name,
            placeName: p.placeName,
            isRemote: source.is_remote,
            validFrom: E,
          })),
        );
        await closeUnitRow(trx, id, dayBefore(E));
        await insertEvents(trx, [
          ...ids.map((nid) => ({ kind: "created" as const, effectiveOn: E, fromUnitId: nid })),
          ...ids.map((nid, i) => ({
            kind: "split_from" as const,
            effectiveOn: E,
            fromUnitId: id,
            toUnitId: nid,
            share: body.into[i].share ?? null,
            decisionRef: body.decisionRef,
          })),
        ]);
        await refreshSuccessors(trx, [id, ...ids]);
        for (const [i, nid] of ids.entries())
          await recordAudit(trx, actor, {
            action: "orgUnit.created",
            targetType: "org_unit",
            targetId: nid,
            unitId: nid,
            after: { ...body.into[i], validFrom: E, splitFrom: id },
          });
        await recordAudit(trx, actor, {
          action: "orgUnit.split",
          targetType: "org_unit",
          targetId: id,
          unitId: id,
          before: { name: source.name, validTo: null },
          after: { into: ids, validTo: dayBefore(E), effectiveOn: E, decisionRef: body.decisionRef },
        });
        const units = await repo.findUnits(trx, s.read, [...ids, id]);
        const order = new Map([...ids, id].map((x, i) => [x, i]));
        units.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
        return { units: units.map((u) => presentUnit(u, s)) };
      });
    },
  };
}

export type OrgUnitsService = ReturnType<typeof makeOrgUnitsService>;

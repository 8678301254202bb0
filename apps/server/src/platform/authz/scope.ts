import { roleAllows } from "@danvan/shared";
import { type Expression, type RawBuilder, sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import { rememberedByTree } from "../tree/remembered.ts";
import type { Actor } from "./actor.ts";

/**
 * Where an actor may perform an action: the subtrees (ltree paths) under the units on which a role
 * allowing the action is granted, plus the closed units whose lineage leads into them (a commune that
 * merged into yours is part of your history). Every query that reads or writes records takes a Scope.
 */
export interface Scope {
  readonly action: string;
  readonly roots: readonly string[];
}

export const EMPTY_SCOPE = (action: string): Scope => ({ action, roots: [] });

/** Drops paths that lie under another path of the set, so queries test as few roots as possible. */
export function minimalRoots(paths: Iterable<string>): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.split(".").length - b.split(".").length);
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p === k || p.startsWith(`${k}.`))) kept.push(p);
  return kept;
}

/** The closed units brought in by lineage, per unit tree and granted roots (at most 500 remembered). */
const lineageRoots = rememberedByTree<string[]>(500);

async function predecessorsOf(ex: Executor, granted: string[]): Promise<string[]> {
  const slot = await lineageRoots(ex, granted);
  if (slot.known) return slot.known;
  const predecessors = await sql<{ path: string }>`
    select distinct u.path::text as path
    from org_unit_successors s
    join org_units u on u.id = s.unit_id
    join org_units c on c.id = s.current_unit_id
    where s.unit_id <> s.current_unit_id and c.path <@ any(${granted}::ltree[])
      -- already covered by a granted subtree
      and not u.path <@ any(${granted}::ltree[])
      -- covered through its parent (a former district brings its former communes along)
      and not exists (
        select 1 from org_unit_successors ps join org_units pc on pc.id = ps.current_unit_id
        where ps.unit_id = u.parent_id and ps.unit_id <> ps.current_unit_id and pc.path <@ any(${granted}::ltree[])
      )
  `.execute(ex);
  const paths = predecessors.rows.map((r) => r.path);
  slot.remember(paths);
  return paths;
}

export async function scopeFor(ex: Executor, actor: Actor, action: string): Promise<Scope> {
  const granted = minimalRoots(actor.grants.filter((g) => roleAllows(g.role, action)).map((g) => g.path));
  if (granted.length === 0) return EMPTY_SCOPE(action);
  // a grant on a top unit (the Ministry) covers every unit and all their history: nothing to add
  if (granted.some((p) => !p.includes("."))) return { action, roots: granted };
  return { action, roots: minimalRoots([...granted, ...(await predecessorsOf(ex, granted))]) };
}

/** SQL predicate: the unit id in `column` lies in the scope. Use it in every scoped query. */
export function unitInScope(column: Expression<number | null> | RawBuilder<unknown>, scope: Scope) {
  if (scope.roots.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${column} in (select id from org_units where path <@ any(${scope.roots as string[]}::ltree[]))`;
}

/** SQL predicate on an ltree path column directly (for org_units itself). */
export function pathInScope(column: Expression<string> | RawBuilder<unknown>, scope: Scope) {
  if (scope.roots.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${column} <@ any(${scope.roots as string[]}::ltree[])`;
}

/** True when the path lies in the scope (for a row already loaded). */
export function pathCovered(path: string, scope: Scope): boolean {
  return scope.roots.some((r) => path === r || path.startsWith(`${r}.`));
}

/** True when the actor has `action` on the unit at `path` by some grant (ignores lineage). */
export function actorCan(actor: Actor, action: string, path: string): boolean {
  return actor.grants.some(
    (g) => roleAllows(g.role, action) && (path === g.path || path.startsWith(`${g.path}.`)),
  );
}

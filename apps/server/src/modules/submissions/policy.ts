import type { SubmissionKind, SubmissionStatus } from "@danvan/shared/schemas/submissions";
import type { Actor } from "../../platform/authz/actor.ts";
import { actorCan } from "../../platform/authz/scope.ts";
import type { ItemRow } from "./repo.ts";
import { canTransition } from "./workflow.ts";

/** What the actor may do with an item they can see; the same rules guard the service and fill `abilities`. */
export function abilities(
  actor: Actor,
  row: Pick<ItemRow, "unit_path" | "status" | "kind" | "has_identity">,
) {
  const can = (action: string) => actorCan(actor, action, row.unit_path);
  const status = row.status as SubmissionStatus;
  const kind = row.kind as SubmissionKind;
  const open = status !== "closed" && status !== "merged";
  return {
    handle: open && can("submission.handle"),
    reply: status !== "merged" && can("submission.handle"),
    assign: open && can("submission.assign"),
    transfer: open && can("submission.transfer"),
    accept: can("submission.decide") && canTransition(kind, status, "accept"),
    decide: open && can("submission.decide"),
    close: can("submission.close") && canTransition(kind, status, "close"),
    reopen: can("submission.close") && canTransition(kind, status, "reopen"),
    merge: open && can("submission.merge"),
    revealIdentity: row.has_identity && can("submission.revealIdentity"),
  };
}
export type Abilities = ReturnType<typeof abilities>;

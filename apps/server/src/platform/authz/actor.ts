import type { Role } from "@danvan/shared";

export interface Grant {
  role: Role;
  unitId: number;
  /** ltree path of the granted unit */
  path: string;
}

/** The signed-in person a request acts for. Public (citizen) requests have no Actor. */
export interface Actor {
  userId: number;
  username: string;
  fullName: string;
  unitId: number;
  actingUnitId: number;
  grants: Grant[];
  sessionId: string;
  ip: string | undefined;
}

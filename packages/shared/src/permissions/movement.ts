import type { RoleActions } from "./types.ts";

/**
 * Movement work (models, activities, forums, pledges, weapon surrenders).
 * - movement.read: see records in scope; movement.record: create, edit, delete and import them;
 * - movement.personal.read: see members' and owners' contact data (only within scope);
 * - movement.recognise: record recognitions ("Dân vận khéo", điển hình) and reviews of models;
 * - movement.catalog.manage: extend the model types and activity kinds (and their result forms).
 */
export const movementActions = {
  commune_officer: ["movement.read", "movement.record", "movement.personal.read"],
  commune_chief: ["movement.read", "movement.record", "movement.personal.read", "movement.recognise"],
  province_staff: ["movement.read", "movement.record", "movement.personal.read", "movement.recognise"],
  leadership: ["movement.read"],
  auditor: ["movement.read"],
  sysadmin: ["movement.read", "movement.catalog.manage"],
} satisfies RoleActions;

import type { MessageKey, Translate } from "../../lib/i18n/index.tsx";
import { vi } from "../../lib/i18n/vi.ts";

const has = (key: string): key is MessageKey => key in vi;

export const kindLabel = (t: Translate, kind: string) => {
  const key = `unit.kind.${kind}`;
  return has(key) ? t(key) : kind;
};

export const adminTypeLabel = (t: Translate, type: string | null | undefined) => {
  if (!type) return t("common.emDash");
  const key = `unit.adminType.${type}`;
  return has(key) ? t(key) : type;
};

export const eventLabel = (t: Translate, kind: string) => {
  const key = `unit.event.${kind}`;
  return has(key) ? t(key) : kind;
};

/** Closed on the given day: its last valid day (validTo, inclusive) is before it. */
export const isClosed = (unit: { validTo: string | null }, onDate: string) =>
  unit.validTo !== null && unit.validTo !== undefined && unit.validTo < onDate;

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { ApiError, api, setCsrfToken } from "./api.ts";

export type Pending = null | "password_change" | "second_factor" | "second_factor_enrolment";

export interface Grant {
  role: string;
  unitId: number;
  unitName: string;
}

export interface Me {
  user: {
    id: number;
    username: string;
    fullName: string;
    rank: string | null;
    position: string | null;
    unitId: number;
    email: string | null;
    phone: string | null;
    locale: "vi" | "en" | string | null;
    totpEnabled: boolean;
  };
  actingUnit: { id: number; name: string };
  grants: Grant[];
  actions: string[];
  pending: Pending;
  csrfToken: string;
}

export type Abilities = Record<string, boolean | undefined>;

export const ME_KEY = ["auth", "me"] as const;

/** GET /auth/me; null when nobody is signed in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>("/api/v1/auth/me");
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** Stores a Me returned by a mutation (sign-in, password change, 2FA, acting unit, profile). */
export function useSetMe() {
  const client = useQueryClient();
  return useCallback(
    (me: Me | null) => {
      setCsrfToken(me?.csrfToken ?? null);
      client.setQueryData(ME_KEY, me);
    },
    [client],
  );
}

/** Whether the signed-in user's roles allow `action` (e.g. "user.manage") somewhere in their scope. */
export function useCan(): (action: string) => boolean {
  const { data } = useMe();
  return useCallback((action: string) => !!data?.actions.includes(action), [data]);
}

/** A row's own ability (from the server's `abilities`); false when absent. */
export function rowCan(row: { abilities?: Abilities } | null | undefined, ability: string): boolean {
  return row?.abilities?.[ability] === true;
}

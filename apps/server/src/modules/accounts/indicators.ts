import { sql } from "kysely";
import { registerIndicator } from "../../platform/indicators/registry.ts";

/**
 * Active accounts: users whose account is active and who hold a role grant in force on the period's
 * last day, counted at the unit they belong to. (The account's status is today's: disabling is not
 * dated, so a past period counts the accounts that are active now.)
 */
registerIndicator({
  code: "accounts.active",
  module: "accounts",
  label: { vi: "Tài khoản đang hoạt động", en: "Active accounts" },
  unit: { vi: "tài khoản", en: "accounts" },
  description: {
    vi: "Số tài khoản đang hoạt động có vai trò còn hiệu lực vào ngày cuối kỳ, tính tại đơn vị của cán bộ.",
    en: "Active accounts holding a role in force on the period's last day, counted at the officer's unit.",
  },
  nature: "stock",
  query: ({ to }) => sql<{ gkey: string; value: number }>`
    select grp.gkey, count(distinct u.id)::int as value
    from users u
    join grp on grp.unit_id = u.unit_id
    where u.status = 'active'
      and u.created_at < ${to}::date
      and exists (
        select 1 from role_grants r
        where r.user_id = u.id
          and r.valid_from < ${to}::date
          and (r.valid_to is null or r.valid_to >= ${to}::date - 1)
          and (r.revoked_at is null or r.revoked_at >= ${to}::date)
      )
    group by grp.gkey
  `,
});

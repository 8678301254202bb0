import { sql } from "kysely";
import { registerIndicator } from "../../platform/indicators/registry.ts";
import { unitRowsByGroup } from "../../platform/indicators/rollup.ts";

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
  query: (ctx) => sql<{ gkey: string; value: number }>`
    select a.gkey, count(distinct a.id)::int as value
    from (${unitRowsByGroup(
      ctx,
      sql`select u.unit_id, u.id from users u
        where u.status = 'active'
          and u.created_at < ${ctx.to}::date
          and exists (
            select 1 from role_grants r
            where r.user_id = u.id
              and r.valid_from < ${ctx.to}::date
              and (r.valid_to is null or r.valid_to >= ${ctx.to}::date - 1)
              and (r.revoked_at is null or r.revoked_at >= ${ctx.to}::date)
          )`,
    )}) a
    group by a.gkey
  `,
});

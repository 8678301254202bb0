import {
  CHANNEL_LABELS,
  CHANNELS,
  KIND_LABELS,
  SUBMISSION_KINDS,
  VALUABLE_OUTCOMES,
} from "@danvan/shared/schemas/submissions";
import { sql } from "kysely";
import { registerIndicator } from "../../platform/indicators/registry.ts";

/*
 * What the citizen channel counts (DESIGN.md rule 6). Items count at the unit that handles them; the
 * period is the day of receipt (received), of closure (closed, on time, days to close) or of rating.
 */
const M = "submissions";
const items = { vi: "vụ việc", en: "items" };

export function registerSubmissionIndicators() {
  registerIndicator({
    code: "submissions.received",
    module: M,
    label: { vi: "Tin báo, phản ánh, khiếu nại, tố cáo tiếp nhận", en: "Citizen items received" },
    unit: items,
    nature: "flow",
    query: ({
      from,
      to,
    }) => sql`select g.gkey, count(*)::int as value from submissions s join grp g on g.unit_id = s.unit_id
      where s.received_on >= ${from}::date and s.received_on < ${to}::date group by g.gkey`,
  });
  for (const kind of SUBMISSION_KINDS)
    registerIndicator({
      code: `submissions.received.${kind}`,
      module: M,
      label: { vi: `Tiếp nhận: ${KIND_LABELS[kind].vi}`, en: `Received: ${KIND_LABELS[kind].en}` },
      unit: items,
      nature: "flow",
      query: ({
        from,
        to,
      }) => sql`select g.gkey, count(*)::int as value from submissions s join grp g on g.unit_id = s.unit_id
        where s.kind = ${kind} and s.received_on >= ${from}::date and s.received_on < ${to}::date group by g.gkey`,
    });
  for (const channel of CHANNELS)
    registerIndicator({
      code: `submissions.received.channel.${channel}`,
      module: M,
      label: {
        vi: `Tiếp nhận qua: ${CHANNEL_LABELS[channel].vi}`,
        en: `Received by: ${CHANNEL_LABELS[channel].en}`,
      },
      unit: items,
      nature: "flow",
      query: ({
        from,
        to,
      }) => sql`select g.gkey, count(*)::int as value from submissions s join grp g on g.unit_id = s.unit_id
        where s.channel = ${channel} and s.received_on >= ${from}::date and s.received_on < ${to}::date group by g.gkey`,
    });
  registerIndicator({
    code: "submissions.valuable_tips",
    module: M,
    label: { vi: "Tin có giá trị", en: "Valuable tips" },
    unit: { vi: "tin", en: "tips" },
    nature: "flow",
    description: {
      vi: "Tố giác, tin báo về tội phạm kết thúc trong kỳ với kết quả: tin có giá trị hoặc đã khởi tố, xử lý.",
      en: "Crime reports closed in the period as a valuable tip or leading to a case.",
    },
    query: ({
      from,
      to,
    }) => sql`select g.gkey, count(*)::int as value from submissions s join grp g on g.unit_id = s.unit_id
      where s.kind = 'crime_report' and s.outcome = any(${[...VALUABLE_OUTCOMES]}::text[])
        and s.closed_on >= ${from}::date and s.closed_on < ${to}::date group by g.gkey`,
  });
  registerIndicator({
    code: "submissions.on_time_pct",
    module: M,
    label: { vi: "Tỷ lệ giải quyết đúng hạn", en: "Handled on time" },
    unit: { vi: "%", en: "%" },
    nature: "ratio",
    query: ({
      from,
      to,
    }) => sql`select g.gkey, round(100.0 * count(*) filter (where s.closed_on_time) / nullif(count(*), 0), 1) as value
      from submissions s join grp g on g.unit_id = s.unit_id
      where s.status = 'closed' and s.closed_on >= ${from}::date and s.closed_on < ${to}::date group by g.gkey`,
  });
  registerIndicator({
    code: "submissions.overdue_now",
    module: M,
    label: { vi: "Vụ việc đang quá hạn", en: "Items overdue" },
    unit: items,
    nature: "stock",
    description: {
      vi: "Vụ việc chưa kết thúc vào cuối kỳ và đã quá hạn giải quyết (không tính vụ việc đang tạm đình chỉ).",
      en: "Items still open at the end of the period and past their deadline (suspended items excluded).",
    },
    query: ({
      to,
    }) => sql`select g.gkey, count(*)::int as value from submissions s join grp g on g.unit_id = s.unit_id
      where s.received_on < ${to}::date and s.status <> 'merged' and not s.paused
        and (s.closed_on is null or s.closed_on >= ${to}::date)
        and s.due_on < least(${to}::date, current_date) group by g.gkey`,
  });
  registerIndicator({
    code: "submissions.avg_days_to_close",
    module: M,
    label: { vi: "Số ngày giải quyết trung bình", en: "Average days to close" },
    unit: { vi: "ngày", en: "days" },
    nature: "ratio",
    query: ({ from, to }) => sql`select g.gkey, round(avg(s.closed_on - s.received_on), 1) as value
      from submissions s join grp g on g.unit_id = s.unit_id
      where s.status = 'closed' and s.closed_on >= ${from}::date and s.closed_on < ${to}::date group by g.gkey`,
  });
  registerIndicator({
    code: "submissions.satisfaction_avg",
    module: M,
    label: { vi: "Mức hài lòng trung bình của người dân", en: "Average satisfaction" },
    unit: { vi: "điểm (1–5)", en: "points (1–5)" },
    nature: "ratio",
    query: ({ from, to }) => sql`select g.gkey, round(avg(s.rating), 2) as value
      from submissions s join grp g on g.unit_id = s.unit_id
      where s.rating is not null and s.rated_at >= ${from}::date and s.rated_at < ${to}::date group by g.gkey`,
  });
  for (let stars = 1; stars <= 5; stars++)
    registerIndicator({
      code: `submissions.satisfaction.${stars}`,
      module: M,
      label: { vi: `Đánh giá ${stars} sao`, en: `Rated ${stars} of 5` },
      unit: { vi: "lượt", en: "ratings" },
      nature: "flow",
      query: ({
        from,
        to,
      }) => sql`select g.gkey, count(*)::int as value from submissions s join grp g on g.unit_id = s.unit_id
        where s.rating = ${stars} and s.rated_at >= ${from}::date and s.rated_at < ${to}::date group by g.gkey`,
    });
}

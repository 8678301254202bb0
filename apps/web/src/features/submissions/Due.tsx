import { Tag } from "antd";
import { formatDate } from "../../lib/format.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { L } from "./messages.ts";

/** The deadline beside an item: date, days left or over, paused. */
export function Due({
  dueOn,
  daysLeft,
  paused,
  overdue,
}: {
  dueOn: string | null;
  daysLeft: number | null;
  paused: boolean;
  overdue: boolean;
}) {
  const t = useT();
  if (paused) return <Tag color="default">{t(L.paused)}</Tag>;
  if (!dueOn) return null;
  const n = daysLeft ?? 0;
  return (
    <span>
      {formatDate(dueOn)}{" "}
      {overdue ? (
        <Tag color="red">{t(L.daysOver, { n: -n })}</Tag>
      ) : (
        <Tag color={n <= 3 ? "orange" : "green"}>{t(L.daysLeft, { n })}</Tag>
      )}
    </span>
  );
}

import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert, Button, Drawer, Segmented, Table, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { ApiError } from "../../lib/api.ts";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { useMessages } from "../../lib/i18n/index.tsx";
import { type DrilldownItem, type Lineage, reportKeys, reportsApi } from "./api.ts";
import { reportsMessages } from "./messages.ts";

export interface DrillTarget {
  code: string;
  label: string;
  unitId: number;
  unitName: string;
  period: string;
  lineage: Lineage;
}

/** The records behind one figure (within the user's scope), this period or the same period last year. */
export function DrilldownDrawer({ target, onClose }: { target: DrillTarget | null; onClose: () => void }) {
  const t = useMessages(reportsMessages);
  const [lastYear, setLastYear] = useState(false);
  const query = useInfiniteQuery({
    queryKey: reportKeys.drilldown({ ...target, lastYear }),
    queryFn: ({ pageParam }) =>
      reportsApi.drilldown({
        code: target!.code,
        unitId: target!.unitId,
        period: target!.period,
        lineage: target!.lineage,
        lastYear,
        offset: pageParam,
      }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.hasMore ? pages.length * 50 : undefined),
    enabled: target != null,
    retry: false,
  });
  const first = query.data?.pages[0];
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const notDrillable = query.error instanceof ApiError && query.error.code === "not_drillable";
  return (
    <Drawer
      open={target != null}
      onClose={() => {
        setLastYear(false);
        onClose();
      }}
      size={720}
      title={target ? t("drill.title", { indicator: target.label }) : ""}
      destroyOnHidden
    >
      {target ? (
        <>
          <Segmented
            value={lastYear ? "last" : "this"}
            onChange={(v) => setLastYear(v === "last")}
            options={[
              { value: "this", label: t("drill.thisPeriod") },
              { value: "last", label: t("drill.lastYear") },
            ]}
            style={{ marginBottom: 12 }}
          />
          {first ? (
            <Typography.Paragraph type="secondary">
              {t("drill.subtitle", {
                unit: first.unit.name,
                from: formatDate(first.from),
                to: formatDate(first.to),
              })}
            </Typography.Paragraph>
          ) : null}
          {notDrillable ? (
            <Alert type="info" showIcon title={t("drill.notDrillable")} />
          ) : (
            <ProblemAlert error={query.error} />
          )}
          {!notDrillable ? (
            <Table<DrilldownItem>
              rowKey="id"
              size="small"
              loading={query.isLoading}
              dataSource={items}
              pagination={false}
              locale={{ emptyText: t("drill.empty") }}
              columns={[
                {
                  title: t("drill.date"),
                  dataIndex: "on",
                  width: 110,
                  render: (v: string | null) => formatDate(v),
                },
                {
                  title: t("drill.record"),
                  dataIndex: "title",
                  render: (title: string, r) => (r.path ? <Link to={r.path}>{title}</Link> : title),
                },
                { title: t("drill.unit"), dataIndex: ["unit", "name"] },
                {
                  title: t("drill.value"),
                  dataIndex: "value",
                  align: "right",
                  width: 90,
                  render: (v: number | null) => formatNumber(v),
                },
              ]}
            />
          ) : null}
          {query.hasNextPage ? (
            <Button
              style={{ marginTop: 12 }}
              onClick={() => void query.fetchNextPage()}
              loading={query.isFetchingNextPage}
            >
              {t("drill.more")}
            </Button>
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}

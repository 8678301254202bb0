import { ArrowLeftOutlined, BarChartOutlined, FileWordOutlined, PrinterOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Segmented,
  Select,
  Skeleton,
  Table,
  Typography,
} from "antd";
import { type ReactNode, useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { type Grant, useMe } from "../../lib/auth.ts";
import { formatDateTime, formatNumber, todayIso } from "../../lib/format.ts";
import { useMessages } from "../../lib/i18n/index.tsx";
import { unitsApi } from "../org-units/api.ts";
import {
  type AnalysisResult,
  type AnalysisRow,
  type Breakdown,
  type Cell,
  reportsApi,
} from "../reports/api.ts";
import { EChart, type EChartOption } from "../reports/EChart.tsx";
import { last12Months } from "../reports/period.ts";
import { usePeriodLabel } from "../reports/period-label.ts";
import { Change, formatValue, IndicatorPicker, useIndicators } from "../reports/widgets.tsx";
import { dashboardMessages } from "./messages.ts";

type View = "commune" | "province" | "leadership";
type DT = ReturnType<typeof useDashT>;
const useDashT = () => useMessages(dashboardMessages);

/** What each dashboard shows: the first registered code of each list is used. */
const CODES = {
  open: ["submissions.open_now", "submissions.open", "submissions.in_progress"],
  overdue: ["submissions.overdue_now"],
  activities: ["movement.activities.count"],
  participants: ["movement.activities.participants"],
  received: ["submissions.received"],
  pledgeRate: ["movement.pledges.rate"],
  models: ["movement.models.count"],
  onTime: ["submissions.on_time_pct"],
  communes: ["org.units.communes"],
} as const;
type KpiKey = keyof typeof CODES;
const STANDARD_PREFIXES = ["standards.", "evaluation.", "evaluations."];
const PALETTE = ["#1d4ed8", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2"];

const PRINT_CSS = `
.dv-kpi-value{font-size:44px;line-height:1.1;font-weight:700;font-variant-numeric:tabular-nums}
@media print{
  .ant-layout-sider,.ant-layout-header,.ant-layout-footer,.ant-drawer,.skip-link,.dv-no-print{display:none!important}
  .ant-layout-content{padding:0!important}
  .ant-card{break-inside:avoid;box-shadow:none!important}
  .dv-print-only{display:block!important}
  body{background:#fff!important}
}
.dv-print-only{display:none}
`;

function useCatalogue() {
  const catalogue = useIndicators();
  const known = useMemo(() => new Set((catalogue.data?.items ?? []).map((i) => i.code)), [catalogue.data]);
  const pick = (key: KpiKey) => CODES[key].find((c) => known.has(c)) ?? null;
  return { catalogue, known, pick, ready: catalogue.isSuccess };
}

/** One analysis call for the registered codes among `codes`. */
function useAnalysis(
  codes: (string | null)[],
  unitId: number,
  period: string,
  breakdown: Breakdown,
  enabled = true,
) {
  const list = [...new Set(codes.filter((c): c is string => !!c))];
  return useQuery({
    queryKey: ["dashboards", unitId, period, breakdown, list],
    queryFn: ({ signal }) =>
      reportsApi.analysis({ codes: list, unitId, period, breakdown, lineage: "current" }, signal),
    enabled: enabled && list.length > 0,
    staleTime: 60_000,
  });
}

const rowOf = (r: AnalysisResult | undefined, code: string | null) =>
  code ? r?.rows.find((x) => x.code === code) : undefined;

/** The dashboards a user may open, one per grant, by role. */
function viewsOf(grants: Grant[]): Array<{ view: View; unitId: number; unitName: string; role: string }> {
  const out: Array<{ view: View; unitId: number; unitName: string; role: string }> = [];
  for (const g of grants) {
    const view: View | null =
      g.role === "commune_chief" || g.role === "commune_officer"
        ? "commune"
        : g.role === "province_staff"
          ? "province"
          : g.role === "leadership" || g.role === "sysadmin" || g.role === "auditor"
            ? "leadership"
            : null;
    if (view && !out.some((o) => o.view === view && o.unitId === g.unitId))
      out.push({ view, unitId: g.unitId, unitName: g.unitName, role: g.role });
  }
  return out;
}

const viewForKind = (kind: string | undefined): View =>
  kind === "ministry" ? "leadership" : kind === "province" ? "province" : "commune";

/**
 * Dashboards per role: a commune's (open items, overdue, this month's work, pledge rate), a province's
 * (ranking of communes, standards, trends) and leadership's (the country or a province at a glance).
 * Large numbers for a projector; the print stylesheet leaves out the menu. `?unit=` opens the dashboard of
 * any unit in scope (the ranking links there), its view chosen by the unit's level.
 */
export default function DashboardPage() {
  const t = useDashT();
  const me = useMe().data!;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const views = viewsOf(me.grants);
  const drilled = Number(params.get("unit")) || null;
  const [chosen, setChosen] = useState(0);
  const drilledUnit = useQuery({
    queryKey: ["org-units", "detail", drilled],
    queryFn: () => unitsApi.get(drilled!),
    enabled: drilled != null,
    staleTime: 5 * 60_000,
  });
  const own = views[Math.min(chosen, views.length - 1)];
  const current = drilled
    ? drilledUnit.data
      ? {
          view: (params.get("view") as View | null) ?? viewForKind(drilledUnit.data.unit.kind),
          unitId: drilled,
          unitName: drilledUnit.data.unit.name,
        }
      : null
    : own
      ? { view: own.view, unitId: own.unitId, unitName: own.unitName }
      : null;

  return (
    <>
      <style>{PRINT_CSS}</style>
      <PageHeader
        title={t("title")}
        subtitle={current ? `${current.unitName} — ${t(`view.${current.view}`)}` : undefined}
        extra={
          <span className="dv-no-print" style={{ display: "contents" }}>
            {drilled ? (
              <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
                {t("backToProvince")}
              </Button>
            ) : null}
            {current ? (
              <Link to={`/so-lieu?unit=${current.unitId}&breakdown=children`}>
                <Button icon={<BarChartOutlined />}>{t("analyse")}</Button>
              </Link>
            ) : null}
            {current ? (
              <Link to={`/bao-cao?unit=${current.unitId}&period=last_quarter`}>
                <Button icon={<FileWordOutlined />}>{t("quarterReport")}</Button>
              </Link>
            ) : null}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t("print")}
            </Button>
          </span>
        }
      />
      <Typography.Text type="secondary" className="dv-print-only">
        {t("printedAt", { time: formatDateTime(new Date().toISOString()) })}
      </Typography.Text>
      {!drilled && views.length > 1 ? (
        <Segmented
          className="dv-no-print"
          style={{ marginBottom: 16 }}
          value={chosen}
          onChange={(v) => {
            setChosen(Number(v));
            setParams({}, { replace: true });
          }}
          options={views.map((v, i) => ({ value: i, label: `${t(`view.${v.view}`)}: ${v.unitName}` }))}
        />
      ) : null}
      <ProblemAlert error={drilledUnit.error} />
      {!current && !drilled ? <Empty description={t("noGrant")} /> : null}
      {current?.view === "commune" ? <CommuneView key={current.unitId} unitId={current.unitId} /> : null}
      {current?.view === "province" ? <ProvinceView key={current.unitId} unitId={current.unitId} /> : null}
      {current?.view === "leadership" ? (
        <LeadershipView key={current.unitId} unitId={current.unitId} />
      ) : null}
    </>
  );
}

function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card
      style={{ marginBottom: 16 }}
      styles={{ title: { whiteSpace: "normal" } }}
      title={
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {title}
        </Typography.Title>
      }
      extra={extra}
    >
      {children}
    </Card>
  );
}

/** A large figure with its change against the same period last year; a gentle note when not registered. */
function Kpi({
  title,
  code,
  result,
  loading,
}: {
  title: string;
  code: string | null;
  result: AnalysisResult | undefined;
  loading: boolean;
}) {
  const t = useDashT();
  const row = rowOf(result, code);
  const cell: Cell | undefined = row?.total;
  const unit = row ? (t.lang === "en" ? row.unit.en : row.unit.vi) : "";
  return (
    <Card style={{ height: "100%" }} styles={{ body: { padding: 20 } }}>
      <Typography.Text style={{ fontSize: 16 }} type="secondary">
        {title}
      </Typography.Text>
      {code == null ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t("notRegistered")}
        </Typography.Paragraph>
      ) : loading && !row ? (
        <Skeleton active paragraph={false} title={{ width: "60%" }} style={{ marginTop: 12 }} />
      ) : (
        <>
          <div className="dv-kpi-value">
            {cell?.value == null ? "—" : formatValue(cell.value, row?.nature)}
            {row?.nature === "ratio" && unit === "%" && cell?.value != null ? (
              <span style={{ fontSize: 28 }}>%</span>
            ) : (
              <span style={{ fontSize: 16, fontWeight: 400, marginInlineStart: 8 }}>
                {cell?.value == null ? "" : unit}
              </span>
            )}
          </div>
          <div style={{ fontSize: 15, marginTop: 4 }}>
            {cell?.diff == null ? (
              <Typography.Text type="secondary">{t("noComparison")}</Typography.Text>
            ) : cell.diff === 0 ? (
              <Typography.Text type="secondary">{t("sameAsLastYear")}</Typography.Text>
            ) : (
              <>
                {t("vsLastYear", { change: "" })}
                <Change diff={cell.diff} percent={cell.percent} />
              </>
            )}
          </div>
        </>
      )}
    </Card>
  );
}

function KpiGrid({
  items,
  result,
  loading,
}: {
  items: Array<{ key: string; title: string; code: string | null }>;
  result: AnalysisResult | undefined;
  loading: boolean;
}) {
  return (
    <Row gutter={[16, 16]}>
      {items.map((k) => (
        <Col key={k.key} xs={24} sm={12} xl={8} xxl={items.length > 6 ? 6 : 8}>
          <Kpi title={k.title} code={k.code} result={result} loading={loading} />
        </Col>
      ))}
    </Row>
  );
}

const label = (t: DT, l: { vi: string; en: string }) => (t.lang === "en" ? l.en || l.vi : l.vi);

/** A twelve-month line chart of some indicators, last year dashed when there is one indicator. */
function TrendChart({ unitId, codes }: { unitId: number; codes: (string | null)[] }) {
  const periodLabel = usePeriodLabel();
  const t = useDashT();
  const period = last12Months(todayIso());
  const trend = useAnalysis(codes, unitId, period, "period");
  const option = useMemo<EChartOption | null>(() => {
    const r = trend.data;
    if (!r) return null;
    const series: object[] = r.rows.map((row) => ({
      name: label(t, row.label),
      type: "line",
      symbolSize: 8,
      lineStyle: { width: 3 },
      data: r.columns.map((c) => row.cells[c.key]?.value ?? null),
    }));
    if (r.rows.length === 1)
      series.push({
        name: `${label(t, r.rows[0].label)} (${periodLabel.lastYear(r.period)})`,
        type: "line",
        lineStyle: { type: "dashed", width: 2 },
        data: r.columns.map((c) => r.rows[0].cells[c.key]?.lastYear ?? null),
      });
    return {
      color: PALETTE,
      textStyle: { fontSize: 15 },
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: unknown) => (typeof v === "number" ? formatNumber(v) : "—"),
      },
      legend: { top: 0, textStyle: { fontSize: 15 } },
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: r.columns.map((c) => c.label), axisLabel: { fontSize: 14 } },
      // counts: whole-number ticks only
      yAxis: {
        type: "value",
        minInterval: 1,
        axisLabel: { fontSize: 14, formatter: (v: number) => formatNumber(v) },
      },
      series,
    };
  }, [trend.data, t, periodLabel]);
  if (codes.every((c) => !c)) return <Empty description={t("notRegistered")} />;
  return (
    <>
      <ProblemAlert error={trend.error} />
      {option ? (
        <EChart
          option={option}
          height={340}
          label={t("chart.trend", { indicator: trend.data!.rows.map((r) => label(t, r.label)).join(", ") })}
        />
      ) : (
        <Skeleton active />
      )}
    </>
  );
}

function CommuneView({ unitId }: { unitId: number }) {
  const periodLabel = usePeriodLabel();
  const t = useDashT();
  const { pick, ready } = useCatalogue();
  const kpiCodes: Array<{ key: string; title: string; code: string | null }> = [
    { key: "open", title: t("kpi.open"), code: pick("open") },
    { key: "overdue", title: t("kpi.overdue"), code: pick("overdue") },
    { key: "activities", title: t("kpi.activitiesMonth"), code: pick("activities") },
    { key: "participants", title: t("kpi.participantsMonth"), code: pick("participants") },
    { key: "received", title: t("kpi.receivedMonth"), code: pick("received") },
    { key: "pledge", title: t("kpi.pledgeRate"), code: pick("pledgeRate") },
  ];
  const month = useAnalysis(
    kpiCodes.map((k) => k.code),
    unitId,
    "this_month",
    "none",
    ready,
  );
  // activities by kind: the per-kind counts the movement module registers (movement.activities.<kind>.count)
  const { catalogue } = useCatalogue();
  const kindCodes = (catalogue.data?.items ?? [])
    .filter((i) => /^movement\.activities\.[a-z_]+\.count$/.test(i.code))
    .map((i) => i.code);
  const kinds = useAnalysis(kindCodes, unitId, "year_to_date", "none", ready);
  const kindOption = useMemo<EChartOption | null>(() => {
    const r = kinds.data;
    if (!r || r.rows.every((row) => !row.total.value)) return null;
    const data = r.rows
      .map((row) => ({
        name: label(t, row.label).replace(/^(Số hoạt động|Activities): /, ""),
        value: row.total.value ?? 0,
      }))
      .filter((d) => d.value > 0)
      .sort((a, b) => a.value - b.value);
    return {
      color: PALETTE,
      textStyle: { fontSize: 15 },
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: unknown) => (typeof v === "number" ? formatNumber(v) : "—"),
      },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", axisLabel: { formatter: (v: number) => formatNumber(v) } },
      yAxis: {
        type: "category",
        data: data.map((d) => d.name),
        axisLabel: { fontSize: 14, width: 260, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          data: data.map((d) => d.value),
          label: { show: true, position: "right", fontSize: 14 },
        },
      ],
    };
  }, [kinds.data, t]);
  return (
    <>
      <Section
        title={t("section.kpis", {
          period: month.data ? periodLabel.label(month.data.period) : t("period.this_month"),
        })}
      >
        <ProblemAlert error={month.error} />
        <KpiGrid items={kpiCodes} result={month.data} loading={month.isLoading || !ready} />
      </Section>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Section title={t("section.kinds", { period: t("period.year_to_date") })}>
            <ProblemAlert error={kinds.error} />
            {kindOption ? (
              <EChart
                option={kindOption}
                height={Math.max(200, 40 * ((kindOption.yAxis as { data: unknown[] }).data.length + 1))}
                label={t("chart.kinds")}
              />
            ) : kinds.isLoading || !ready ? (
              <Skeleton active />
            ) : (
              <Empty description={kindCodes.length ? t("noData") : t("notRegistered")} />
            )}
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={t("section.trend")}>
            {ready ? (
              <TrendChart unitId={unitId} codes={[pick("activities"), pick("received")]} />
            ) : (
              <Skeleton active />
            )}
          </Section>
        </Col>
      </Row>
    </>
  );
}

const RANK_PERIODS = [
  "this_month",
  "last_month",
  "this_quarter",
  "last_quarter",
  "year_to_date",
  "this_year",
] as const;

/** Child units ranked on one indicator: a bar chart of the leaders and the full table, each linking to the unit. */
function Ranking({ unitId, view }: { unitId: number; view: View }) {
  const periodLabel = usePeriodLabel();
  const t = useDashT();
  const { pick, known, ready } = useCatalogue();
  const [code, setCode] = useState<string | null>(null);
  const [period, setPeriod] = useState<(typeof RANK_PERIODS)[number]>("year_to_date");
  const chosen = code ?? pick("activities") ?? [...known][0] ?? null;
  const ranking = useAnalysis([chosen], unitId, period, "children", ready);
  const rows = useMemo(() => {
    const r = ranking.data;
    if (!r?.rows[0]) return [];
    const row: AnalysisRow = r.rows[0];
    return r.columns
      .filter((c) => c.key !== "self" && c.unitId)
      .map((c) => ({ unitId: c.unitId!, name: c.label, cell: row.cells[c.key] }))
      .sort((a, b) => (b.cell?.value ?? -1) - (a.cell?.value ?? -1) || a.name.localeCompare(b.name, "vi"))
      .map((x, i) => ({ ...x, rank: i + 1 }));
  }, [ranking.data]);
  const childView: View = view === "leadership" ? "province" : "commune";
  const link = (id: number) => `/dashboard?unit=${id}`;
  const navigate = useNavigate();
  const top = rows.slice(0, 15);
  const indicatorLabel = ranking.data?.rows[0] ? label(t, ranking.data.rows[0].label) : "";
  const option = useMemo<EChartOption | null>(() => {
    if (top.length === 0) return null;
    const shown = [...top].reverse();
    return {
      color: PALETTE,
      textStyle: { fontSize: 15 },
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: unknown) => (typeof v === "number" ? formatNumber(v) : "—"),
      },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", axisLabel: { formatter: (v: number) => formatNumber(v) } },
      yAxis: {
        type: "category",
        data: shown.map((r) => r.name.replace(/^Công an (xã|phường|đặc khu|tỉnh|thành phố) /, "")),
        axisLabel: { fontSize: 14, width: 200, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          data: shown.map((r) => r.cell?.value ?? null),
          label: {
            show: true,
            position: "right",
            fontSize: 14,
            formatter: (p: { value: number }) => formatNumber(p.value),
          },
        },
      ],
    };
  }, [top]);
  return (
    <Section
      title={t("section.ranking")}
      extra={
        <Flex gap={8} wrap className="dv-no-print">
          <div style={{ width: 320 }}>
            <IndicatorPicker
              multiple={false}
              value={chosen ? [chosen] : []}
              onChange={(c) => c[0] && setCode(c[0])}
              placeholder={t("ranking.indicator")}
            />
          </div>
          <Select
            aria-label={t("ranking.period")}
            value={period}
            onChange={setPeriod}
            options={RANK_PERIODS.map((p) => ({ value: p, label: t(`period.${p}`) }))}
            style={{ width: 150 }}
          />
        </Flex>
      }
    >
      <ProblemAlert error={ranking.error} />
      {ranking.data ? (
        <Typography.Paragraph type="secondary">
          {indicatorLabel} — {periodLabel.label(ranking.data.period)}
        </Typography.Paragraph>
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t("ranking.top", { n: top.length })}
          </Typography.Title>
          {option ? (
            <EChart
              option={option}
              height={Math.max(220, top.length * 30)}
              label={t("chart.ranking", { indicator: indicatorLabel })}
              onClick={(i) => {
                const r = [...top].reverse()[i];
                if (r) navigate(link(r.unitId));
              }}
            />
          ) : ranking.isLoading || !ready ? (
            <Skeleton active />
          ) : (
            <Empty description={t("noData")} />
          )}
        </Col>
        <Col xs={24} xl={12}>
          <Table
            rowKey="unitId"
            size="small"
            loading={ranking.isLoading}
            dataSource={rows}
            pagination={rows.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
            columns={[
              { title: t("ranking.rank"), dataIndex: "rank", width: 64, align: "center" },
              {
                title: t("ranking.unit"),
                key: "name",
                render: (_, r) => (
                  <Link
                    to={link(r.unitId)}
                    aria-label={t("ranking.open", { unit: r.name })}
                    data-view={childView}
                  >
                    {r.name}
                  </Link>
                ),
              },
              {
                title: t("ranking.value"),
                key: "value",
                align: "right",
                width: 100,
                render: (_, r) => (
                  <strong>{formatValue(r.cell?.value ?? null, ranking.data?.rows[0]?.nature)}</strong>
                ),
              },
              {
                title: t("ranking.change"),
                key: "change",
                align: "right",
                width: 150,
                render: (_, r) => <Change diff={r.cell?.diff ?? null} percent={r.cell?.percent ?? null} />,
              },
            ]}
          />
        </Col>
      </Row>
      {chosen ? (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t("section.trend")}
          </Typography.Title>
          <TrendChart unitId={unitId} codes={[chosen]} />
        </div>
      ) : null}
    </Section>
  );
}

/** Units meeting the standards, when a module registers such indicators (standards.*, evaluation.*). */
function Standards({ unitId }: { unitId: number }) {
  const t = useDashT();
  const { catalogue, ready } = useCatalogue();
  const codes = (catalogue.data?.items ?? [])
    .filter((i) => STANDARD_PREFIXES.some((p) => i.code.startsWith(p)))
    .map((i) => i.code)
    .slice(0, 6);
  const result = useAnalysis(codes, unitId, "this_year", "none", ready);
  return (
    <Section title={t("section.standards")}>
      {codes.length === 0 ? (
        <Alert type="info" showIcon title={t("standards.none")} />
      ) : (
        <>
          <ProblemAlert error={result.error} />
          <KpiGrid
            items={codes.map((c) => {
              const i = catalogue.data!.items.find((x) => x.code === c)!;
              return { key: c, title: label(t, i.label), code: c };
            })}
            result={result.data}
            loading={result.isLoading}
          />
        </>
      )}
    </Section>
  );
}

function overviewKpis(t: DT, pick: (k: KpiKey) => string | null) {
  return [
    { key: "activities", title: t("kpi.activitiesYtd"), code: pick("activities") },
    { key: "participants", title: t("kpi.participantsYtd"), code: pick("participants") },
    { key: "models", title: t("kpi.models"), code: pick("models") },
    { key: "received", title: t("kpi.receivedYtd"), code: pick("received") },
    { key: "overdue", title: t("kpi.overdue"), code: pick("overdue") },
    { key: "onTime", title: t("kpi.onTime"), code: pick("onTime") },
    { key: "pledge", title: t("kpi.pledgeRate"), code: pick("pledgeRate") },
    { key: "communes", title: t("kpi.communes"), code: pick("communes") },
  ];
}

function ProvinceView({ unitId }: { unitId: number }) {
  const periodLabel = usePeriodLabel();
  const t = useDashT();
  const { pick, ready } = useCatalogue();
  const items = overviewKpis(t, pick);
  const ytd = useAnalysis(
    items.map((k) => k.code),
    unitId,
    "year_to_date",
    "none",
    ready,
  );
  return (
    <>
      <Section
        title={t("section.kpis", {
          period: ytd.data ? periodLabel.label(ytd.data.period) : t("period.year_to_date"),
        })}
      >
        <ProblemAlert error={ytd.error} />
        <KpiGrid items={items} result={ytd.data} loading={ytd.isLoading || !ready} />
      </Section>
      <Ranking unitId={unitId} view="province" />
      <Standards unitId={unitId} />
    </>
  );
}

function LeadershipView({ unitId }: { unitId: number }) {
  const periodLabel = usePeriodLabel();
  const t = useDashT();
  const { pick, ready } = useCatalogue();
  const items = overviewKpis(t, pick);
  const ytd = useAnalysis(
    items.map((k) => k.code),
    unitId,
    "year_to_date",
    "none",
    ready,
  );
  return (
    <>
      <Section
        title={t("section.kpis", {
          period: ytd.data ? periodLabel.label(ytd.data.period) : t("period.year_to_date"),
        })}
      >
        <ProblemAlert error={ytd.error} />
        <KpiGrid items={items} result={ytd.data} loading={ytd.isLoading || !ready} />
      </Section>
      <Ranking unitId={unitId} view="leadership" />
      <Standards unitId={unitId} />
    </>
  );
}

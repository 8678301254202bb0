import { ArrowLeftOutlined, FileExcelOutlined, FileTextOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Empty, Form, Row, Segmented, Select, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { useCan, useMe } from "../../lib/auth.ts";
import { formatDate, todayIso } from "../../lib/format.ts";
import { useMessages } from "../../lib/i18n/index.tsx";
import {
  type AnalysisColumn,
  type AnalysisParams,
  type AnalysisResult,
  type AnalysisRow,
  type Breakdown,
  type Cell,
  emptyCell,
  type Lineage,
  reportKeys,
  reportsApi,
} from "./api.ts";
import { analysisChart, type ChartKind, chartColumns } from "./chart.ts";
import { DrilldownDrawer, type DrillTarget } from "./DrilldownDrawer.tsx";
import { EChart } from "./EChart.tsx";
import { reportsMessages } from "./messages.ts";
import { defaultChoice, fromSpec, type PeriodChoice, toSpec } from "./period.ts";
import { usePeriodLabel } from "./period-label.ts";
import {
  Change,
  formatValue,
  IndicatorPicker,
  PercentChange,
  PeriodPicker,
  useIndicators,
} from "./widgets.tsx";

const BREAKDOWNS: Breakdown[] = ["none", "children", "period", "kind"];
const DEFAULT_CODES = [
  "movement.activities.count",
  "movement.activities.participants",
  "submissions.received",
];

interface BreakdownRow {
  key: string;
  label: string;
  unitId?: number;
  period?: string;
  cells: Record<string, Cell>;
}

/**
 * Figures analysis: indicators × a unit's subtree × a period × a breakdown, beside the same period last
 * year, as a table and a chart, with XLSX/CSV export and drill-down to the records. The filters live in
 * the address, so a dashboard can link here and the browser's back button undoes a drill into a unit.
 */
export default function AnalysisPage() {
  const periodLabel = usePeriodLabel();
  const t = useMessages(reportsMessages);
  const me = useMe().data!;
  const can = useCan();
  const navigate = useNavigate();
  const catalogue = useIndicators();
  const [params, setParams] = useSearchParams();
  const [chartKind, setChartKind] = useState<ChartKind>("bar");
  const [drill, setDrill] = useState<DrillTarget | null>(null);

  const known = new Set((catalogue.data?.items ?? []).map((i) => i.code));
  const codesParam = params.get("codes");
  const codes = codesParam
    ? codesParam.split(",").filter((c) => c && c !== "-")
    : DEFAULT_CODES.filter((c) => known.size === 0 || known.has(c));
  const unitId = Number(params.get("unit")) || me.actingUnit.id;
  const fallback = useMemo(() => ({ ...defaultChoice(todayIso()), relative: "year_to_date" as const }), []);
  const choice = fromSpec(params.get("period"), fallback);
  const period = toSpec(choice);
  const breakdown = (BREAKDOWNS as string[]).includes(params.get("breakdown") ?? "")
    ? (params.get("breakdown") as Breakdown)
    : "children";
  const lineage: Lineage = params.get("lineage") === "historical" ? "historical" : "current";

  const update = (patch: Record<string, string | null>, push = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v == null || v === "") next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: !push });
  };
  // an incomplete custom range stays on screen (not in the address) until both dates are chosen
  const [draft, setDraft] = useState<PeriodChoice | null>(null);
  const setChoice = (c: PeriodChoice) => {
    const spec = toSpec(c);
    setDraft(spec ? null : c);
    if (spec) update({ period: spec });
  };
  const shownChoice = draft ?? choice;

  const query: AnalysisParams | null =
    codes.length > 0 && period ? { codes, unitId, period, breakdown, lineage } : null;
  const analysis = useQuery({
    queryKey: reportKeys.analysis(query ?? ({} as AnalysisParams)),
    queryFn: ({ signal }) => reportsApi.analysis(query!, signal),
    enabled: query != null,
    placeholderData: keepPreviousData,
  });
  const result = analysis.data;
  const label = (l: { vi: string; en: string }) => (t.lang === "en" ? l.en || l.vi : l.vi);

  const openDrill = (row: AnalysisRow, target: { unitId: number; unitName: string; period?: string }) =>
    setDrill({
      code: row.code,
      label: label(row.label),
      unitId: target.unitId,
      unitName: target.unitName,
      period: target.period ?? result!.period.spec,
      lineage,
    });
  const drillInto = (id: number) => update({ unit: String(id), drilled: "1" }, true);

  const chartOption = useMemo(
    () =>
      result
        ? analysisChart(result, chartKind, t.lang, {
            value: t("analysis.value"),
            lastYear: t("analysis.lastYear"),
          })
        : null,
    [result, chartKind, t],
  );

  return (
    <>
      <PageHeader
        title={t("analysis.title")}
        subtitle={t("analysis.subtitle")}
        extra={
          query && can("report.export") ? (
            <>
              <Button icon={<FileExcelOutlined />} href={reportsApi.exportUrl(query, "xlsx")} download>
                {t("analysis.exportXlsx")}
              </Button>
              <Button icon={<FileTextOutlined />} href={reportsApi.exportUrl(query, "csv")} download>
                {t("analysis.exportCsv")}
              </Button>
            </>
          ) : null
        }
      />
      <Card style={{ marginBottom: 16 }} className="dv-no-print">
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <Form.Item label={t("analysis.indicators")} htmlFor="an-codes" style={{ marginBottom: 12 }}>
                <IndicatorPicker
                  id="an-codes"
                  value={codes}
                  onChange={(next) => update({ codes: next.length ? next.join(",") : "-" })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label={t("analysis.unit")} htmlFor="an-unit" style={{ marginBottom: 12 }}>
                <UnitPicker
                  id="an-unit"
                  includeClosed
                  allowClear={false}
                  value={unitId}
                  knownLabels={result ? { [result.unit.id]: result.unit.name } : undefined}
                  onChange={(v) => v && update({ unit: String(v) }, true)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label={t("analysis.breakdown")} htmlFor="an-breakdown" style={{ marginBottom: 12 }}>
                <Select
                  id="an-breakdown"
                  value={breakdown}
                  onChange={(v) => update({ breakdown: v })}
                  options={BREAKDOWNS.map((b) => ({ value: b, label: t(`analysis.breakdown.${b}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} xl={12}>
              <Form.Item label={t("analysis.period")} htmlFor="an-period" style={{ marginBottom: 0 }}>
                <PeriodPicker id="an-period" value={shownChoice} onChange={setChoice} />
              </Form.Item>
            </Col>
            <Col xs={24} xl={12}>
              <Form.Item
                label={t("analysis.lineage")}
                tooltip={t("analysis.lineageHelp")}
                style={{ marginBottom: 0 }}
              >
                <Segmented<Lineage>
                  value={lineage}
                  onChange={(v) => update({ lineage: v })}
                  options={[
                    { value: "current", label: t("analysis.lineage.current") },
                    { value: "historical", label: t("analysis.lineage.historical") },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>

      {params.get("drilled") ? (
        <Button
          icon={<ArrowLeftOutlined />}
          onClick={() => navigate(-1)}
          style={{ marginBottom: 12 }}
          className="dv-no-print"
        >
          {t("analysis.upUnit")}
        </Button>
      ) : null}
      {!period || draft ? (
        <Alert type="warning" showIcon title={t("analysis.badPeriod")} style={{ marginBottom: 16 }} />
      ) : null}
      {codes.length === 0 ? <Empty description={t("analysis.pickIndicators")} /> : null}
      <ProblemAlert error={analysis.error} />

      {result && query ? (
        <>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t("analysis.periodLine", {
              unit: result.unit.name,
              period: periodLabel.label(result.period),
              lastYear: periodLabel.lastYear(result.period),
            })}
          </Typography.Title>
          {result.unit.validTo ? (
            <Alert
              type="info"
              showIcon
              title={t("analysis.closedUnit", { date: formatDate(result.unit.validTo) })}
              style={{ marginBottom: 12 }}
            />
          ) : null}
          <Card
            title={t("analysis.chart")}
            style={{ marginBottom: 16 }}
            extra={
              <Segmented<ChartKind>
                aria-label={t("analysis.chart")}
                value={chartKind}
                onChange={setChartKind}
                options={[
                  { value: "bar", label: t("analysis.chart.bar") },
                  { value: "line", label: t("analysis.chart.line") },
                  { value: "stacked", label: t("analysis.chart.stacked") },
                ]}
              />
            }
          >
            {chartOption ? (
              <EChart
                option={chartOption}
                height={result.columns.length > 8 ? 440 : 360}
                label={t("analysis.chartLabel", {
                  what: result.rows.map((r) => label(r.label)).join(", "),
                  period: periodLabel.label(result.period),
                })}
                onClick={(i) => {
                  const col = chartColumns(result)[i];
                  if (result.breakdown === "children" && col?.unitId && col.key !== "self")
                    drillInto(col.unitId);
                  else if (result.breakdown === "none" && result.rows[i])
                    openDrill(result.rows[i], { unitId: result.unit.id, unitName: result.unit.name });
                }}
              />
            ) : null}
          </Card>
          <Card title={t("analysis.table")}>
            <Typography.Paragraph type="secondary" className="dv-no-print">
              {t("analysis.drillHint")}
            </Typography.Paragraph>
            {result.breakdown === "none" || result.columns.length === 0 ? (
              <>
                {result.breakdown === "children" ? (
                  <Alert type="info" title={t("analysis.noChildren")} style={{ marginBottom: 12 }} />
                ) : result.breakdown === "kind" ? (
                  <Alert type="info" title={t("analysis.noKinds")} style={{ marginBottom: 12 }} />
                ) : null}
                <TotalsTable
                  result={result}
                  onDrill={(row) => openDrill(row, { unitId: result.unit.id, unitName: result.unit.name })}
                />
              </>
            ) : (
              <BreakdownTable result={result} onDrill={openDrill} onUnit={drillInto} />
            )}
          </Card>
        </>
      ) : null}
      <DrilldownDrawer target={drill} onClose={() => setDrill(null)} />
    </>
  );
}

function FigureLink({
  value,
  nature,
  onClick,
}: {
  value: number | null;
  nature: string;
  onClick?: () => void;
}) {
  const text = formatValue(value, nature);
  if (!onClick || value == null) return <span>{text}</span>;
  return (
    <Button
      type="link"
      size="small"
      onClick={onClick}
      style={{ padding: 0, height: "auto", fontWeight: 600 }}
    >
      {text}
    </Button>
  );
}

/** One row per indicator: this period, last year, change, percentage. */
function TotalsTable({ result, onDrill }: { result: AnalysisResult; onDrill: (row: AnalysisRow) => void }) {
  const t = useMessages(reportsMessages);
  const label = (l: { vi: string; en: string }) => (t.lang === "en" ? l.en || l.vi : l.vi);
  return (
    <Table<AnalysisRow>
      rowKey="code"
      dataSource={result.rows}
      pagination={false}
      scroll={{ x: 760 }}
      columns={[
        { title: t("analysis.indicator"), key: "label", render: (_, r) => label(r.label) },
        { title: t("analysis.unitLabel"), key: "unit", render: (_, r) => label(r.unit), width: 120 },
        {
          title: t("analysis.value"),
          key: "value",
          align: "right",
          render: (_, r) => (
            <FigureLink
              value={r.total.value}
              nature={r.nature}
              onClick={r.drillable ? () => onDrill(r) : undefined}
            />
          ),
        },
        {
          title: t("analysis.lastYear"),
          key: "ly",
          align: "right",
          render: (_, r) => formatValue(r.total.lastYear, r.nature),
        },
        {
          title: t("analysis.diff"),
          key: "diff",
          align: "right",
          render: (_, r) => <Change diff={r.total.diff} />,
        },
        {
          title: t("analysis.percent"),
          key: "pct",
          align: "right",
          render: (_, r) => <PercentChange percent={r.total.percent} />,
        },
      ]}
    />
  );
}

/** One row per child unit, month or kind (and the whole unit first); a column group per indicator. */
function BreakdownTable({
  result,
  onDrill,
  onUnit,
}: {
  result: AnalysisResult;
  onDrill: (row: AnalysisRow, target: { unitId: number; unitName: string; period?: string }) => void;
  onUnit: (unitId: number) => void;
}) {
  const t = useMessages(reportsMessages);
  const label = (l: { vi: string; en: string }) => (t.lang === "en" ? l.en || l.vi : l.vi);
  const rows: BreakdownRow[] = [
    {
      key: "__total",
      label: t("analysis.whole"),
      unitId: result.unit.id,
      cells: Object.fromEntries(result.rows.map((r) => [r.code, r.total])),
    },
    ...result.columns.map((c: AnalysisColumn) => ({
      key: c.key,
      label: c.label,
      unitId: result.breakdown === "children" ? c.unitId : undefined,
      period: result.breakdown === "period" && c.from && c.to ? `${c.from}..${c.to}` : undefined,
      cells: Object.fromEntries(result.rows.map((r) => [r.code, r.cells[c.key] ?? emptyCell])),
    })),
  ];
  const compact = result.rows.length > 2;
  const columns: ColumnsType<BreakdownRow> = [
    {
      title: t(`analysis.breakdown.${result.breakdown}` as const),
      key: "label",
      fixed: "left",
      width: 240,
      render: (_, r) =>
        r.key !== "__total" && r.key !== "self" && r.unitId && result.breakdown === "children" ? (
          <Button
            type="link"
            style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
            onClick={() => onUnit(r.unitId!)}
            aria-label={t("analysis.drillInto", { unit: r.label })}
          >
            {r.label}
          </Button>
        ) : r.key === "__total" ? (
          <strong>{r.label}</strong>
        ) : (
          <span>{r.label}</span>
        ),
    },
    ...result.rows.map((row) => ({
      title: `${label(row.label)} (${label(row.unit)})`,
      key: row.code,
      children: [
        {
          title: t("analysis.value"),
          key: `${row.code}-v`,
          align: "right" as const,
          width: 110,
          render: (_: unknown, r: BreakdownRow) => (
            <FigureLink
              value={r.cells[row.code]?.value ?? null}
              nature={row.nature}
              onClick={
                row.drillable && (result.breakdown !== "kind" || r.key === "__total")
                  ? () =>
                      onDrill(row, {
                        unitId: r.unitId ?? result.unit.id,
                        unitName: r.unitId ? r.label : result.unit.name,
                        period: r.period,
                      })
                  : undefined
              }
            />
          ),
        },
        ...(compact
          ? []
          : [
              {
                title: t("analysis.lastYear"),
                key: `${row.code}-ly`,
                align: "right" as const,
                width: 110,
                render: (_: unknown, r: BreakdownRow) =>
                  formatValue(r.cells[row.code]?.lastYear ?? null, row.nature),
              },
            ]),
        {
          title: t("analysis.diff"),
          key: `${row.code}-d`,
          align: "right" as const,
          width: 150,
          render: (_: unknown, r: BreakdownRow) => (
            <Change diff={r.cells[row.code]?.diff ?? null} percent={r.cells[row.code]?.percent ?? null} />
          ),
        },
      ],
    })),
  ];
  return (
    <Table<BreakdownRow>
      rowKey="key"
      dataSource={rows}
      columns={columns}
      bordered
      size="middle"
      pagination={rows.length > 60 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 240 + result.rows.length * (compact ? 260 : 370) }}
      rowClassName={(r) => (r.key === "__total" ? "dv-total-row" : "")}
    />
  );
}

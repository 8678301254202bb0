import { formatNumber } from "../../lib/format.ts";
import type { AnalysisResult } from "./api.ts";
import type { EChartOption } from "./EChart.tsx";

export type ChartKind = "bar" | "line" | "stacked";

const PALETTE = ["#1d4ed8", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#be185d", "#4d7c0f"];

/**
 * The chart of an analysis: without a breakdown, each indicator this period beside last year; with one,
 * one series per indicator over the breakdown's columns (plus last year when a single indicator is shown).
 */
export function analysisChart(
  result: AnalysisResult,
  kind: ChartKind,
  lang: "vi" | "en",
  names: { value: string; lastYear: string },
  large = false,
): EChartOption {
  const label = (l: { vi: string; en: string }) => (lang === "en" ? l.en || l.vi : l.vi);
  const fontSize = large ? 16 : 12;
  const base = {
    color: PALETTE,
    textStyle: { fontFamily: "inherit", fontSize },
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? formatNumber(v) : "—"),
    },
    legend: { top: 0, type: "scroll", itemGap: 20, textStyle: { fontSize } },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    yAxis: { type: "value", axisLabel: { formatter: (v: number) => formatNumber(v), fontSize } },
  };
  const seriesType = kind === "line" ? "line" : "bar";
  if (result.breakdown === "none" || result.columns.length === 0) {
    const categories = result.rows.map((r) => label(r.label));
    return {
      ...base,
      xAxis: {
        type: "category",
        data: categories,
        axisLabel: {
          interval: 0,
          width: 140,
          overflow: "truncate",
          rotate: categories.length > 4 ? 30 : 0,
          fontSize,
        },
      },
      series: [
        { name: names.value, type: seriesType, data: result.rows.map((r) => r.total.value) },
        {
          name: names.lastYear,
          type: seriesType,
          data: result.rows.map((r) => r.total.lastYear),
          itemStyle: { opacity: 0.55 },
          lineStyle: { type: "dashed" },
        },
      ],
    };
  }
  const columns = chartColumns(result);
  const categories = columns.map((c) => c.label);
  const series: object[] = result.rows.map((r) => ({
    name: label(r.label),
    type: seriesType,
    stack: kind === "stacked" ? "total" : undefined,
    emphasis: { focus: "series" },
    data: columns.map((c) => r.cells[c.key]?.value ?? null),
  }));
  if (result.rows.length === 1 && kind !== "stacked") {
    const r = result.rows[0];
    series.push({
      name: names.lastYear,
      type: seriesType,
      data: columns.map((c) => r.cells[c.key]?.lastYear ?? null),
      itemStyle: { opacity: 0.5 },
      lineStyle: { type: "dashed" },
    });
  }
  const many = categories.length > 8;
  // a long list of units shows 25 at a time, with a slider underneath
  const zoom = categories.length > 30;
  return {
    ...base,
    grid: { ...base.grid, bottom: zoom ? 48 : 8 },
    dataZoom: zoom
      ? [
          {
            type: "slider",
            xAxisIndex: 0,
            startValue: 0,
            endValue: 24,
            height: 20,
            bottom: 8,
            labelFormatter: () => "",
          },
        ]
      : undefined,
    xAxis: {
      type: "category",
      data: categories,
      axisLabel: {
        interval: 0,
        rotate: many ? 45 : 0,
        width: many ? 160 : 120,
        overflow: "truncate",
        fontSize,
        formatter: (v: string) => v.replace(/^Công an (xã|phường|đặc khu|tỉnh|thành phố) /, ""),
      },
    },
    series,
  };
}

/**
 * The chart's columns in display order: a long list of units is ordered largest first, so the slider's
 * first window shows what matters (in Vietnamese order a province's first 25 communes may all be zero);
 * periods stay in time order. Clicks on the chart index into this list.
 */
export function chartColumns(result: AnalysisResult): AnalysisResult["columns"] {
  if (result.columns.length <= 30 || result.breakdown === "period") return result.columns;
  return [...result.columns].sort((a, b) => columnTotal(result, b.key) - columnTotal(result, a.key));
}

function columnTotal(result: AnalysisResult, key: string): number {
  return result.rows.reduce((sum, r) => sum + (r.cells[key]?.value ?? 0), 0);
}

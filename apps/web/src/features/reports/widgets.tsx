import { ArrowDownOutlined, ArrowUpOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Flex, InputNumber, Select, Typography } from "antd";
import { useMemo } from "react";
import { DateRangePicker } from "../../components/DateInputs.tsx";
import { foldVietnamese, formatNumber } from "../../lib/format.ts";
import { useMessages } from "../../lib/i18n/index.tsx";
import { type Indicator, reportKeys, reportsApi } from "./api.ts";
import { reportsMessages } from "./messages.ts";
import { PERIOD_MODES, type PeriodChoice, RELATIVE_PERIODS } from "./period.ts";

/** The indicator catalogue (changes only when an administrator defines a figure). */
export function useIndicators() {
  return useQuery({ queryKey: reportKeys.indicators, queryFn: reportsApi.indicators, staleTime: 5 * 60_000 });
}

const MODULE_ORDER = ["movement", "submissions", "figures", "org-units", "accounts"];
/** Modules in a fixed order: the work first, the administrative counts last. */
export const moduleRank = (m: string) => (MODULE_ORDER.includes(m) ? MODULE_ORDER.indexOf(m) : 99);

/** Label of an indicator module in the current language. */
export function useModuleLabel() {
  const t = useMessages(reportsMessages);
  return (module: string) => {
    const key = `module.${module}` as Parameters<typeof t>[0];
    return key in reportsMessages.vi ? t(key) : module;
  };
}

/** Picks indicators from the catalogue, grouped by module; the search ignores diacritics and matches codes. */
export function IndicatorPicker({
  id,
  value,
  onChange,
  multiple = true,
  placeholder,
}: {
  id?: string;
  value: string[];
  onChange: (codes: string[]) => void;
  multiple?: boolean;
  placeholder?: string;
}) {
  const t = useMessages(reportsMessages);
  const moduleLabel = useModuleLabel();
  const catalogue = useIndicators();
  const options = useMemo(() => {
    const groups = new Map<string, Indicator[]>();
    for (const i of catalogue.data?.items ?? []) {
      const list = groups.get(i.module) ?? [];
      list.push(i);
      groups.set(i.module, list);
    }
    return [...groups]
      .sort(([a], [b]) => moduleRank(a) - moduleRank(b) || a.localeCompare(b))
      .map(([module, items]) => ({
        label: moduleLabel(module),
        title: moduleLabel(module),
        options: items.map((i) => ({
          value: i.code,
          label: t.lang === "en" ? i.label.en || i.label.vi : i.label.vi,
          search: foldVietnamese(`${i.label.vi} ${i.label.en} ${i.code}`),
        })),
      }));
  }, [catalogue.data, moduleLabel, t.lang]);
  return (
    <Select
      id={id}
      mode={multiple ? "multiple" : undefined}
      value={multiple ? value : value[0]}
      onChange={(v: string | string[]) => onChange(Array.isArray(v) ? v : v ? [v] : [])}
      options={options}
      loading={catalogue.isLoading}
      placeholder={placeholder ?? t("analysis.indicatorsPlaceholder")}
      showSearch={{
        filterOption: (input, option) =>
          !!(option as { search?: string } | undefined)?.search?.includes(foldVietnamese(input.trim())),
      }}
      allowClear
      maxTagCount="responsive"
      style={{ width: "100%" }}
      popupMatchSelectWidth={false}
      listHeight={400}
    />
  );
}

/** Chooses a period: month, quarter, six or nine months, year, a custom range or a relative period. */
export function PeriodPicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value: PeriodChoice;
  onChange: (next: PeriodChoice) => void;
}) {
  const t = useMessages(reportsMessages);
  const set = (patch: Partial<PeriodChoice>) => onChange({ ...value, ...patch });
  const year = (
    <InputNumber
      aria-label={t("period.year")}
      value={value.year}
      min={2000}
      max={2100}
      onChange={(y) => y && set({ year: y })}
      style={{ width: 96 }}
    />
  );
  return (
    <Flex gap={8} wrap>
      <Select
        id={id}
        aria-label={t("period.mode")}
        value={value.mode}
        onChange={(mode) => set({ mode })}
        options={PERIOD_MODES.map((m) => ({ value: m, label: t(`period.mode.${m}`) }))}
        style={{ width: 130 }}
      />
      {value.mode === "relative" ? (
        <Select
          aria-label={t("period.mode.relative")}
          value={value.relative}
          onChange={(relative) => set({ relative })}
          options={RELATIVE_PERIODS.map((r) => ({ value: r, label: t(`period.rel.${r}`) }))}
          style={{ width: 190 }}
        />
      ) : null}
      {value.mode === "month" ? (
        <Select
          aria-label={t("period.month")}
          value={value.month}
          onChange={(month) => set({ month })}
          options={Array.from({ length: 12 }, (_, i) => ({
            value: i + 1,
            label: t("period.monthN", { n: i + 1 }),
          }))}
          style={{ width: 120 }}
        />
      ) : null}
      {value.mode === "quarter" ? (
        <Select
          aria-label={t("period.quarter")}
          value={value.quarter}
          onChange={(quarter) => set({ quarter })}
          options={[1, 2, 3, 4].map((n) => ({ value: n, label: t("period.quarterN", { n }) }))}
          style={{ width: 110 }}
        />
      ) : null}
      {value.mode === "half" ? (
        <Select
          aria-label={t("period.half")}
          value={value.half}
          onChange={(half) => set({ half })}
          options={[
            { value: 1, label: t("period.half1") },
            { value: 2, label: t("period.half2") },
          ]}
          style={{ width: 170 }}
        />
      ) : null}
      {value.mode !== "relative" && value.mode !== "range" ? year : null}
      {value.mode === "range" ? (
        <div style={{ minWidth: 260 }}>
          <DateRangePicker
            value={[value.from, value.to]}
            onChange={(r) => set({ from: r?.[0] ?? null, to: r?.[1] ?? null })}
          />
        </div>
      ) : null}
    </Flex>
  );
}

/** A change against last year, coloured: ▲ green when it rose, ▼ red when it fell. */
export function Change({
  diff,
  percent,
  unit,
}: {
  diff: number | null;
  percent?: number | null;
  unit?: string;
}) {
  if (diff == null) return <Typography.Text type="secondary">—</Typography.Text>;
  const up = diff > 0;
  const down = diff < 0;
  const color = up ? "#237804" : down ? "#cf1322" : undefined;
  return (
    <span style={{ color, whiteSpace: "nowrap" }}>
      {up ? <ArrowUpOutlined aria-hidden /> : down ? <ArrowDownOutlined aria-hidden /> : null} {up ? "+" : ""}
      {formatNumber(diff)}
      {unit ? ` ${unit}` : ""}
      {percent != null ? ` (${up ? "+" : ""}${formatNumber(percent)}%)` : ""}
    </span>
  );
}

/** A percentage change alone, coloured the same way. */
export function PercentChange({ percent }: { percent: number | null }) {
  if (percent == null) return <Typography.Text type="secondary">—</Typography.Text>;
  const color = percent > 0 ? "#237804" : percent < 0 ? "#cf1322" : undefined;
  return (
    <span style={{ color, whiteSpace: "nowrap" }}>
      {percent > 0 ? "+" : ""}
      {formatNumber(percent)}%
    </span>
  );
}

/** A figure's value in the Vietnamese style; ratios carry their unit (%). */
export function formatValue(value: number | null, nature?: string): string {
  if (value == null) return "—";
  return nature === "ratio" ? formatNumber(value, 1) : formatNumber(value, 2);
}

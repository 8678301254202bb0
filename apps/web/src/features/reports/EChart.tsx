import { BarChart, LineChart } from "echarts/charts";
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { type CSSProperties, useEffect, useRef } from "react";

// only what the figures and dashboards draw, so the chunk stays small; SVG prints sharply
echarts.use([
  BarChart,
  LineChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type EChartOption = echarts.EChartsCoreOption;

/**
 * An ECharts chart that follows its container's width (and the print layout). `onClick` receives the
 * category index of the clicked bar or point. `label` names the chart for screen readers; the table
 * beside it carries the same figures.
 */
export function EChart({
  option,
  height = 360,
  label,
  onClick,
  style,
}: {
  option: EChartOption;
  height?: number;
  label: string;
  onClick?: (dataIndex: number) => void;
  style?: CSSProperties;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: "svg" });
    chart.current = instance;
    instance.on("click", (params) => {
      if (typeof params.dataIndex === "number") click.current?.(params.dataIndex);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    const beforePrint = () => instance.resize();
    window.addEventListener("beforeprint", beforePrint);
    return () => {
      observer.disconnect();
      window.removeEventListener("beforeprint", beforePrint);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={label}
      className="dv-chart"
      style={{ width: "100%", height, cursor: onClick ? "pointer" : undefined, ...style }}
    />
  );
}

import { useQuery } from "@tanstack/react-query";
import { Form, Space, Tag } from "antd";
import { useSearchParams } from "react-router";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { useMe } from "../../lib/auth.ts";
import { useMessages } from "../../lib/i18n/index.tsx";
import { movementApi } from "./api.ts";
import { movementMessages } from "./messages.ts";

export const useM = () => useMessages(movementMessages);

/** The unit a movement page looks at: `?unit=` in the address, else the user's acting unit. */
export function useUnitParam(): [number | null, (id: number | null) => void] {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const fromUrl = Number(params.get("unit"));
  const unitId = fromUrl > 0 ? fromUrl : (me.data?.actingUnit.id ?? null);
  const set = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set("unit", String(id));
    else next.delete("unit");
    setParams(next, { replace: true });
  };
  return [unitId, set];
}

export function UnitBar({
  unitId,
  onChange,
}: {
  unitId: number | null;
  onChange: (id: number | null) => void;
}) {
  const m = useM();
  const me = useMe();
  return (
    <Form layout="inline" style={{ marginBottom: 16 }}>
      <Form.Item label={m("common.unit")} htmlFor="movement-unit" style={{ minWidth: 360 }}>
        <UnitPicker
          id="movement-unit"
          value={unitId}
          onChange={(v) => onChange(v ?? null)}
          includeClosed
          allowClear={false}
          knownLabels={me.data ? { [me.data.actingUnit.id]: me.data.actingUnit.name } : undefined}
        />
      </Form.Item>
    </Form>
  );
}

export function DemoTag({ show }: { show: boolean }) {
  const m = useM();
  return show ? <Tag color="gold">{m("common.demo")}</Tag> : null;
}

export function useKinds() {
  return useQuery({
    queryKey: ["movement", "kinds"],
    queryFn: movementApi.activityKinds,
    staleTime: 5 * 60_000,
  });
}
export function useModelTypes() {
  return useQuery({
    queryKey: ["movement", "model-types"],
    queryFn: movementApi.modelTypes,
    staleTime: 5 * 60_000,
  });
}

export function Results({
  results,
  fields,
}: {
  results: Record<string, unknown>;
  fields?: { key: string; label: { vi: string; en: string } }[];
}) {
  const m = useM();
  const label = (k: string) => {
    const f = fields?.find((x) => x.key === k);
    return f ? (m.lang === "en" ? f.label.en : f.label.vi) : k;
  };
  const entries = Object.entries(results ?? {});
  return (
    <Space size={4} wrap>
      {entries.map(([k, v]) => (
        <Tag key={k}>
          {label(k)}: {typeof v === "number" ? v.toLocaleString("vi-VN") : String(v)}
        </Tag>
      ))}
    </Space>
  );
}

import { Form, Input, InputNumber, Select, Switch } from "antd";
import { DateInput } from "../../components/DateInputs.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import type { ActivityKind } from "./api.ts";
import { useM } from "./shared.tsx";

export interface ActivityValues {
  unitId: number;
  kind: string;
  occurredOn: string;
  startsAt?: string;
  endsAt?: string;
  title: string;
  organiser?: string;
  partners?: string[];
  programme?: string;
  narrative?: string;
  results?: Record<string, number | string | boolean | null>;
}

/** The activity form; the result fields come from the chosen kind's result form (catalogue data). */
export function ActivityFields({ kinds, kind }: { kinds: ActivityKind[]; kind?: string }) {
  const m = useM();
  const fields = kinds.find((k) => k.code === kind)?.resultFields ?? [];
  const time = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: "HH:mm" };
  return (
    <>
      <Form.Item name="kind" label={m("activities.kind")} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          options={kinds
            .filter((k) => k.active)
            .map((k) => ({ value: k.code, label: m.lang === "en" ? k.nameEn : k.name }))}
        />
      </Form.Item>
      <Form.Item name="unitId" label={m("common.unit")} rules={[{ required: true }]}>
        <UnitPicker includeClosed selectableKinds={["province", "department", "district", "commune"]} />
      </Form.Item>
      <Form.Item name="occurredOn" label={m("activities.occurredOn")} rules={[{ required: true }]}>
        <DateInput />
      </Form.Item>
      <Form.Item
        label={`${m("activities.startsAt")} – ${m("activities.endsAt")}`}
        style={{ marginBottom: 0 }}
      >
        <Form.Item name="startsAt" rules={[time]} style={{ display: "inline-block", width: "48%" }}>
          <Input aria-label={m("activities.startsAt")} placeholder="19:00" />
        </Form.Item>
        <Form.Item
          name="endsAt"
          rules={[time]}
          style={{ display: "inline-block", width: "48%", marginLeft: "4%" }}
        >
          <Input aria-label={m("activities.endsAt")} placeholder="22:00" />
        </Form.Item>
      </Form.Item>
      <Form.Item name="title" label={m("activities.name")} rules={[{ required: true, max: 300 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="organiser" label={m("activities.organiser")} rules={[{ max: 300 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="partners" label={m("common.partners")}>
        <Select mode="tags" tokenSeparators={[";"]} open={false} />
      </Form.Item>
      <Form.Item name="programme" label={m("activities.programme")} rules={[{ max: 300 }]}>
        <Input />
      </Form.Item>
      {fields.length > 0 && (
        <fieldset style={{ border: "1px solid #eee", padding: "8px 12px", marginBottom: 16 }}>
          <legend style={{ fontSize: 14, width: "auto", padding: "0 4px" }}>{m("activities.results")}</legend>
          {fields.map((f) => {
            const label = `${m.lang === "en" ? f.label.en : f.label.vi}${f.unit ? ` (${m.lang === "en" ? f.unit.en : f.unit.vi})` : ""}`;
            return (
              <Form.Item
                key={f.key}
                name={["results", f.key]}
                label={label}
                rules={[{ required: !!f.required }]}
                valuePropName={f.type === "bool" ? "checked" : "value"}
              >
                {f.type === "bool" ? (
                  <Switch />
                ) : f.type === "text" ? (
                  <Input />
                ) : (
                  <InputNumber
                    style={{ width: "100%" }}
                    min={f.min ?? undefined}
                    max={f.max ?? undefined}
                    precision={f.type === "int" ? 0 : undefined}
                    decimalSeparator=","
                  />
                )}
              </Form.Item>
            );
          })}
        </fieldset>
      )}
      <Form.Item name="narrative" label={m("activities.narrative")} rules={[{ max: 20000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </>
  );
}

/** Drops empty results so the server sees only what was entered. */
export function cleanValues(v: ActivityValues) {
  const results = Object.fromEntries(
    Object.entries(v.results ?? {}).filter(([, x]) => x !== undefined && x !== null && x !== ""),
  );
  return { ...v, startsAt: v.startsAt || null, endsAt: v.endsAt || null, results };
}

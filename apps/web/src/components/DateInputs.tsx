import { DatePicker } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useT } from "../lib/i18n/index.tsx";

export const DATE_FORMAT = "DD/MM/YYYY";

const toDayjs = (value?: string | null): Dayjs | null => (value ? dayjs(value, "YYYY-MM-DD") : null);
const toIso = (value: Dayjs | null | undefined): string | null => (value ? value.format("YYYY-MM-DD") : null);

/**
 * A date field whose value is a 'YYYY-MM-DD' string (what the API speaks), shown and typed as
 * dd/MM/yyyy. Works inside Form.Item (value/onChange).
 */
export function DateInput({
  value,
  onChange,
  id,
  allowClear = true,
  disabled,
  placeholder,
  minDate,
  maxDate,
  "aria-describedby": describedBy,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  allowClear?: boolean;
  disabled?: boolean;
  placeholder?: string;
  minDate?: string;
  maxDate?: string;
  "aria-describedby"?: string;
}) {
  const t = useT();
  return (
    <DatePicker
      id={id}
      value={toDayjs(value)}
      onChange={(d) => onChange?.(toIso(d))}
      format={DATE_FORMAT}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? "dd/mm/yyyy"}
      title={t("common.dateFormatHint")}
      minDate={toDayjs(minDate) ?? undefined}
      maxDate={toDayjs(maxDate) ?? undefined}
      aria-describedby={describedBy}
      style={{ width: "100%" }}
    />
  );
}

export type DateRange = [string | null, string | null];

/** A period as two 'YYYY-MM-DD' strings, shown as dd/MM/yyyy. */
export function DateRangePicker({
  value,
  onChange,
  id,
}: {
  value?: DateRange | null;
  onChange?: (value: DateRange | null) => void;
  id?: string;
}) {
  const t = useT();
  return (
    <DatePicker.RangePicker
      id={id}
      value={value ? [toDayjs(value[0]), toDayjs(value[1])] : null}
      onChange={(range) => onChange?.(range ? [toIso(range[0]), toIso(range[1])] : null)}
      format={DATE_FORMAT}
      allowEmpty={[true, true]}
      placeholder={[t("common.from"), t("common.to")]}
      title={t("common.dateFormatHint")}
      style={{ width: "100%" }}
    />
  );
}

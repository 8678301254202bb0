import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Checkbox, Form, Input, Select, Table, Tag } from "antd";
import { DateInput } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { api } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.ts";
import { formatDate } from "../../lib/format.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { useShowError } from "../../lib/useApiError.ts";
import { L } from "./messages.ts";

interface Rule {
  code: string;
  label: { vi: string; en: string };
  dayBasis: string;
  periodUnit: string;
  normalAmount: number;
  complexAmount: number | null;
  complexUnit: string | null;
  remoteAmount: number | null;
  remoteComplexAmount: number | null;
  maxExtensions: number;
  legalSource: string;
  sourceText: string;
  verification: string;
}
/** "20 ngày; phức tạp: 2 tháng; vùng xa: 45 ngày" in the interface's language. */
function ruleText(r: Rule, t: ReturnType<typeof useT>): string {
  const amount = (n: number, u: string | null) =>
    `${n} ${u === "months" ? t(L.months) : r.dayBasis === "working" ? t(L.workingDays) : t(L.days)}`;
  const parts = [amount(r.normalAmount, r.periodUnit)];
  if (r.complexAmount)
    parts.push(`${t(L.complex)}: ${amount(r.complexAmount, r.complexUnit ?? r.periodUnit)}`);
  if (r.remoteAmount)
    parts.push(
      `${t(L.remote)}: ${amount(r.remoteAmount, r.periodUnit)}${r.remoteComplexAmount ? ` (${t(L.complex)}: ${amount(r.remoteComplexAmount, r.periodUnit)})` : ""}`,
    );
  return parts.join("; ");
}

interface Holiday {
  day: string;
  kind: "holiday" | "working_day";
  nameVi: string;
  nameEn: string;
  verified: boolean;
  note: string | null;
}

/** The deadline rules (with their legal text) and the holiday calendar an administrator maintains. */
export default function RulesPage() {
  const t = useT();
  const can = useCan();
  const qc = useQueryClient();
  const showError = useShowError();
  const [form] = Form.useForm();
  const rules = useQuery({
    queryKey: ["submissions", "rules"],
    queryFn: () => api.get<{ items: Rule[] }>("/api/v1/submissions/rules"),
  });
  const holidays = useQuery({
    queryKey: ["submissions", "holidays"],
    queryFn: () => api.get<{ items: Holiday[] }>("/api/v1/submissions/holidays"),
  });
  const save = useMutation({
    mutationFn: (v: Holiday) =>
      api.put(`/api/v1/submissions/holidays/${v.day}`, {
        ...v,
        note: v.note ?? null,
        verified: !!v.verified,
      }),
    onSuccess: () => {
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ["submissions", "holidays"] });
    },
    onError: showError,
  });
  return (
    <>
      <PageHeader title={t(L.rules)} />
      <Table<Rule>
        rowKey="code"
        size="small"
        pagination={false}
        loading={rules.isLoading}
        dataSource={rules.data?.items ?? []}
        expandable={{ expandedRowRender: (r) => <p style={{ whiteSpace: "pre-wrap" }}>{r.sourceText}</p> }}
        columns={[
          { title: t(L.kind), render: (_, r) => t(r.label) },
          {
            title: t(L.period),
            render: (_, r) => ruleText(r, t),
          },
          { title: t(L.extensions), dataIndex: "maxExtensions", width: 90 },
          { title: t(L.legalSource), dataIndex: "legalSource" },
          {
            title: "",
            dataIndex: "verification",
            width: 50,
            render: (v: string) => <Tag color={v === "V" ? "green" : "orange"}>{v}</Tag>,
          },
        ]}
      />
      <Card title={t(L.holidays)} style={{ marginTop: 16 }}>
        {can("submission.manageRules") && (
          <Form
            form={form}
            layout="inline"
            style={{ marginBottom: 12, rowGap: 8 }}
            initialValues={{ kind: "holiday" }}
            onFinish={(v) => save.mutate(v)}
          >
            <Form.Item name="day" rules={[{ required: true }]}>
              <DateInput />
            </Form.Item>
            <Form.Item name="kind">
              <Select
                style={{ width: 170 }}
                options={[
                  { value: "holiday", label: t(L.holiday) },
                  { value: "working_day", label: t(L.workingDay) },
                ]}
              />
            </Form.Item>
            <Form.Item name="nameVi" rules={[{ required: true }]}>
              <Input placeholder="Tên (tiếng Việt)" maxLength={200} />
            </Form.Item>
            <Form.Item name="nameEn" rules={[{ required: true }]}>
              <Input placeholder="Name (English)" maxLength={200} />
            </Form.Item>
            <Form.Item name="verified" valuePropName="checked">
              <Checkbox>{t(L.verified)}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t(L.addHoliday)}
            </Button>
          </Form>
        )}
        <Table<Holiday>
          rowKey="day"
          size="small"
          loading={holidays.isLoading}
          dataSource={holidays.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t(L.day), render: (_, h) => formatDate(h.day), width: 110 },
            {
              title: t(L.kind),
              render: (_, h) => (h.kind === "holiday" ? t(L.holiday) : t(L.workingDay)),
              width: 150,
            },
            { title: t(L.holidayName), render: (_, h) => t({ vi: h.nameVi, en: h.nameEn }) },
            {
              title: "",
              width: 120,
              render: (_, h) => (
                <Tag color={h.verified ? "green" : "orange"}>{t(h.verified ? L.verified : L.toVerify)}</Tag>
              ),
            },
            { title: "", dataIndex: "note" },
          ]}
        />
      </Card>
    </>
  );
}

import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { DateInput } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { api } from "../../lib/api.ts";
import { useMe } from "../../lib/auth.ts";
import { todayIso } from "../../lib/format.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { applyFieldErrors, useShowError } from "../../lib/useApiError.ts";
import { KINDS } from "./api.ts";
import { L } from "./messages.ts";

const CHANNELS = [
  { value: "walk_in", label: { vi: "Trực tiếp", en: "In person" } },
  { value: "phone", label: { vi: "Điện thoại", en: "Phone" } },
  { value: "letter", label: { vi: "Thư, đơn", en: "Letter" } },
  { value: "forum", label: { vi: "Diễn đàn lắng nghe ý kiến", en: "Listening forum" } },
  { value: "other", label: { vi: "Khác", en: "Other" } },
];

/** Intake by an officer: walk-ins, phone calls, letters, forum opinions. The code is shown once. */
export default function IntakePage() {
  const t = useT();
  const me = useMe();
  const showError = useShowError();
  const [form] = Form.useForm();
  const [created, setCreated] = useState<{ id: number; ref: string; receiptCode: string } | null>(null);
  const identified = Form.useWatch("identified", form);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<{ id: number; ref: string; receiptCode: string }>("/api/v1/submissions", {
        kind: v.kind,
        channel: v.channel,
        unitId: v.unitId,
        placeUnitId: v.placeUnitId ?? null,
        address: v.address ?? null,
        occurredOn: v.occurredOn ?? null,
        receivedOn: v.receivedOn ?? undefined,
        title: v.title ?? null,
        content: v.content,
        anonymous: !v.identified,
        identity: v.identified
          ? {
              name: v.name,
              phone: v.phone ?? null,
              idNumber: v.idNumber ?? null,
              address: v.homeAddress ?? null,
            }
          : null,
        wantsProtection: !!v.wantsProtection,
        documents: v.documents ?? null,
      }),
    onSuccess: (r) => setCreated(r),
    onError: (e) => {
      if (!applyFieldErrors(form, e)) showError(e);
    },
  });
  if (created)
    return (
      <>
        <PageHeader
          title={t(L.intake)}
          breadcrumb={[{ title: t(L.inbox), to: "/tin-bao" }, { title: created.ref }]}
        />
        <Card>
          <Typography.Paragraph>{t(L.codeOnce)}</Typography.Paragraph>
          <Typography.Title level={3} copyable data-testid="intake-code" style={{ fontFamily: "monospace" }}>
            {created.receiptCode}
          </Typography.Title>
          <Space wrap>
            <Button type="primary" href={`/api/v1/submissions/${created.id}/receipt.docx`}>
              {t(L.docx)}
            </Button>
            <Link to={`/tin-bao/${created.id}`}>
              <Button>{created.ref}</Button>
            </Link>
            <Button
              onClick={() => {
                setCreated(null);
                form.resetFields();
              }}
            >
              {t(L.intake)}
            </Button>
          </Space>
        </Card>
      </>
    );
  return (
    <>
      <PageHeader
        title={t(L.intake)}
        breadcrumb={[{ title: t(L.inbox), to: "/tin-bao" }, { title: t(L.intake) }]}
      />
      <Card>
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 760 }}
          initialValues={{
            kind: "crime_report",
            channel: "walk_in",
            unitId: me.data?.actingUnit.id,
            receivedOn: todayIso(),
            identified: false,
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="kind" label={t(L.kind)} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k.value, label: t(k.label) }))} />
          </Form.Item>
          <Form.Item name="channel" label={t(L.channel)} rules={[{ required: true }]}>
            <Radio.Group options={CHANNELS.map((c) => ({ value: c.value, label: t(c.label) }))} />
          </Form.Item>
          <Form.Item name="unitId" label={t(L.receivingUnit)} rules={[{ required: true }]}>
            <UnitPicker
              knownLabels={me.data ? { [me.data.actingUnit.id]: me.data.actingUnit.name } : undefined}
            />
          </Form.Item>
          <Form.Item name="placeUnitId" label={t(L.placeUnit)}>
            <UnitPicker selectableKinds={["commune"]} />
          </Form.Item>
          <Form.Item name="address" label={t(L.place)}>
            <Input maxLength={300} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="receivedOn" label={t(L.receivedOn)} rules={[{ required: true }]}>
              <DateInput />
            </Form.Item>
            <Form.Item name="occurredOn" label={t(L.occurred)}>
              <DateInput />
            </Form.Item>
          </Space>
          <Form.Item name="title" label={t(L.title)}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="content" label={t(L.content)} rules={[{ required: true, min: 10 }]}>
            <Input.TextArea rows={6} maxLength={10000} />
          </Form.Item>
          <Form.Item name="documents" label={t(L.documents)}>
            <Input maxLength={1000} />
          </Form.Item>
          <Form.Item name="identified" valuePropName="checked">
            <Checkbox>{t(L.giveIdentity)}</Checkbox>
          </Form.Item>
          {identified && (
            <>
              <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t(L.revealWarn)} />
              <Form.Item name="name" label={t(L.name)} rules={[{ required: true }]}>
                <Input maxLength={200} autoComplete="off" />
              </Form.Item>
              <Form.Item name="phone" label={t(L.phone)}>
                <Input maxLength={30} autoComplete="off" />
              </Form.Item>
              <Form.Item name="idNumber" label={t(L.idNumber)}>
                <Input maxLength={20} autoComplete="off" />
              </Form.Item>
              <Form.Item name="homeAddress" label={t(L.address)}>
                <Input maxLength={300} autoComplete="off" />
              </Form.Item>
            </>
          )}
          <Form.Item name="wantsProtection" valuePropName="checked">
            <Checkbox>{t(L.protection)}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t(L.create)}
          </Button>
        </Form>
      </Card>
    </>
  );
}

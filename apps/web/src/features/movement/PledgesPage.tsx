import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Space, Table } from "antd";
import { useState } from "react";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { useCan } from "../../lib/auth.ts";
import { formatNumber } from "../../lib/format.ts";
import { applyFieldErrors, useShowError } from "../../lib/useApiError.ts";
import { movementApi, type Pledge } from "./api.ts";
import { DemoTag, UnitBar, useM, useUnitParam } from "./shared.tsx";

/** Household pledges per residential area and year, with the rate; record or replace a figure. */
export default function PledgesPage() {
  const m = useM();
  const can = useCan();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useUnitParam();
  const [year, setYear] = useState<number | null>(null);
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: ["movement", "pledges", unitId, year],
    queryFn: () => movementApi.pledges({ unitId: unitId ?? undefined, year, limit: 500 }),
    enabled: !!unitId,
  });
  const save = useMutation({
    mutationFn: movementApi.savePledge,
    onSuccess: () => {
      message.success(m("common.saved"));
      form.resetFields(["households", "householdsSigned", "note"]);
      void client.invalidateQueries({ queryKey: ["movement"] });
    },
    onError: (e) => applyFieldErrors(form, e) || showError(e),
  });
  const remove = useMutation({
    mutationFn: movementApi.deletePledge,
    onSuccess: () => {
      message.success(m("common.deleted"));
      void client.invalidateQueries({ queryKey: ["movement"] });
    },
    onError: showError,
  });
  /** PUT is keyed by area and year: editing a row refills the form below and saves over it. */
  const edit = (r: Pledge) => {
    form.setFieldsValue({
      unitId: r.unit.id,
      year: r.year,
      households: r.households,
      householdsSigned: r.householdsSigned,
      note: r.note ?? undefined,
    });
    document.getElementById("movement-pledge-form")?.scrollIntoView({ behavior: "smooth" });
  };
  return (
    <>
      <PageHeader
        title={m("pledges.title")}
        breadcrumb={[{ title: m("menu.overview"), to: "/phong-trao" }, { title: m("menu.pledges") }]}
      />
      <UnitBar unitId={unitId} onChange={setUnitId} />
      <ProblemAlert error={list.error} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <label htmlFor="movement-pledges-year">
          {m("common.year")}{" "}
          <InputNumber id="movement-pledges-year" min={1990} max={2100} value={year} onChange={setYear} />
        </label>
        {list.data?.totals.map((t) => (
          <div key={t.year}>
            <strong>{t.year}</strong>: {formatNumber(t.householdsSigned)} / {formatNumber(t.households)}{" "}
            {m("pledges.households").toLowerCase()} ({t.rate == null ? "—" : `${formatNumber(t.rate)}%`}),{" "}
            {t.areas} {m("common.area").toLowerCase()}
          </div>
        ))}
      </Card>
      <Table<Pledge>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: m("common.year"), dataIndex: "year", width: 80 },
          {
            title: m("common.area"),
            render: (_, r) => (
              <>
                {r.unit.name} <DemoTag show={r.isDemo} />
              </>
            ),
          },
          {
            title: m("pledges.households"),
            dataIndex: "households",
            align: "right",
            render: (v) => formatNumber(v),
          },
          {
            title: m("pledges.signed"),
            dataIndex: "householdsSigned",
            align: "right",
            render: (v) => formatNumber(v),
          },
          {
            title: m("pledges.rate"),
            dataIndex: "rate",
            align: "right",
            render: (v) => (v == null ? "—" : `${formatNumber(v)}%`),
          },
          {
            title: m("common.actions"),
            width: 150,
            render: (_, r) => (
              <Space>
                {r.abilities.update && (
                  <Button size="small" onClick={() => edit(r)} title={m("pledges.edit")}>
                    {m("common.edit")}
                  </Button>
                )}
                {r.abilities.delete && (
                  <Popconfirm title={m("pledges.deleteConfirm")} onConfirm={() => remove.mutate(r.id)}>
                    <Button size="small" danger>
                      {m("common.delete")}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {can("movement.record") && (
        <Card id="movement-pledge-form" title={m("pledges.save")} style={{ marginTop: 16 }}>
          <Form
            form={form}
            layout="inline"
            onFinish={(v) => save.mutate(v)}
            initialValues={{ year: new Date().getFullYear() }}
          >
            <Form.Item
              name="unitId"
              label={m("common.area")}
              rules={[{ required: true }]}
              style={{ minWidth: 320 }}
            >
              <UnitPicker selectableKinds={["area", "commune"]} />
            </Form.Item>
            <Form.Item name="year" label={m("common.year")} rules={[{ required: true }]}>
              <InputNumber min={1990} max={2100} />
            </Form.Item>
            <Form.Item name="households" label={m("pledges.households")} rules={[{ required: true }]}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="householdsSigned" label={m("pledges.signed")} rules={[{ required: true }]}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="note" hidden>
              <Input />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {m("common.save")}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}

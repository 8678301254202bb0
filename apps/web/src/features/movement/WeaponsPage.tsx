import { MinusCircleOutlined } from "@ant-design/icons";
import { WEAPON_CATEGORIES, WEAPON_CATEGORY_LABELS } from "@danvan/shared/schemas/movement";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
} from "antd";
import { useState } from "react";
import { DateInput } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { useCan } from "../../lib/auth.ts";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { applyFieldErrors, useShowError } from "../../lib/useApiError.ts";
import { movementApi, receiptUrl, type Surrender } from "./api.ts";
import { DemoTag, UnitBar, useM, useUnitParam } from "./shared.tsx";

/** The register of surrendered weapons, explosives and support tools, totals by category, receipts. */
export default function WeaponsPage() {
  const m = useM();
  const can = useCan();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useUnitParam();
  const [open, setOpen] = useState(false);
  /** the surrender being changed; null while recording a new one */
  const [editId, setEditId] = useState<number | null>(null);
  const [form] = Form.useForm();
  const anonymous = Form.useWatch("anonymous", form);
  const list = useInfiniteQuery({
    queryKey: ["movement", "weapons", unitId],
    queryFn: ({ pageParam }) => movementApi.weapons({ unitId: unitId ?? undefined, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!unitId,
  });
  const create = useMutation({
    mutationFn: (v: unknown) =>
      editId ? movementApi.updateSurrender(editId, v) : movementApi.createSurrender(v),
    onSuccess: () => {
      message.success(m("common.saved"));
      setOpen(false);
      void client.invalidateQueries({ queryKey: ["movement"] });
    },
    onError: (e) => applyFieldErrors(form, e) || showError(e),
  });
  const remove = useMutation({
    mutationFn: movementApi.deleteSurrender,
    onSuccess: () => {
      message.success(m("common.deleted"));
      void client.invalidateQueries({ queryKey: ["movement"] });
    },
    onError: showError,
  });
  const startEdit = async (id: number) => {
    try {
      const s = await movementApi.surrender(id);
      form.resetFields();
      form.setFieldsValue({
        unitId: s.unit.id,
        areaId: s.area?.id ?? null,
        surrenderedOn: s.surrenderedOn,
        place: s.place ?? undefined,
        anonymous: s.anonymous,
        surrenderedBy: s.surrenderedBy ?? undefined,
        surrenderedByAddress: s.surrenderedByAddress ?? undefined,
        receivingOfficerId: s.receivingOfficer.id,
        receivingOfficerName: s.receivingOfficer.name ?? undefined,
        storageRef: s.storageRef ?? undefined,
        activityId: s.activityId,
        note: s.note ?? undefined,
        items: s.items.map((i) => ({
          category: i.category,
          quantity: i.quantity,
          description: i.description ?? undefined,
        })),
      });
      setEditId(id);
      setOpen(true);
    } catch (e) {
      showError(e);
    }
  };
  const totals = list.data?.pages[0]?.totals ?? [];
  return (
    <>
      <PageHeader
        title={m("weapons.title")}
        breadcrumb={[{ title: m("menu.overview"), to: "/phong-trao" }, { title: m("menu.weapons") }]}
        extra={
          can("movement.record") && (
            <Button
              type="primary"
              onClick={() => {
                form.resetFields();
                setEditId(null);
                form.setFieldsValue({
                  unitId,
                  anonymous: false,
                  items: [{ category: "homemade_gun", quantity: 1 }],
                });
                setOpen(true);
              }}
            >
              {m("weapons.new")}
            </Button>
          )
        }
      />
      <UnitBar unitId={unitId} onChange={setUnitId} />
      <ProblemAlert error={list.error} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          {totals.map((t) => (
            <span key={t.category}>
              {m.lang === "en" ? t.label.en : t.label.vi}: <strong>{formatNumber(t.quantity)}</strong>
            </span>
          ))}
        </Space>
      </Card>
      <Table<Surrender>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isLoading}
        dataSource={list.data?.pages.flatMap((p) => p.items) ?? []}
        columns={[
          { title: m("weapons.on"), dataIndex: "surrenderedOn", render: formatDate, width: 110 },
          {
            title: m("common.unit"),
            render: (_, r) => (
              <>
                {r.unit.name} <DemoTag show={r.isDemo} />
              </>
            ),
          },
          {
            title: m("weapons.by"),
            render: (_, r) => (r.anonymous ? m("weapons.anonymous") : (r.surrenderedBy ?? "—")),
          },
          {
            title: m("weapons.items"),
            render: (_, r) => r.items.map((i) => `${i.label.vi}: ${i.quantity}`).join("; "),
          },
          { title: m("weapons.storage"), dataIndex: "storageRef" },
          {
            title: m("common.actions"),
            render: (_, r) => (
              <Space>
                <Button size="small" href={receiptUrl(r.id)}>
                  {m("weapons.receipt")}
                </Button>
                {r.abilities.update && (
                  <Button size="small" onClick={() => void startEdit(r.id)}>
                    {m("common.edit")}
                  </Button>
                )}
                {r.abilities.delete && (
                  <Popconfirm title={m("weapons.deleteConfirm")} onConfirm={() => remove.mutate(r.id)}>
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
      {list.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => list.fetchNextPage()}>
          {m("common.more")}
        </Button>
      )}
      <Modal
        open={open}
        title={editId ? m("weapons.edit") : m("weapons.new")}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={m("common.save")}
        cancelText={m("common.cancel")}
        confirmLoading={create.isPending}
        forceRender
        width={680}
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="unitId" label={m("common.unit")} rules={[{ required: true }]}>
            <UnitPicker includeClosed />
          </Form.Item>
          <Form.Item name="surrenderedOn" label={m("weapons.on")} rules={[{ required: true }]}>
            <DateInput />
          </Form.Item>
          {/* kept as they were when editing (the form does not show them) */}
          {["areaId", "surrenderedByAddress", "receivingOfficerId", "activityId", "note"].map((n) => (
            <Form.Item key={n} name={n} hidden>
              <Input />
            </Form.Item>
          ))}
          <Form.Item name="place" label={m("common.place")}>
            <Input />
          </Form.Item>
          <Form.Item name="anonymous" valuePropName="checked">
            <Checkbox>{m("weapons.anonymous")}</Checkbox>
          </Form.Item>
          {!anonymous && (
            <Form.Item name="surrenderedBy" label={m("weapons.by")} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          )}
          <Form.Item name="receivingOfficerName" label={m("weapons.officer")}>
            <Input />
          </Form.Item>
          <Form.Item name="storageRef" label={m("weapons.storage")}>
            <Input />
          </Form.Item>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <fieldset style={{ border: "1px solid #eee", padding: 8 }}>
                <legend style={{ fontSize: 14, width: "auto" }}>{m("weapons.items")}</legend>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item
                      name={[f.name, "category"]}
                      rules={[{ required: true }]}
                      label={m("weapons.category")}
                    >
                      <Select
                        style={{ width: 200 }}
                        options={WEAPON_CATEGORIES.map((c) => ({
                          value: c,
                          label: WEAPON_CATEGORY_LABELS[c].vi,
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, "quantity"]}
                      rules={[{ required: true }]}
                      label={m("weapons.quantity")}
                    >
                      <InputNumber min={1} />
                    </Form.Item>
                    <MinusCircleOutlined aria-label="remove" onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button onClick={() => add({ category: "homemade_gun", quantity: 1 })}>
                  {m("weapons.addItem")}
                </Button>
              </fieldset>
            )}
          </Form.List>
        </Form>
      </Modal>
    </>
  );
}

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { DateInput } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { useCan } from "../../lib/auth.ts";
import { formatDate } from "../../lib/format.ts";
import { applyFieldErrors, useShowError } from "../../lib/useApiError.ts";
import { type Model, movementApi } from "./api.ts";
import { DemoTag, UnitBar, useM, useModelTypes, useUnitParam } from "./shared.tsx";

/** The models of a unit's subtree (including those that merely cover it), with filters; add a model. */
export default function ModelsPage() {
  const m = useM();
  const can = useCan();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [params] = useSearchParams();
  const [unitId, setUnitId] = useUnitParam();
  const types = useModelTypes();
  const [typeId, setTypeId] = useState<number | undefined>(Number(params.get("type")) || undefined);
  const [status, setStatus] = useState<string | undefined>();
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const chosenTypeId = Form.useWatch("typeId", form);
  const chosenType = types.data?.items.find((t) => t.id === chosenTypeId);

  const list = useInfiniteQuery({
    queryKey: ["movement", "models", unitId, typeId, status, q],
    queryFn: ({ pageParam }) =>
      movementApi.models({ unitId: unitId ?? undefined, typeId, status, q, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!unitId,
  });
  const create = useMutation({
    mutationFn: movementApi.createModel,
    onSuccess: (r) => {
      message.success(m("common.saved"));
      void client.invalidateQueries({ queryKey: ["movement"] });
      navigate(`/phong-trao/mo-hinh/${r.id}`);
    },
    onError: (e) => applyFieldErrors(form, e) || showError(e),
  });
  return (
    <>
      <PageHeader
        title={m("models.title")}
        breadcrumb={[{ title: m("menu.overview"), to: "/phong-trao" }, { title: m("menu.models") }]}
        extra={
          can("movement.record") && (
            <Button
              type="primary"
              onClick={() => {
                form.setFieldsValue({ unitId });
                setOpen(true);
              }}
            >
              {m("models.new")}
            </Button>
          )
        }
      />
      <UnitBar unitId={unitId} onChange={setUnitId} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label={m("models.type")}
          placeholder={m("models.type")}
          style={{ width: 320 }}
          value={typeId}
          onChange={setTypeId}
          options={types.data?.items.map((t) => ({ value: t.id, label: t.name }))}
        />
        <Select
          allowClear
          aria-label={m("common.status")}
          placeholder={m("common.status")}
          style={{ width: 180 }}
          value={status}
          onChange={setStatus}
          options={[
            { value: "active", label: "Đang hoạt động" },
            { value: "suspended", label: "Tạm dừng" },
            { value: "ended", label: "Đã kết thúc" },
          ]}
        />
        <Input.Search
          aria-label={m("models.name")}
          placeholder={m("models.name")}
          allowClear
          onSearch={setQ}
          style={{ width: 260 }}
        />
      </Space>
      <ProblemAlert error={list.error} />
      <Table<Model>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isLoading}
        dataSource={list.data?.pages.flatMap((p) => p.items) ?? []}
        columns={[
          {
            title: m("models.name"),
            render: (_, r) => (
              <>
                <Link to={`/phong-trao/mo-hinh/${r.id}`}>{r.name}</Link> <DemoTag show={r.isDemo} />
              </>
            ),
          },
          { title: m("models.type"), render: (_, r) => r.type.name },
          { title: m("common.unit"), render: (_, r) => r.unit.name },
          { title: m("models.launchedOn"), dataIndex: "launchedOn", render: formatDate },
          {
            title: m("common.status"),
            render: (_, r) => (
              <Tag color={r.status === "active" ? "green" : "default"}>
                {m.lang === "en" ? r.statusLabel.en : r.statusLabel.vi}
              </Tag>
            ),
          },
          { title: m("models.members"), dataIndex: "memberCount", align: "right" },
          {
            title: m("models.nextReview"),
            render: (_, r) => (
              <span style={{ color: r.dueForReview ? "#cf1322" : undefined }}>
                {formatDate(r.nextReviewOn)}
              </span>
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
        title={m("models.new")}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={m("common.save")}
        cancelText={m("common.cancel")}
        confirmLoading={create.isPending}
        width={680}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            create.mutate({ ...v, partners: v.partners ?? [], coverUnitIds: v.coverUnitIds ?? [] })
          }
        >
          <Form.Item name="typeId" label={m("models.type")} rules={[{ required: true }]}>
            <Select
              options={types.data?.items.filter((t) => t.active).map((t) => ({ value: t.id, label: t.name }))}
            />
          </Form.Item>
          <Form.Item name="name" label={m("models.name")} rules={[{ required: true, max: 300 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="unitId" label={m("common.unit")} rules={[{ required: true }]}>
            <UnitPicker includeClosed />
          </Form.Item>
          <Form.Item name="coverUnitIds" label={m("models.covers")}>
            <UnitPicker multiple includeClosed />
          </Form.Item>
          <Form.Item name="launchedOn" label={m("models.launchedOn")} rules={[{ required: true }]}>
            <DateInput />
          </Form.Item>
          <Form.Item name="foundingDecision" label={m("models.decision")}>
            <Input />
          </Form.Item>
          <Form.Item name="partners" label={m("common.partners")}>
            <Select mode="tags" open={false} tokenSeparators={[";"]} />
          </Form.Item>
          <Form.Item name="coordinatorName" label={m("models.coordinator")}>
            <Input />
          </Form.Item>
          <Form.Item name="coordinatorPhone" label={m("models.coordinatorPhone")}>
            <Input />
          </Form.Item>
          {chosenType?.countsCameraPoints && (
            <Form.Item name="cameraPoints" label={m("models.cameraPoints")}>
              <InputNumber min={0} style={{ width: "100%" }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

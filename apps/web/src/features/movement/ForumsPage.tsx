import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, InputNumber, Modal, Table, Tag } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { DateInput } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { useCan } from "../../lib/auth.ts";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { applyFieldErrors, useShowError } from "../../lib/useApiError.ts";
import { type Forum, movementApi } from "./api.ts";
import { DemoTag, UnitBar, useM, useUnitParam } from "./shared.tsx";

export default function ForumsPage() {
  const m = useM();
  const can = useCan();
  const navigate = useNavigate();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useUnitParam();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const list = useInfiniteQuery({
    queryKey: ["movement", "forums", unitId],
    queryFn: ({ pageParam }) => movementApi.forums({ unitId: unitId ?? undefined, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!unitId,
  });
  const create = useMutation({
    mutationFn: movementApi.createForum,
    onSuccess: (f) => {
      message.success(m("common.saved"));
      void client.invalidateQueries({ queryKey: ["movement"] });
      navigate(`/phong-trao/dien-dan/${f.id}`);
    },
    onError: (e) => applyFieldErrors(form, e) || showError(e),
  });
  return (
    <>
      <PageHeader
        title={m("forums.title")}
        breadcrumb={[{ title: m("menu.overview"), to: "/phong-trao" }, { title: m("menu.forums") }]}
        extra={
          can("movement.record") && (
            <Button
              type="primary"
              onClick={() => {
                form.setFieldsValue({ unitId });
                setOpen(true);
              }}
            >
              {m("forums.new")}
            </Button>
          )
        }
      />
      <UnitBar unitId={unitId} onChange={setUnitId} />
      <ProblemAlert error={list.error} />
      <Table<Forum>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isLoading}
        dataSource={list.data?.pages.flatMap((p) => p.items) ?? []}
        columns={[
          { title: m("forums.heldOn"), dataIndex: "heldOn", render: formatDate, width: 120 },
          {
            title: m("common.title"),
            render: (_, r) => (
              <>
                <Link to={`/phong-trao/dien-dan/${r.id}`}>{r.title}</Link> <DemoTag show={r.isDemo} />
              </>
            ),
          },
          { title: m("common.unit"), render: (_, r) => r.unit.name },
          { title: m("common.place"), dataIndex: "place" },
          {
            title: m("common.status"),
            render: (_, r) => <Tag>{m.lang === "en" ? r.statusLabel.en : r.statusLabel.vi}</Tag>,
          },
          {
            title: m("forums.attendance"),
            dataIndex: "attendance",
            align: "right",
            render: (v) => formatNumber(v),
          },
          { title: m("forums.opinions"), dataIndex: "opinionCount", align: "right" },
        ]}
      />
      {list.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => list.fetchNextPage()}>
          {m("common.more")}
        </Button>
      )}
      <Modal
        open={open}
        title={m("forums.new")}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={m("common.save")}
        cancelText={m("common.cancel")}
        confirmLoading={create.isPending}
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="unitId" label={m("common.unit")} rules={[{ required: true }]}>
            <UnitPicker includeClosed />
          </Form.Item>
          <Form.Item
            name="title"
            label={m("common.title")}
            rules={[{ required: true }]}
            initialValue="Diễn đàn “Công an lắng nghe ý kiến Nhân dân”"
          >
            <Input />
          </Form.Item>
          <Form.Item name="heldOn" label={m("forums.heldOn")} rules={[{ required: true }]}>
            <DateInput />
          </Form.Item>
          <Form.Item name="place" label={m("common.place")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="invitees" label={m("forums.invitees")}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="chair" label={m("forums.chair")}>
            <Input />
          </Form.Item>
          <Form.Item name="attendance" label={m("forums.attendance")}>
            <InputNumber min={0} style={{ width: "100%" }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

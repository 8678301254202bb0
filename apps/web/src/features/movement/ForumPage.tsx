import { OPINION_KIND_LABELS, OPINION_KINDS } from "@danvan/shared/schemas/movement";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Form, Input, Select, Table, Tag } from "antd";
import { useParams } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { formatDate, formatNumber, todayIso } from "../../lib/format.ts";
import { applyFieldErrors, useShowError } from "../../lib/useApiError.ts";
import { forumReportUrl, movementApi, type Opinion } from "./api.ts";
import { DemoTag, useM } from "./shared.tsx";

/** A forum: its plan and attendance, each opinion and how the citizen channel handled it, the DOCX report. */
export default function ForumPage() {
  const m = useM();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const forum = useQuery({ queryKey: ["movement", "forum", id], queryFn: () => movementApi.forum(id) });
  const [form] = Form.useForm();
  const done = () => {
    message.success(m("common.saved"));
    void client.invalidateQueries({ queryKey: ["movement"] });
  };
  const add = useMutation({
    mutationFn: (v: object) => movementApi.addOpinion(id, v),
    onSuccess: () => {
      form.resetFields();
      done();
    },
    onError: (e) => applyFieldErrors(form, e) || showError(e),
  });
  const held = useMutation({
    mutationFn: () => movementApi.updateForum(id, { status: "held" }),
    onSuccess: done,
    onError: showError,
  });
  const f = forum.data;
  return (
    <>
      <PageHeader
        title={f?.title ?? "…"}
        subtitle={f ? `${f.unit.name} — ${formatDate(f.heldOn)}` : undefined}
        breadcrumb={[
          { title: m("menu.overview"), to: "/phong-trao" },
          { title: m("menu.forums"), to: "/phong-trao/dien-dan" },
          { title: f?.title ?? "" },
        ]}
        extra={
          f && (
            <>
              {f.status === "planned" && f.abilities.update && f.heldOn <= todayIso() && (
                <Button onClick={() => held.mutate()}>{m("forums.markHeld")}</Button>
              )}
              <Button href={forumReportUrl(id)}>{m("forums.report")}</Button>
            </>
          )
        }
      />
      <ProblemAlert error={forum.error} />
      {f && (
        <>
          <Card style={{ marginBottom: 16 }}>
            <DemoTag show={f.isDemo} />
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={m("common.status")}>
                {m.lang === "en" ? f.statusLabel.en : f.statusLabel.vi}
              </Descriptions.Item>
              <Descriptions.Item label={m("common.place")}>{f.place}</Descriptions.Item>
              <Descriptions.Item label={m("forums.chair")}>{f.chair ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={m("forums.attendance")}>
                {formatNumber(f.attendance)}
              </Descriptions.Item>
              <Descriptions.Item label={m("forums.invitees")}>{f.invitees ?? "—"}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={m("forums.opinions")}>
            <Table<Opinion>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={f.opinions}
              columns={[
                { title: m("common.seq"), dataIndex: "seq", width: 60 },
                { title: m("forums.content"), dataIndex: "content" },
                {
                  title: m("forums.opinionKind"),
                  render: (_, o) => (m.lang === "en" ? o.kindLabel.en : o.kindLabel.vi),
                },
                { title: m("forums.code"), render: (_, o) => o.submission?.code ?? "—" },
                {
                  title: m("forums.handling"),
                  render: (_, o) =>
                    o.submission?.statusLabel ? (
                      <>
                        <Tag color={o.submission.closedAt ? "green" : o.submission.overdue ? "red" : "blue"}>
                          {m.lang === "en" ? o.submission.statusLabel.en : o.submission.statusLabel.vi}
                        </Tag>
                        {o.submission.overdue && <Tag color="red">{m("forums.overdue")}</Tag>}
                        {o.submission.dueOn && `${m("forums.due")}: ${formatDate(o.submission.dueOn)}`}
                      </>
                    ) : (
                      "—"
                    ),
                },
              ]}
            />
            {f.abilities.addOpinion && (
              <Form form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={(v) => add.mutate(v)}>
                <Form.Item
                  name="kind"
                  label={m("forums.opinionKind")}
                  rules={[{ required: true }]}
                  initialValue="security_feedback"
                >
                  <Select
                    options={OPINION_KINDS.map((k) => ({
                      value: k,
                      label: OPINION_KIND_LABELS[k][m.lang === "en" ? "en" : "vi"],
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name="content"
                  label={m("forums.content")}
                  rules={[{ required: true, max: 10000 }]}
                >
                  <Input.TextArea rows={3} />
                </Form.Item>
                <Form.Item name="citizenName" label={m("forums.citizenName")}>
                  <Input />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={add.isPending}>
                  {m("forums.addOpinion")}
                </Button>
              </Form>
            )}
          </Card>
        </>
      )}
    </>
  );
}

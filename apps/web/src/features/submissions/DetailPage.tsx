import { DownloadOutlined, EyeOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useState } from "react";
import { useParams } from "react-router";
import { DateInput } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { api } from "../../lib/api.ts";
import { formatDate, formatDateTime, todayIso } from "../../lib/format.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { useShowError } from "../../lib/useApiError.ts";
import { type Detail, OUTCOMES, SUB_STATUSES } from "./api.ts";
import { Due } from "./Due.tsx";
import { EVENT_LABELS, L } from "./messages.ts";

type Dialog = null | "assign" | "transfer" | "decision" | "close" | "reopen" | "merge" | "reveal";

export default function DetailPage() {
  const { id } = useParams();
  const t = useT();
  const qc = useQueryClient();
  const showError = useShowError();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [identity, setIdentity] = useState<Record<string, string | null> | null>(null);
  const [replyForm] = Form.useForm();
  const [noteForm] = Form.useForm();
  const [dialogForm] = Form.useForm();
  const item = useQuery({
    queryKey: ["submissions", "item", id],
    queryFn: () => api.get<Detail>(`/api/v1/submissions/${id}`),
  });
  const templates = useQuery({
    queryKey: ["submissions", "templates"],
    queryFn: () =>
      api.get<{ items: Array<{ id: number; title: string; body: string }> }>("/api/v1/submissions/templates"),
  });
  const assignees = useQuery({
    queryKey: ["submissions", "assignees", id],
    enabled: dialog === "assign",
    queryFn: () =>
      api.get<{ items: Array<{ id: number; name: string; position: string | null }> }>(
        `/api/v1/submissions/${id}/assignees`,
      ),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ["submissions"] });
  };
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) =>
      api.post<Record<string, unknown>>(`/api/v1/submissions/${id}/${path}`, body),
    onSuccess: (result, vars) => {
      if (vars.path === "reveal-identity")
        setIdentity((result as { identity: Record<string, string | null> }).identity);
      setDialog(null);
      dialogForm.resetFields();
      refresh();
    },
    onError: showError,
  });

  if (item.error) return <ProblemAlert error={item.error} />;
  const d = item.data;
  if (!d) return null;
  const ab = d.abilities;

  const submitDialog = async () => {
    const v = await dialogForm.validateFields();
    if (dialog === "assign")
      act.mutate({
        path: "assign",
        body: { assigneeId: v.assigneeId ?? null, copyUserIds: v.copyUserIds ?? [] },
      });
    if (dialog === "transfer")
      act.mutate({ path: "transfer", body: { toUnitId: v.toUnitId, reason: v.reason } });
    if (dialog === "close")
      act.mutate({
        path: "close",
        body: { outcome: v.outcome, note: v.note ?? null, publicReply: v.publicReply ?? null },
      });
    if (dialog === "reopen") act.mutate({ path: "reopen", body: { reason: v.reason } });
    if (dialog === "merge") {
      const m = /(\d+)\s*$/.exec(String(v.into ?? ""));
      act.mutate({ path: "merge", body: { intoId: Number(m?.[1] ?? 0), reason: v.reason ?? null } });
    }
    if (dialog === "decision")
      act.mutate({
        path: "decisions",
        body: {
          kind: v.kind,
          decidedOn: v.decidedOn,
          decisionRef: v.decisionRef ?? null,
          decidedBy: v.decidedBy ?? null,
          amount: v.kind === "extension" ? (v.amount ?? null) : null,
          amountUnit: v.kind === "extension" ? (v.amountUnit ?? null) : null,
          complex: v.kind === "complexity" ? true : undefined,
          reason: v.reason,
        },
      });
    if (dialog === "reveal") act.mutate({ path: "reveal-identity", body: { reason: v.reason } });
  };

  return (
    <>
      <PageHeader
        title={`${d.ref} · ${t(d.kindLabel)}`}
        breadcrumb={[{ title: t(L.inbox), to: "/tin-bao" }, { title: d.ref }]}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={`/api/v1/submissions/${d.id}/receipt.docx`}>
              {t(L.docx)}
            </Button>
            {ab.assign && <Button onClick={() => setDialog("assign")}>{t(L.assign)}</Button>}
            {ab.transfer && <Button onClick={() => setDialog("transfer")}>{t(L.transfer)}</Button>}
            {(ab.decide || ab.accept) && (
              <Button onClick={() => setDialog("decision")}>{t(L.decision)}</Button>
            )}
            {ab.merge && <Button onClick={() => setDialog("merge")}>{t(L.merge)}</Button>}
            {ab.close && (
              <Button type="primary" onClick={() => setDialog("close")}>
                {t(L.close)}
              </Button>
            )}
            {ab.reopen && <Button onClick={() => setDialog("reopen")}>{t(L.reopen)}</Button>}
            {ab.revealIdentity && (
              <Button danger icon={<EyeOutlined />} onClick={() => setDialog("reveal")}>
                {t(L.reveal)}
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card size="small">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t(L.status)}>
                <Space wrap>
                  <Tag color={d.status === "closed" ? "green" : "blue"} data-testid="officer-status">
                    {t(d.statusLabel)}
                  </Tag>
                  {d.subStatusLabel && <span>{t(d.subStatusLabel)}</span>}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t(L.channel)}>{t(d.channelLabel)}</Descriptions.Item>
              <Descriptions.Item label={t(L.unit)}>{d.unit.name}</Descriptions.Item>
              <Descriptions.Item label={t(L.place)}>
                {[d.area?.name, d.placeUnit?.name, d.placeText].filter(Boolean).join(", ")}
              </Descriptions.Item>
              <Descriptions.Item label={t(L.received)}>{formatDateTime(d.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label={t(L.occurred)}>
                {[formatDate(d.occurredOn), d.occurredTime].filter(Boolean).join(" ")}
              </Descriptions.Item>
              <Descriptions.Item label={t(L.assignee)}>
                {d.assignee?.name ?? ""}
                {d.watchers.length > 0 && ` · ${t(L.copies)}: ${d.watchers.map((w) => w.name).join(", ")}`}
              </Descriptions.Item>
              <Descriptions.Item label={t(L.identified)}>
                {d.hasIdentity ? t(L.identified) : t(L.anonymous)}
                {d.wantsProtection && (
                  <Tag color="purple" style={{ marginInlineStart: 8 }}>
                    {t(L.protection)}
                  </Tag>
                )}
              </Descriptions.Item>
              {d.concernedOfficer && (
                <Descriptions.Item label={t(L.concerned)}>
                  {[d.concernedOfficer.name, d.concernedOfficer.text].filter(Boolean).join(" · ")}
                </Descriptions.Item>
              )}
              {d.outcomeLabel && (
                <Descriptions.Item label={t(L.outcome)}>
                  {t(d.outcomeLabel)}{" "}
                  {d.closedOnTime != null && (
                    <Tag color={d.closedOnTime ? "green" : "red"}>
                      {t(d.closedOnTime ? L.onTime : L.late)}
                    </Tag>
                  )}
                  {d.rating != null &&
                    ` · ${"★".repeat(d.rating)}${d.ratingComment ? ` “${d.ratingComment}”` : ""}`}
                </Descriptions.Item>
              )}
              {d.mergedInto && <Descriptions.Item label={t(L.merge)}>{d.mergedInto.ref}</Descriptions.Item>}
            </Descriptions>
            {identity && (
              <Alert
                type="warning"
                style={{ marginTop: 8 }}
                message={t(L.reveal)}
                description={
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label={t(L.name)}>{identity.name}</Descriptions.Item>
                    <Descriptions.Item label={t(L.phone)}>{identity.phone}</Descriptions.Item>
                    <Descriptions.Item label={t(L.idNumber)}>{identity.idNumber}</Descriptions.Item>
                    <Descriptions.Item label={t(L.address)}>{identity.address}</Descriptions.Item>
                  </Descriptions>
                }
                closable
                onClose={() => setIdentity(null)}
              />
            )}
            <Typography.Title level={5} style={{ marginTop: 12 }}>
              {d.title ?? t(L.content)}
            </Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{d.content}</Typography.Paragraph>
            {d.attachments.length > 0 && (
              <>
                <Typography.Text strong>{t(L.attachments)}: </Typography.Text>
                <Space wrap>
                  {d.attachments.map((a) => (
                    <a key={a.id} href={`/api/v1/submissions/${d.id}/attachments/${a.id}`}>
                      {a.fileName} ({Math.ceil(a.size / 1024)} KB)
                    </a>
                  ))}
                </Space>
              </>
            )}
          </Card>
          <Card size="small" title={t(L.conversation)} style={{ marginTop: 16 }}>
            <Flex vertical gap={8}>
              {d.messages.map((m) => (
                <div
                  key={m.id}
                  data-testid="message"
                  style={{
                    background:
                      m.visibility === "internal"
                        ? "#fffbe6"
                        : m.author === "citizen"
                          ? "#e6f4ff"
                          : "#f5f5f5",
                    padding: "6px 10px",
                    borderRadius: 6,
                  }}
                >
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.author === "citizen" ? t(L.citizen) : (m.authorName ?? "")}
                    {m.visibility === "internal" && ` · ${t(L.internal)}`}
                    {m.kind === "question" && ` · ${t(L.question)}`} · {formatDateTime(m.createdAt)}
                  </Typography.Text>
                  <div style={{ whiteSpace: "pre-wrap" }}>{m.body}</div>
                </div>
              ))}
            </Flex>
            {ab.reply && (
              <Form
                form={replyForm}
                layout="vertical"
                style={{ marginTop: 12 }}
                onFinish={(v) =>
                  act.mutate(
                    { path: "replies", body: { body: v.body, kind: v.question ? "question" : "message" } },
                    { onSuccess: () => replyForm.resetFields() },
                  )
                }
              >
                <Form.Item label={t(L.template)}>
                  <Select
                    allowClear
                    aria-label={t(L.template)}
                    options={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.title }))}
                    onChange={(tid) => {
                      const tpl = templates.data?.items.find((x) => x.id === tid);
                      if (tpl) replyForm.setFieldValue("body", tpl.body);
                    }}
                  />
                </Form.Item>
                <Form.Item name="body" label={t(L.reply)} rules={[{ required: true }]}>
                  <Input.TextArea rows={3} maxLength={5000} />
                </Form.Item>
                <Flex gap={12} align="center" wrap>
                  <Form.Item name="question" valuePropName="checked" noStyle>
                    <Checkbox>{t(L.askQuestion)}</Checkbox>
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={act.isPending}>
                    {t(L.send)}
                  </Button>
                </Flex>
              </Form>
            )}
            {ab.handle && (
              <Form
                form={noteForm}
                layout="vertical"
                style={{ marginTop: 12 }}
                onFinish={(v) =>
                  act.mutate(
                    { path: "notes", body: { body: v.body } },
                    { onSuccess: () => noteForm.resetFields() },
                  )
                }
              >
                <Form.Item name="body" label={t(L.note)} rules={[{ required: true }]}>
                  <Input.TextArea rows={2} maxLength={5000} />
                </Form.Item>
                <Button htmlType="submit">{t(L.addNote)}</Button>
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          {d.clock && (
            <Card size="small" title={t(L.clock)}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t(L.due)}>
                  <Due
                    dueOn={d.clock.dueOn}
                    daysLeft={d.clock.daysLeft}
                    paused={d.clock.paused}
                    overdue={d.clock.overdue}
                  />
                </Descriptions.Item>
                <Descriptions.Item label={t(L.period)}>{t(d.clock.label)}</Descriptions.Item>
                <Descriptions.Item label={t(L.extensions)}>
                  {d.clock.extensionsUsed} / {d.clock.extensionsUsed + d.clock.extensionsLeft}
                </Descriptions.Item>
                <Descriptions.Item label={t(L.legalSource)}>{d.clock.legalSource}</Descriptions.Item>
              </Descriptions>
            </Card>
          )}
          {d.transferClock && (
            <Card size="small" title={t(L.transferClock)} style={{ marginTop: 16 }}>
              {d.transferClock.hours} h · {formatDateTime(d.transferClock.dueAt)}{" "}
              {d.transferClock.transferredAt ? (
                <Tag color="green">{formatDateTime(d.transferClock.transferredAt)}</Tag>
              ) : d.transferClock.kept ? (
                <Tag>{t(L.keptHere)}</Tag>
              ) : d.transferClock.overdue ? (
                <Tag color="red">{t(L.overdue)}</Tag>
              ) : null}
            </Card>
          )}
          {ab.handle && (
            <Card size="small" title={t(L.subStatus)} style={{ marginTop: 16 }}>
              <Select
                allowClear
                style={{ width: "100%" }}
                aria-label={t(L.subStatus)}
                value={d.subStatus}
                options={SUB_STATUSES.map((s) => ({ value: s.value, label: t(s.label) }))}
                onChange={(v) =>
                  act.mutate({
                    path: "sub-status",
                    body: {
                      subStatus: v ?? null,
                      ...(d.status === "received" || d.status === "accepted"
                        ? { status: "in_progress" }
                        : {}),
                    },
                  })
                }
              />
            </Card>
          )}
          <Card size="small" title={t(L.timeline)} style={{ marginTop: 16 }}>
            <Timeline
              items={[
                ...d.events.map((e) => ({
                  key: `e${e.id}`,
                  children: (
                    <>
                      <div>
                        <strong>{EVENT_LABELS[e.kind] ? t(EVENT_LABELS[e.kind]) : e.kind}</strong> ·{" "}
                        {formatDateTime(e.at)}
                      </div>
                      <small>
                        {[e.actorName, e.from && e.to ? `${e.from} → ${e.to}` : e.to, e.reason]
                          .filter(Boolean)
                          .join(" · ")}
                      </small>
                    </>
                  ),
                })),
                ...d.decisions.map((x) => ({
                  key: `d${x.id}`,
                  color: "purple",
                  children: (
                    <>
                      <div>
                        <strong>{t(L[x.kind as "extension"] ?? { vi: x.kind, en: x.kind })}</strong> ·{" "}
                        {formatDate(x.decidedOn)}
                        {x.decisionRef ? ` · ${x.decisionRef}` : ""}
                      </div>
                      <small>
                        {[
                          x.decidedBy,
                          x.amount ? `${x.amount} ${t(x.amountUnit === "months" ? L.months : L.days)}` : null,
                          x.reason,
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                      </small>
                    </>
                  ),
                })),
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={dialog !== null}
        title={
          dialog
            ? t(
                {
                  assign: L.assign,
                  transfer: L.transfer,
                  decision: L.decision,
                  close: L.close,
                  reopen: L.reopen,
                  merge: L.merge,
                  reveal: L.reveal,
                }[dialog],
              )
            : ""
        }
        onCancel={() => {
          setDialog(null);
          dialogForm.resetFields();
        }}
        onOk={() => void submitDialog()}
        okText={t(L.save)}
        cancelText={t(L.cancel)}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Form
          form={dialogForm}
          layout="vertical"
          initialValues={{
            decidedOn: todayIso(),
            amountUnit: "days",
            kind: ab.accept ? "acceptance" : "extension",
          }}
        >
          {dialog === "assign" && (
            <>
              <Form.Item name="assigneeId" label={t(L.assignee)}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  options={(assignees.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                />
              </Form.Item>
              <Form.Item name="copyUserIds" label={t(L.copies)}>
                <Select
                  mode="multiple"
                  allowClear
                  optionFilterProp="label"
                  options={(assignees.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                />
              </Form.Item>
            </>
          )}
          {dialog === "transfer" && (
            <Form.Item name="toUnitId" label={t(L.unit)} rules={[{ required: true }]}>
              <UnitPicker />
            </Form.Item>
          )}
          {dialog === "decision" && (
            <>
              <Form.Item name="kind" label={t(L.decisionKind)} rules={[{ required: true }]}>
                <Select
                  options={(["acceptance", "extension", "suspension", "resumption", "complexity"] as const)
                    .filter((k) => (k === "acceptance" ? ab.accept : ab.decide))
                    .map((k) => ({ value: k, label: t(L[k]) }))}
                />
              </Form.Item>
              <Form.Item name="decidedOn" label={t(L.decidedOn)} rules={[{ required: true }]}>
                <DateInput />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() =>
                  dialogForm.getFieldValue("kind") === "extension" && (
                    <Space.Compact>
                      <Form.Item name="amount" label={t(L.amount)}>
                        <InputNumber min={1} max={366} />
                      </Form.Item>
                      <Form.Item name="amountUnit" label=" ">
                        <Select
                          style={{ width: 100 }}
                          options={[
                            { value: "days", label: t(L.days) },
                            { value: "months", label: t(L.months) },
                          ]}
                        />
                      </Form.Item>
                    </Space.Compact>
                  )
                }
              </Form.Item>
              <Form.Item name="decisionRef" label={t(L.decisionRef)}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="decidedBy" label={t(L.decidedBy)}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
          {dialog === "close" && (
            <>
              <Form.Item name="outcome" label={t(L.outcome)} rules={[{ required: true }]}>
                <Select options={OUTCOMES.map((o) => ({ value: o.value, label: t(o.label) }))} />
              </Form.Item>
              <Form.Item name="publicReply" label={t(L.publicReply)}>
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
              <Form.Item name="note" label={t(L.note)}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {dialog === "merge" && (
            <Form.Item name="into" label={t(L.mergeInto)} rules={[{ required: true }]}>
              <Input maxLength={40} />
            </Form.Item>
          )}
          {dialog === "reveal" && (
            <Alert type="warning" showIcon message={t(L.revealWarn)} style={{ marginBottom: 12 }} />
          )}
          {dialog && dialog !== "assign" && dialog !== "close" && (
            <Form.Item
              name="reason"
              label={t(L.reason)}
              rules={[{ required: dialog !== "merge", min: dialog === "reveal" ? 10 : 3 }]}
            >
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

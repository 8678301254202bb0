import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Form, Input, List, Select, Space, Table, Tag } from "antd";
import { Link, useParams } from "react-router";
import { DateInput } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { formatDate } from "../../lib/format.ts";
import { useShowError } from "../../lib/useApiError.ts";
import { Attachments } from "./Attachments.tsx";
import { movementApi } from "./api.ts";
import { DemoTag, useM } from "./shared.tsx";

/** One model: units covered, members (contacts only within scope), reviews, recognitions, replication. */
export default function ModelPage() {
  const m = useM();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const model = useQuery({ queryKey: ["movement", "model", id], queryFn: () => movementApi.model(id) });
  const [memberForm] = Form.useForm();
  const [reviewForm] = Form.useForm();
  const done = () => {
    message.success(m("common.saved"));
    void client.invalidateQueries({ queryKey: ["movement"] });
  };
  const addMember = useMutation({
    mutationFn: (v: object) => movementApi.addMember(id, v),
    onSuccess: () => {
      memberForm.resetFields();
      done();
    },
    onError: showError,
  });
  const addReview = useMutation({
    mutationFn: (v: object) => movementApi.addReview(id, v),
    onSuccess: () => {
      reviewForm.resetFields();
      done();
    },
    onError: showError,
  });
  const d = model.data;
  return (
    <>
      <PageHeader
        title={d?.name ?? "…"}
        breadcrumb={[
          { title: m("menu.overview"), to: "/phong-trao" },
          { title: m("menu.models"), to: "/phong-trao/mo-hinh" },
          { title: d?.name ?? "" },
        ]}
      />
      <ProblemAlert error={model.error} />
      {d && (
        <>
          <Card style={{ marginBottom: 16 }}>
            <DemoTag show={d.isDemo} />
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={m("models.type")}>{d.type.name}</Descriptions.Item>
              <Descriptions.Item label={m("common.status")}>
                {m.lang === "en" ? d.statusLabel.en : d.statusLabel.vi}
              </Descriptions.Item>
              <Descriptions.Item label={m("common.unit")}>{d.unit.name}</Descriptions.Item>
              <Descriptions.Item label={m("models.units")}>
                {d.units.map((u) => u.name).join("; ")}
              </Descriptions.Item>
              <Descriptions.Item label={m("models.launchedOn")}>{formatDate(d.launchedOn)}</Descriptions.Item>
              <Descriptions.Item label={m("models.decision")}>{d.foundingDecision ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={m("common.partners")}>
                {d.partners.join("; ") || "—"}
              </Descriptions.Item>
              <Descriptions.Item label={m("models.coordinator")}>
                {[d.coordinator.name, d.coordinator.phone].filter(Boolean).join(" — ") || "—"}
              </Descriptions.Item>
              <Descriptions.Item label={m("models.nextReview")}>
                {formatDate(d.nextReviewOn)} {d.dueForReview && <Tag color="red">!</Tag>}
              </Descriptions.Item>
              {d.type.countsCameraPoints && (
                <Descriptions.Item label={m("models.cameraPoints")}>
                  {d.cameraPoints ?? "—"}
                </Descriptions.Item>
              )}
              {d.replication.ancestors.length > 0 && (
                <Descriptions.Item label={m("models.replicatedFrom")}>
                  {d.replication.ancestors.map((a) => (
                    <Link key={a.id} to={`/phong-trao/mo-hinh/${a.id}`}>
                      {a.name}{" "}
                    </Link>
                  ))}
                </Descriptions.Item>
              )}
              {d.replication.children.length > 0 && (
                <Descriptions.Item label={m("models.replicas")}>
                  {d.replication.children.map((c) => (
                    <div key={c.id}>
                      <Link to={`/phong-trao/mo-hinh/${c.id}`}>{c.name}</Link> — {c.unit_name}
                    </div>
                  ))}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card title={m("models.members")} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={d.members}
              columns={[
                { title: m("models.memberName"), dataIndex: "fullName" },
                { title: m("models.memberRole"), dataIndex: "role" },
                { title: m("models.phone"), dataIndex: "phone", render: (v) => v ?? "—" },
              ]}
            />
            {d.abilities.update && (
              <Form
                form={memberForm}
                layout="inline"
                style={{ marginTop: 12 }}
                onFinish={(v) => addMember.mutate(v)}
              >
                <Form.Item name="fullName" label={m("models.memberName")} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="role" label={m("models.memberRole")}>
                  <Input />
                </Form.Item>
                <Form.Item name="phone" label={m("models.phone")}>
                  <Input />
                </Form.Item>
                <Button htmlType="submit" loading={addMember.isPending}>
                  {m("models.addMember")}
                </Button>
              </Form>
            )}
          </Card>
          <Card title={m("models.reviews")} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={d.reviews}
              renderItem={(r) => (
                <List.Item>
                  <Space>
                    <strong>{r.kind === "interim" ? "Sơ kết" : "Tổng kết"}</strong> {formatDate(r.reviewedOn)}
                    <Tag color={r.rating === "effective" ? "green" : "orange"}>
                      {r.rating === "effective" ? "Hiệu quả" : "Chưa hiệu quả"}
                    </Tag>
                    {r.findings}
                  </Space>
                </List.Item>
              )}
            />
            {d.abilities.update && (
              <Form
                form={reviewForm}
                layout="inline"
                style={{ marginTop: 12 }}
                onFinish={(v) => addReview.mutate(v)}
              >
                <Form.Item
                  name="kind"
                  label={m("common.kind")}
                  rules={[{ required: true }]}
                  initialValue="interim"
                >
                  <Select
                    style={{ width: 120 }}
                    options={[
                      { value: "interim", label: "Sơ kết" },
                      { value: "final", label: "Tổng kết" },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="reviewedOn" label={m("models.reviewedOn")} rules={[{ required: true }]}>
                  <DateInput />
                </Form.Item>
                <Form.Item
                  name="rating"
                  label={m("models.rating")}
                  rules={[{ required: true }]}
                  initialValue="effective"
                >
                  <Select
                    style={{ width: 150 }}
                    options={[
                      { value: "effective", label: "Hiệu quả" },
                      { value: "ineffective", label: "Chưa hiệu quả" },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="findings" label={m("models.findings")}>
                  <Input />
                </Form.Item>
                <Button htmlType="submit" loading={addReview.isPending}>
                  {m("models.addReview")}
                </Button>
              </Form>
            )}
          </Card>
          <Card title={m("models.recognitions")} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={d.recognitions}
              locale={{ emptyText: "—" }}
              renderItem={(r) => (
                <List.Item>
                  {r.kind === "dan_van_kheo" ? "“Dân vận khéo”" : "Điển hình tiên tiến"} — {r.level} —{" "}
                  {r.decisionRef} ({formatDate(r.recognisedOn)})
                </List.Item>
              )}
            />
          </Card>
          {d.type.countsCameraPoints && (
            <Card title={m("models.consents")}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.cameraConsents}
                columns={[
                  { title: m("models.memberName"), dataIndex: "ownerName" },
                  { title: m("models.cameras"), dataIndex: "cameras", align: "right" },
                  { title: m("models.confirmedOn"), dataIndex: "confirmedOn", render: formatDate },
                  {
                    title: m("models.validUntil"),
                    dataIndex: "validUntil",
                    render: (v, r) => <Tag color={r.valid ? "green" : "red"}>{formatDate(v)}</Tag>,
                  },
                ]}
              />
            </Card>
          )}
          <Card style={{ marginTop: 16 }}>
            <Attachments owner="models" ownerId={d.id} items={d.attachments} canEdit={!!d.abilities.update} />
          </Card>
        </>
      )}
    </>
  );
}

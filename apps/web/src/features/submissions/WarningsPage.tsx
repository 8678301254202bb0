import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Form, Input, List, Space, Tag } from "antd";
import { DateInput } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { api } from "../../lib/api.ts";
import { useCan, useMe } from "../../lib/auth.ts";
import { formatDate } from "../../lib/format.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { useShowError } from "../../lib/useApiError.ts";
import { L } from "./messages.ts";

interface Warning {
  id: number;
  unit: { id: number; name: string };
  title: string;
  body: string;
  status: string;
  publishedOn: string;
  expiresOn: string | null;
  abilities: { update: boolean };
}

/** Crime-method warnings a unit publishes for its area; the public page lists them. */
export default function WarningsPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const qc = useQueryClient();
  const showError = useShowError();
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: ["submissions", "warnings"],
    queryFn: () => api.get<{ items: Warning[] }>("/api/v1/submissions/warnings"),
  });
  const done = () => void qc.invalidateQueries({ queryKey: ["submissions", "warnings"] });
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post("/api/v1/submissions/warnings", { ...v, expiresOn: v.expiresOn ?? null }),
    onSuccess: () => {
      form.resetFields();
      done();
    },
    onError: showError,
  });
  const withdraw = useMutation({
    mutationFn: (id: number) => api.patch(`/api/v1/submissions/warnings/${id}`, { status: "withdrawn" }),
    onSuccess: done,
    onError: showError,
  });
  return (
    <>
      <PageHeader title={t(L.warnings)} />
      {can("warning.manage") && (
        <Card style={{ marginBottom: 16 }}>
          <Form
            form={form}
            layout="vertical"
            style={{ maxWidth: 760 }}
            initialValues={{ unitId: me.data?.actingUnit.id }}
            onFinish={(v) => create.mutate(v)}
          >
            <Form.Item name="unitId" label={t(L.unit)} rules={[{ required: true }]}>
              <UnitPicker
                knownLabels={me.data ? { [me.data.actingUnit.id]: me.data.actingUnit.name } : undefined}
              />
            </Form.Item>
            <Form.Item name="title" label={t(L.title)} rules={[{ required: true, min: 3 }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="body" label={t(L.body)} rules={[{ required: true, min: 10 }]}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
            <Form.Item name="expiresOn" label={t(L.expiresOn)}>
              <DateInput />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t(L.publish)}
            </Button>
          </Form>
        </Card>
      )}
      <List
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        renderItem={(w) => (
          <List.Item
            actions={
              w.abilities.update && w.status === "published"
                ? [
                    <Button key="w" size="small" onClick={() => withdraw.mutate(w.id)}>
                      {t(L.withdraw)}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  {w.title}
                  <Tag>{w.status}</Tag>
                </Space>
              }
              description={`${w.unit.name} · ${formatDate(w.publishedOn)}${w.expiresOn ? ` – ${formatDate(w.expiresOn)}` : ""}`}
            />
            <div style={{ whiteSpace: "pre-wrap", maxWidth: 640 }}>{w.body}</div>
          </List.Item>
        )}
      />
    </>
  );
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Col, Descriptions, Form, Input, Popconfirm, Row, Select, Table, Tag } from "antd";
import { useState } from "react";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { api } from "../../lib/api.ts";
import { type Me, useMe, useSetMe } from "../../lib/auth.ts";
import { formatDateTime } from "../../lib/format.ts";
import { type Lang, useLang, useT } from "../../lib/i18n/index.tsx";
import { applyFieldErrors, useShowError } from "../../lib/useApiError.ts";
import { useRoleLabel } from "../accounts/roles.ts";
import { PasswordChangeForm, SecondFactorEnrol } from "../auth/forms.tsx";

interface Session {
  id: string;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

const h2 = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

/** A short readable name for a user-agent string. */
function device(ua: string | null, unknown: string): string {
  if (!ua) return unknown;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrome\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : null;
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Android/.test(ua)
      ? "Android"
      : /iPhone|iPad/.test(ua)
        ? "iOS"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  return browser || os ? [browser, os].filter(Boolean).join(" · ") : ua.slice(0, 60);
}

function ContactForm({ me }: { me: Me }) {
  const t = useT();
  const setMe = useSetMe();
  const { setLang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ email: string; phone: string; locale: Lang }>();
  const save = useMutation({
    mutationFn: (v: { email: string; phone: string; locale: Lang }) =>
      api.patch<Me>("/api/v1/auth/profile", v),
    onSuccess: (next, v) => {
      setMe(next);
      setLang(v.locale);
      void message.success(t("common.saved"));
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{
        email: me.user.email ?? "",
        phone: me.user.phone ?? "",
        locale: me.user.locale === "en" ? "en" : "vi",
      }}
      onFinish={(v) => save.mutate({ email: v.email ?? "", phone: v.phone ?? "", locale: v.locale })}
    >
      <ProblemAlert error={save.error} />
      <Form.Item name="email" label={t("users.email")} rules={[{ type: "email" }]}>
        <Input type="email" maxLength={200} autoComplete="email" />
      </Form.Item>
      <Form.Item name="phone" label={t("users.phone")}>
        <Input type="tel" maxLength={30} autoComplete="tel" />
      </Form.Item>
      <Form.Item name="locale" label={t("lang.label")}>
        <Select
          options={[
            { value: "vi", label: t("lang.vi") },
            { value: "en", label: t("lang.en") },
          ]}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t("common.save")}
      </Button>
    </Form>
  );
}

function Sessions() {
  const t = useT();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const sessions = useQuery({
    queryKey: ["auth", "sessions"],
    queryFn: () => api.get<{ items: Session[] }>("/api/v1/auth/sessions"),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/auth/sessions/${id}`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["auth", "sessions"] });
      void message.success(t("profile.revoked"));
    },
    onError: showError,
  });
  return (
    <>
      <ProblemAlert error={sessions.error} />
      <Table<Session>
        rowKey="id"
        size="small"
        loading={sessions.isLoading}
        dataSource={sessions.data?.items ?? []}
        pagination={false}
        scroll={{ x: 700 }}
        columns={[
          {
            title: t("profile.sessionDevice"),
            dataIndex: "userAgent",
            render: (ua: string | null, s) => (
              <>
                <span title={ua ?? undefined}>{device(ua, t("profile.unknownDevice"))}</span>
                {s.current ? (
                  <Tag color="blue" style={{ marginInlineStart: 8 }}>
                    {t("profile.sessionCurrent")}
                  </Tag>
                ) : null}
              </>
            ),
          },
          {
            title: t("profile.sessionCreated"),
            dataIndex: "createdAt",
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t("profile.sessionLastSeen"),
            dataIndex: "lastSeenAt",
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t("profile.sessionExpires"),
            dataIndex: "expiresAt",
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, s) =>
              s.current ? null : (
                <Popconfirm
                  title={t("profile.revoke")}
                  okText={t("common.confirm")}
                  cancelText={t("common.cancel")}
                  onConfirm={() => revoke.mutate(s.id)}
                >
                  <Button size="small">{t("profile.revoke")}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
}

/** One's own account: details, contact and language, password, second factor, sessions. */
export default function ProfilePage() {
  const t = useT();
  const me = useMe().data!;
  const roleLabel = useRoleLabel();
  const [enrolling, setEnrolling] = useState(false);
  return (
    <>
      <PageHeader title={t("profile.title")} />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={h2(t("profile.details"))} size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("users.username")}>{me.user.username}</Descriptions.Item>
              <Descriptions.Item label={t("users.fullName")}>{me.user.fullName}</Descriptions.Item>
              <Descriptions.Item label={t("users.rank")}>
                {me.user.rank ?? t("common.emDash")}
              </Descriptions.Item>
              <Descriptions.Item label={t("users.position")}>
                {me.user.position ?? t("common.emDash")}
              </Descriptions.Item>
              <Descriptions.Item label={t("header.actingUnit")}>{me.actingUnit.name}</Descriptions.Item>
              <Descriptions.Item label={t("users.grants")}>
                <div>
                  {me.grants.map((g) => (
                    <div key={`${g.role}-${g.unitId}`}>
                      <Tag color="blue">{roleLabel(g.role)}</Tag> {g.unitName}
                    </div>
                  ))}
                </div>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={h2(t("profile.contact"))} size="small" style={{ marginBottom: 16 }}>
            <ContactForm me={me} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={h2(t("profile.password"))} size="small" style={{ marginBottom: 16 }}>
            <PasswordChangeForm />
          </Card>
          <Card
            title={h2(t("twofa.title"))}
            size="small"
            style={{ marginBottom: 16 }}
            extra={
              me.user.totpEnabled ? (
                <Tag color="green">{t("twofa.statusOn")}</Tag>
              ) : (
                <Tag>{t("twofa.statusOff")}</Tag>
              )
            }
          >
            {me.user.totpEnabled ? (
              <span>{t("twofa.enabled")}</span>
            ) : enrolling ? (
              <SecondFactorEnrol onDone={() => setEnrolling(false)} />
            ) : (
              <Button onClick={() => setEnrolling(true)}>{t("twofa.start")}</Button>
            )}
          </Card>
        </Col>
      </Row>
      <Card title={h2(t("profile.sessions"))} size="small">
        <Sessions />
      </Card>
    </>
  );
}

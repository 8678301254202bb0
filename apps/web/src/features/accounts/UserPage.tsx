import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Row,
  Select,
  Spin,
  Table,
  Tag,
} from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { DateInput } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { ApiError } from "../../lib/api.ts";
import { formatDate, formatDateTime, todayIso } from "../../lib/format.ts";
import { type MessageKey, useT } from "../../lib/i18n/index.tsx";
import { applyFieldErrors, useShowError } from "../../lib/useApiError.ts";
import { type User, userKeys, usersApi } from "./api.ts";
import { InitialPassword } from "./InitialPassword.tsx";
import { useRoleLabel, useRoleOptions } from "./roles.ts";
import { StatusTag } from "./UsersPage.tsx";

const h2 = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;
const blankToNull = (v: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === "" || x === undefined ? null : x]));

function EditUser({ user, onClose }: { user: User; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => usersApi.update(user.id, blankToNull(v)),
    onSuccess: (next) => {
      client.setQueryData(userKeys.detail(user.id), next);
      void client.invalidateQueries({ queryKey: ["users", "list"] });
      void message.success(t("common.saved"));
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const req = (key: MessageKey) => [
    { required: true, message: t("common.required", { field: t(key).toLowerCase() }) },
  ];
  return (
    <Modal
      open
      title={`${t("users.edit")}: ${user.fullName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          fullName: user.fullName,
          rank: user.rank ?? "",
          position: user.position ?? "",
          unitId: user.unit.id,
          email: user.email ?? "",
          phone: user.phone ?? "",
        }}
        onFinish={(v) => save.mutate({ ...v, fullName: v.fullName, unitId: v.unitId })}
      >
        <ProblemAlert error={save.error} />
        <Form.Item name="fullName" label={t("users.fullName")} rules={req("users.fullName")}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="rank" label={t("users.rank")}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="position" label={t("users.position")}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="unitId" label={t("users.unit")} rules={req("users.unit")}>
          <UnitPicker allowClear={false} />
        </Form.Item>
        <Form.Item name="email" label={t("users.email")} rules={[{ type: "email" }]}>
          <Input type="email" maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label={t("users.phone")}>
          <Input type="tel" maxLength={30} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AddGrant({ user }: { user: User }) {
  const t = useT();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const { message } = App.useApp();
  const roleOptions = useRoleOptions();
  const add = useMutation({
    mutationFn: (v: { role: string; unitId: number; validFrom?: string; validTo?: string | null }) =>
      usersApi.addGrant(
        user.id,
        Object.fromEntries(Object.entries(v).filter(([, x]) => x != null && x !== "")) as never,
      ),
    onSuccess: (next) => {
      client.setQueryData(userKeys.detail(user.id), next);
      void client.invalidateQueries({ queryKey: ["users", "list"] });
      void message.success(t("users.grantAdded"));
      form.resetFields();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => add.mutate(v)}
      initialValues={{ validFrom: todayIso() }}
      requiredMark="optional"
    >
      <ProblemAlert error={add.error} />
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Form.Item
            name="role"
            label={t("users.role")}
            rules={[
              {
                required: true,
                message: t("common.requiredSelect", { field: t("users.role").toLowerCase() }),
              },
            ]}
          >
            <Select options={roleOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="unitId"
            label={t("users.roleUnit")}
            rules={[
              {
                required: true,
                message: t("common.requiredSelect", { field: t("users.unit").toLowerCase() }),
              },
            ]}
          >
            <UnitPicker />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="validFrom" label={t("users.validFrom")}>
            <DateInput />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="validTo" label={t("users.validTo")}>
            <DateInput />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} style={{ paddingTop: 30 }}>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t("users.addGrant")}
          </Button>
        </Col>
      </Row>
    </Form>
  );
}

/** One account: details, status, password and second-factor resets, roles with dates. */
export default function UserPage() {
  const t = useT();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const roleLabel = useRoleLabel();
  const [editing, setEditing] = useState(false);
  const [newPassword, setNewPassword] = useState<string | null>(null);
  const user = useQuery({ queryKey: userKeys.detail(id), queryFn: () => usersApi.get(id), enabled: id > 0 });
  const store = (next: User) => {
    client.setQueryData(userKeys.detail(id), next);
    void client.invalidateQueries({ queryKey: ["users", "list"] });
  };
  const setStatus = useMutation({
    mutationFn: (status: "active" | "disabled") => usersApi.update(id, { status }),
    onSuccess: (next) => {
      store(next);
      void message.success(t("common.saved"));
    },
    onError: showError,
  });
  const resetPassword = useMutation({
    mutationFn: () => usersApi.resetPassword(id),
    onSuccess: (r) => setNewPassword(r.initialPassword),
    onError: showError,
  });
  const resetSecondFactor = useMutation({
    mutationFn: () => usersApi.resetSecondFactor(id),
    onSuccess: (next) => {
      store(next);
      void message.success(t("users.secondFactorReset"));
    },
    onError: showError,
  });
  const removeGrant = useMutation({
    mutationFn: (grantId: number) => usersApi.removeGrant(id, grantId),
    onSuccess: (next) => {
      store(next);
      void message.success(t("users.grantRemoved"));
    },
    onError: showError,
  });

  if (user.isLoading) return <Spin />;
  if (user.error instanceof ApiError && user.error.status === 404)
    return <Result status="404" title="404" subTitle={user.error.text(t.lang)} />;
  if (user.error || !user.data) return <ProblemAlert error={user.error} />;
  const u = user.data;
  const ab = u.abilities;

  return (
    <>
      <PageHeader
        title={u.fullName}
        subtitle={<StatusTag user={u} />}
        breadcrumb={[{ title: t("users.title"), to: "/tai-khoan" }, { title: u.fullName }]}
        extra={
          <>
            {ab.update ? <Button onClick={() => setEditing(true)}>{t("users.edit")}</Button> : null}
            {ab.resetPassword ? (
              <Popconfirm
                title={t("users.resetPasswordConfirm")}
                okText={t("common.confirm")}
                cancelText={t("common.cancel")}
                onConfirm={() => resetPassword.mutate()}
              >
                <Button loading={resetPassword.isPending}>{t("users.resetPassword")}</Button>
              </Popconfirm>
            ) : null}
            {ab.resetSecondFactor ? (
              <Popconfirm
                title={t("users.resetSecondFactorConfirm")}
                okText={t("common.confirm")}
                cancelText={t("common.cancel")}
                onConfirm={() => resetSecondFactor.mutate()}
              >
                <Button loading={resetSecondFactor.isPending}>{t("users.resetSecondFactor")}</Button>
              </Popconfirm>
            ) : null}
            {ab.disable ? (
              <Popconfirm
                title={u.status === "active" ? t("users.disableConfirm") : t("users.enableConfirm")}
                okText={t("common.confirm")}
                cancelText={t("common.cancel")}
                onConfirm={() => setStatus.mutate(u.status === "active" ? "disabled" : "active")}
              >
                <Button danger={u.status === "active"} loading={setStatus.isPending}>
                  {u.status === "active" ? t("users.disable") : t("users.enable")}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      <Card title={h2(t("profile.details"))} size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("users.username")}>{u.username}</Descriptions.Item>
          <Descriptions.Item label={t("users.fullName")}>{u.fullName}</Descriptions.Item>
          <Descriptions.Item label={t("users.rank")}>{u.rank ?? t("common.emDash")}</Descriptions.Item>
          <Descriptions.Item label={t("users.position")}>
            {u.position ?? t("common.emDash")}
          </Descriptions.Item>
          <Descriptions.Item label={t("users.unit")}>
            <Link to={`/don-vi/${u.unit.id}`}>{u.unit.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t("users.email")}>{u.email ?? t("common.emDash")}</Descriptions.Item>
          <Descriptions.Item label={t("users.phone")}>{u.phone ?? t("common.emDash")}</Descriptions.Item>
          <Descriptions.Item label={t("users.twofa")}>
            {u.totpEnabled ? (
              <Tag color="green">{t("twofa.statusOn")}</Tag>
            ) : (
              <Tag>{t("twofa.statusOff")}</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t("users.lastSeen")}>
            {formatDateTime(u.lastSeenAt) || t("common.emDash")}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={h2(t("users.grants"))} size="small">
        <Table
          rowKey="id"
          size="small"
          dataSource={u.grants}
          pagination={false}
          locale={{ emptyText: t("common.none") }}
          style={{ marginBottom: ab.grant ? 16 : 0 }}
          columns={[
            { title: t("users.role"), dataIndex: "role", render: (r: string) => roleLabel(r) },
            {
              title: t("users.roleUnit"),
              dataIndex: "unitName",
              render: (name: string, g) => <Link to={`/don-vi/${g.unitId}`}>{name}</Link>,
            },
            { title: t("users.validFrom"), dataIndex: "validFrom", render: (d: string) => formatDate(d) },
            {
              title: t("users.validTo"),
              dataIndex: "validTo",
              render: (d: string | null) => (d ? formatDate(d) : t("users.indefinite")),
            },
            {
              title: t("common.actions"),
              key: "actions",
              render: (_, g) =>
                g.abilities.revoke ? (
                  <Popconfirm
                    title={t("users.removeGrantConfirm")}
                    okText={t("common.confirm")}
                    cancelText={t("common.cancel")}
                    onConfirm={() => removeGrant.mutate(g.id)}
                  >
                    <Button
                      size="small"
                      danger
                      aria-label={`${t("users.removeGrant")}: ${roleLabel(g.role)} — ${g.unitName}`}
                    >
                      {t("users.removeGrant")}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
        {ab.grant ? <AddGrant user={u} /> : null}
      </Card>
      {editing ? <EditUser user={u} onClose={() => setEditing(false)} /> : null}
      <Modal
        open={newPassword !== null}
        title={t("users.newPasswordTitle")}
        onCancel={() => setNewPassword(null)}
        footer={<Button onClick={() => setNewPassword(null)}>{t("common.close")}</Button>}
      >
        {newPassword ? <InitialPassword password={newPassword} /> : null}
      </Modal>
    </>
  );
}

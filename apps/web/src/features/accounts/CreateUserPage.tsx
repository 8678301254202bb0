import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Col, Flex, Form, Input, Result, Row, Select } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { DateInput } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { todayIso } from "../../lib/format.ts";
import { type MessageKey, useT } from "../../lib/i18n/index.tsx";
import { applyFieldErrors } from "../../lib/useApiError.ts";
import { type User, usersApi } from "./api.ts";
import { InitialPassword } from "./InitialPassword.tsx";
import { useRoleOptions } from "./roles.ts";

interface Values {
  username: string;
  fullName: string;
  rank?: string;
  position?: string;
  unitId: number;
  email?: string;
  phone?: string;
  role: string;
  roleUnitId?: number | null;
  validFrom?: string | null;
  validTo?: string | null;
}

const omitEmpty = (v: Values) =>
  Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== ""));

/** Create an account: unit, role, validity; the generated password is shown once. */
export default function CreateUserPage() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const roleOptions = useRoleOptions();
  const [created, setCreated] = useState<{ user: User; initialPassword: string } | null>(null);
  const create = useMutation({
    mutationFn: (v: Values) => usersApi.create(omitEmpty(v)),
    onSuccess: (result) => {
      setCreated(result);
      void client.invalidateQueries({ queryKey: ["users"] });
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const req = (key: MessageKey, select = false) => [
    {
      required: true,
      message: t(select ? "common.requiredSelect" : "common.required", { field: t(key).toLowerCase() }),
    },
  ];

  if (created)
    return (
      <>
        <PageHeader
          title={t("users.createTitle")}
          breadcrumb={[{ title: t("users.title"), to: "/tai-khoan" }, { title: t("users.createTitle") }]}
        />
        <Card>
          <Result
            status="success"
            title={t("users.created", { username: created.user.username })}
            style={{ paddingBottom: 8 }}
          />
          <div style={{ maxWidth: 560, margin: "0 auto 24px" }}>
            <InitialPassword password={created.initialPassword} />
          </div>
          <Flex gap={8} justify="center">
            <Link to={`/tai-khoan/${created.user.id}`}>
              <Button type="primary">{t("users.openUser")}</Button>
            </Link>
            <Button
              onClick={() => {
                setCreated(null);
                form.resetFields();
                create.reset();
              }}
            >
              {t("users.createAnother")}
            </Button>
          </Flex>
        </Card>
      </>
    );

  return (
    <>
      <PageHeader
        title={t("users.createTitle")}
        breadcrumb={[{ title: t("users.title"), to: "/tai-khoan" }, { title: t("users.createTitle") }]}
      />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{ validFrom: todayIso() }}
          onFinish={(v) => create.mutate(v)}
          style={{ maxWidth: 880 }}
        >
          <ProblemAlert error={create.error} />
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="fullName" label={t("users.fullName")} rules={req("users.fullName")}>
                <Input maxLength={200} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="username"
                label={t("users.username")}
                rules={[
                  ...req("users.username"),
                  { pattern: /^[a-zA-Z0-9._-]{3,50}$/, message: "3–50: a-z 0-9 . _ -" },
                ]}
              >
                <Input maxLength={50} autoComplete="off" autoCapitalize="none" spellCheck={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="rank" label={t("users.rank")}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="position" label={t("users.position")}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="unitId" label={t("users.unit")} rules={req("users.unit", true)}>
                <UnitPicker />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="role" label={t("users.role")} rules={req("users.role", true)}>
                <Select options={roleOptions} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="roleUnitId" label={t("users.roleUnit")} extra={t("users.roleUnitHelp")}>
                <UnitPicker />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="validFrom" label={t("users.validFrom")}>
                <DateInput />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="validTo" label={t("users.validTo")}>
                <DateInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="email" label={t("users.email")} rules={[{ type: "email" }]}>
                <Input type="email" maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="phone" label={t("users.phone")}>
                <Input type="tel" maxLength={30} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t("users.create")}
          </Button>
        </Form>
      </Card>
    </>
  );
}

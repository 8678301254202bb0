import { useMutation } from "@tanstack/react-query";
import { Alert, App, Button, Flex, Form, Input, Spin, Typography } from "antd";
import { useEffect, useRef } from "react";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { api } from "../../lib/api.ts";
import { type Me, useSetMe } from "../../lib/auth.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { applyFieldErrors } from "../../lib/useApiError.ts";

/** Change one's password; `forced` after a generated password. */
export function PasswordChangeForm({ forced, onDone }: { forced?: boolean; onDone?: (me: Me) => void }) {
  const t = useT();
  const setMe = useSetMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const change = useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) =>
      api.post<Me>("/api/v1/auth/password", v),
    onSuccess: (me) => {
      setMe(me);
      form.resetFields();
      void message.success(t("password.changed"));
      onDone?.(me);
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark="optional"
      onFinish={(v) => change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
      style={{ maxWidth: 420 }}
    >
      {forced ? (
        <Alert type="info" showIcon title={t("password.forcedIntro")} style={{ marginBottom: 16 }} />
      ) : null}
      <ProblemAlert error={change.error} />
      <Form.Item
        name="currentPassword"
        label={t("password.current")}
        rules={[
          { required: true, message: t("common.required", { field: t("password.current").toLowerCase() }) },
        ]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t("password.new")}
        extra={t("password.rules")}
        rules={[
          { required: true, message: t("common.required", { field: t("password.new").toLowerCase() }) },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t("password.confirm")}
        dependencies={["newPassword"]}
        rules={[
          { required: true, message: t("common.required", { field: t("password.confirm").toLowerCase() }) },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue("newPassword")
                ? Promise.resolve()
                : Promise.reject(new Error(t("password.mismatch"))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t("password.submit")}
      </Button>
    </Form>
  );
}

const codeRule = (message: string) => ({ pattern: /^\s*\d{6}\s*$/, message });

function CodeField({ autoFocus }: { autoFocus?: boolean }) {
  const t = useT();
  return (
    <Form.Item
      name="code"
      label={t("twofa.code")}
      rules={[{ required: true, message: t("twofa.codeInvalid") }, codeRule(t("twofa.codeInvalid"))]}
    >
      <Input
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        autoFocus={autoFocus}
        style={{ maxWidth: 180, letterSpacing: 4, fontSize: 18 }}
      />
    </Form.Item>
  );
}

/** Enter the current code of an enrolled authenticator. */
export function SecondFactorVerifyForm({ onDone }: { onDone?: (me: Me) => void }) {
  const t = useT();
  const setMe = useSetMe();
  const [form] = Form.useForm<{ code: string }>();
  const verify = useMutation({
    mutationFn: (code: string) => api.post<Me>("/api/v1/auth/second-factor/verify", { code }),
    onSuccess: (me) => {
      setMe(me);
      onDone?.(me);
    },
    onError: () => form.setFieldValue("code", ""),
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => verify.mutate(v.code.trim())}>
      <Typography.Paragraph>{t("twofa.verifyIntro")}</Typography.Paragraph>
      <ProblemAlert error={verify.error} />
      <CodeField autoFocus />
      <Button type="primary" htmlType="submit" loading={verify.isPending}>
        {t("twofa.verify")}
      </Button>
    </Form>
  );
}

interface Enrolment {
  secret: string;
  uri: string;
  qrDataUrl: string;
}

/** Set up an authenticator: QR code, the secret in text, then a first code. */
export function SecondFactorEnrol({ required, onDone }: { required?: boolean; onDone?: (me: Me) => void }) {
  const t = useT();
  const setMe = useSetMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const setup = useMutation({ mutationFn: () => api.post<Enrolment>("/api/v1/auth/second-factor/setup") });
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    setup.mutate();
  }, [setup]);
  const enable = useMutation({
    mutationFn: (code: string) => api.post<Me>("/api/v1/auth/second-factor/enable", { code }),
    onSuccess: (me) => {
      setMe(me);
      void message.success(t("twofa.enabled"));
      onDone?.(me);
    },
    onError: () => form.setFieldValue("code", ""),
  });
  return (
    <div>
      <Typography.Paragraph>
        {required ? t("twofa.enrolIntro") : t("twofa.enrolOptionalIntro")}
      </Typography.Paragraph>
      <ProblemAlert error={setup.error} />
      {setup.isPending ? <Spin /> : null}
      {setup.data ? (
        <Flex gap={24} wrap align="flex-start">
          <img
            src={setup.data.qrDataUrl}
            alt={t("twofa.qrAlt")}
            width={200}
            height={200}
            style={{ border: "1px solid #d9d9d9", borderRadius: 8 }}
          />
          <div style={{ flex: "1 1 260px" }}>
            <Typography.Text strong>{t("twofa.secret")}</Typography.Text>
            <Typography.Paragraph copyable={{ text: setup.data.secret }} style={{ marginTop: 4 }}>
              <code data-testid="totp-secret" style={{ fontSize: 15, wordBreak: "break-all" }}>
                {setup.data.secret.replace(/(.{4})/g, "$1 ").trim()}
              </code>
            </Typography.Paragraph>
            <Form form={form} layout="vertical" onFinish={(v) => enable.mutate(v.code.trim())}>
              <ProblemAlert error={enable.error} />
              <CodeField />
              <Button type="primary" htmlType="submit" loading={enable.isPending}>
                {t("twofa.enable")}
              </Button>
            </Form>
          </div>
        </Flex>
      ) : null}
    </div>
  );
}

import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Form, Input } from "antd";
import { Navigate, useLocation, useNavigate, useSearchParams } from "react-router";
import { PENDING_PATH } from "../../app/router.tsx";
import { ApiError, api } from "../../lib/api.ts";
import { type Me, useMe, useSetMe } from "../../lib/auth.ts";
import { formatDateTime, formatTime, todayIso } from "../../lib/format.ts";
import { type Translate, useLang, useT } from "../../lib/i18n/index.tsx";
import { AuthFrame } from "./AuthFrame.tsx";

/** A clear message for each way sign-in can fail. */
export function signInErrorText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t("error.network");
  switch (error.code) {
    case "invalid_credentials":
      return t("signIn.invalidCredentials");
    case "account_locked": {
      const until = typeof error.body.lockedUntil === "string" ? error.body.lockedUntil : null;
      if (!until) return error.text(t.lang) || t("signIn.lockedNoTime");
      const sameDay = formatDateTime(until).startsWith(todayIso().split("-").reverse().join("/"));
      return t("signIn.locked", { time: sameDay ? formatTime(until) : formatDateTime(until) });
    }
    case "too_many_attempts":
      return t("signIn.tooMany");
    default:
      return error.text(t.lang);
  }
}

/** Only same-site paths: never an open redirect. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export default function SignInPage() {
  const t = useT();
  const { setLang } = useLang();
  const me = useMe();
  const setMe = useSetMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const location = useLocation();
  const next = safeNext(params.get("next"));
  const signIn = useMutation({
    mutationFn: (body: { username: string; password: string }) => api.post<Me>("/api/v1/auth/sign-in", body),
    onSuccess: (signedIn) => {
      const locale = signedIn.user.locale;
      if (locale === "vi" || locale === "en") setLang(locale);
      sessionStorage.setItem("danvan.langApplied", "1");
      setMe(signedIn);
      navigate(signedIn.pending ? `${PENDING_PATH}?next=${encodeURIComponent(next)}` : next, {
        replace: true,
      });
    },
  });

  if (me.data && !signIn.isPending && !signIn.isSuccess)
    return <Navigate to={me.data.pending ? PENDING_PATH : next} replace />;

  return (
    <AuthFrame title={t("signIn.title")}>
      {(location.state as { signedOut?: boolean } | null)?.signedOut && !signIn.error ? (
        <Alert type="success" showIcon title={t("signIn.signedOut")} style={{ marginBottom: 16 }} />
      ) : null}
      {signIn.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={signInErrorText(signIn.error, t)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form layout="vertical" onFinish={(v) => signIn.mutate(v)} requiredMark={false}>
        <Form.Item
          name="username"
          label={t("signIn.username")}
          rules={[
            { required: true, message: t("common.required", { field: t("signIn.username").toLowerCase() }) },
          ]}
        >
          <Input autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("signIn.password")}
          rules={[
            { required: true, message: t("common.required", { field: t("signIn.password").toLowerCase() }) },
          ]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={signIn.isPending}>
          {t("signIn.submit")}
        </Button>
      </Form>
    </AuthFrame>
  );
}

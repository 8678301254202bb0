import { useQueryClient } from "@tanstack/react-query";
import { Button, Flex, Spin } from "antd";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { SIGN_IN_PATH } from "../../app/router.tsx";
import { api } from "../../lib/api.ts";
import { type Me, useMe, useSetMe } from "../../lib/auth.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { AuthFrame } from "./AuthFrame.tsx";
import { PasswordChangeForm, SecondFactorEnrol, SecondFactorVerifyForm } from "./forms.tsx";

/** The step a signed-in user must finish first (Me.pending): new password, 2FA code or 2FA set-up. */
export default function PendingStepPage() {
  const t = useT();
  const me = useMe();
  const setMe = useSetMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const nextParam = params.get("next");
  const next = nextParam?.startsWith("/") && !nextParam.startsWith("//") ? nextParam : "/";

  if (me.isLoading)
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  if (!me.data) return <Navigate to={SIGN_IN_PATH} replace />;
  if (!me.data.pending) return <Navigate to={next} replace />;

  const done = (updated: Me) => {
    if (!updated.pending) navigate(next, { replace: true });
  };
  const signOut = async () => {
    try {
      await api.post("/api/v1/auth/sign-out");
    } finally {
      setMe(null);
      client.clear();
      navigate(SIGN_IN_PATH, { replace: true });
    }
  };
  const signOutButton = (
    <Button type="link" onClick={() => void signOut()} style={{ paddingInline: 0, marginTop: 16 }}>
      {t("header.signOut")}
    </Button>
  );

  switch (me.data.pending) {
    case "password_change":
      return (
        <AuthFrame title={t("password.title")}>
          <PasswordChangeForm forced onDone={done} />
          {signOutButton}
        </AuthFrame>
      );
    case "second_factor":
      return (
        <AuthFrame title={t("twofa.verifyTitle")}>
          <SecondFactorVerifyForm onDone={done} />
          {signOutButton}
        </AuthFrame>
      );
    default:
      return (
        <AuthFrame title={t("twofa.enrolTitle")} wide>
          <SecondFactorEnrol required onDone={done} />
          {signOutButton}
        </AuthFrame>
      );
  }
}

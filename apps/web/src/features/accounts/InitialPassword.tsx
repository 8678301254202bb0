import { CopyOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Typography } from "antd";
import { useT } from "../../lib/i18n/index.tsx";

/** A generated password, shown once, with a copy button and the warning that goes with it. */
export function InitialPassword({ password }: { password: string }) {
  const t = useT();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      void message.success(t("common.copied"));
    } catch {
      // no clipboard (insecure context): select the text so the user can copy it by hand
      const node = document.getElementById("initial-password");
      if (node) window.getSelection()?.selectAllChildren(node);
    }
  };
  return (
    <div>
      <Alert
        type="warning"
        showIcon
        role="alert"
        title={t("users.initialPasswordWarning")}
        style={{ marginBottom: 12 }}
      />
      <Typography.Text strong id="initial-password-label">
        {t("users.initialPassword")}
      </Typography.Text>
      <Flex gap={12} align="center" style={{ marginTop: 4 }}>
        <code
          id="initial-password"
          style={{
            fontSize: 20,
            padding: "4px 10px",
            background: "#f5f5f5",
            borderRadius: 6,
            userSelect: "all",
          }}
        >
          {password}
        </code>
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t("common.copy")}
        </Button>
      </Flex>
    </div>
  );
}

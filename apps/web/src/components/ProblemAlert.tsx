import { Alert } from "antd";
import { ApiError } from "../lib/api.ts";
import { useT } from "../lib/i18n/index.tsx";
import { useErrorText } from "../lib/useApiError.ts";

/**
 * Shows an API error (problem+json) in the current language. `showFields` also lists the field
 * errors (leave it off in forms, which mark their fields with `applyFieldErrors`).
 */
export function ProblemAlert({
  error,
  title,
  showFields,
}: {
  error: unknown;
  title?: string;
  showFields?: boolean;
}) {
  const t = useT();
  const text = useErrorText();
  if (!error) return null;
  const fields = showFields && error instanceof ApiError ? error.errors : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? text(error)}
      description={
        title || fields.length ? (
          <>
            {title ? <div>{text(error)}</div> : null}
            {fields.length ? (
              <>
                <div>{t("common.fieldErrors")}</div>
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {fields.map((f) => (
                    <li key={f.path}>
                      <code>{f.path.replace(/^body\./, "")}</code>: {f.message}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

import { Result, Spin } from "antd";
import { type ComponentType, lazy, type ReactNode, Suspense } from "react";
import { useCan } from "../lib/auth.ts";
import { useT } from "../lib/i18n/index.tsx";

export function PageSpinner() {
  const t = useT();
  return (
    <div style={{ display: "grid", placeItems: "center", minHeight: 240 }}>
      <Spin size="large" description={t("app.loading")} />
    </div>
  );
}

function RequireAction({ action, children }: { action: string; children: ReactNode }) {
  const can = useCan();
  const t = useT();
  if (!can(action)) return <Result status="403" title="403" subTitle={t("error.forbidden")} />;
  return <>{children}</>;
}

/**
 * A route element loaded on demand (its own chunk), optionally only for users whose roles allow
 * `action`: `{ path: "tin-bao", element: lazyPage(() => import("../features/tips/TipsPage.tsx"), "tip.read") }`.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>, action?: string): ReactNode {
  const Page = lazy(load);
  const page = (
    <Suspense fallback={<PageSpinner />}>
      <Page />
    </Suspense>
  );
  return action ? <RequireAction action={action}>{page}</RequireAction> : page;
}

import { Button, Result } from "antd";
import { lazy, Suspense } from "react";
import { createBrowserRouter, Link, Navigate, Outlet, useLocation, useRouteError } from "react-router";
import { type Me, useMe } from "../lib/auth.ts";
import { useT } from "../lib/i18n/index.tsx";
import { featureRoutes } from "./features.tsx";
import { PageSpinner } from "./lazy.tsx";

const Layout = lazy(() => import("./Layout.tsx"));
const SignInPage = lazy(() => import("../features/auth/SignInPage.tsx"));
const PendingStepPage = lazy(() => import("../features/auth/PendingStepPage.tsx"));

export const SIGN_IN_PATH = "/dang-nhap";
export const PENDING_PATH = "/xac-thuc";

/** Where a signed-in user should be, given Me.pending; null when they may go anywhere. */
export function pendingRedirect(me: Me): string | null {
  return me.pending ? PENDING_PATH : null;
}

function FullPageSpinner() {
  return (
    <div style={{ minHeight: "100vh", display: "grid", placeItems: "center" }}>
      <PageSpinner />
    </div>
  );
}

/** The signed-in area: sends strangers to sign-in and users with a pending step to it. */
function RequireSignedIn() {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) return <FullPageSpinner />;
  if (me.isError) return <RouteError />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return (
      <Navigate to={`${SIGN_IN_PATH}${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`} replace />
    );
  }
  const pending = pendingRedirect(me.data);
  if (pending) return <Navigate to={pending} replace />;
  return (
    <Suspense fallback={<FullPageSpinner />}>
      <Layout>
        <Outlet />
      </Layout>
    </Suspense>
  );
}

function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t("app.notFound")}
      extra={
        <Link to="/">
          <Button type="primary">{t("app.backHome")}</Button>
        </Link>
      }
    />
  );
}

function RouteError() {
  const t = useT();
  const error = useRouteError();
  if (error) console.error(error);
  return (
    <Result
      status="error"
      title={t("app.pageError")}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t("app.reload")}
        </Button>
      }
    />
  );
}

export const router = createBrowserRouter([
  {
    path: SIGN_IN_PATH,
    errorElement: <RouteError />,
    element: (
      <Suspense fallback={<FullPageSpinner />}>
        <SignInPage />
      </Suspense>
    ),
  },
  {
    path: PENDING_PATH,
    errorElement: <RouteError />,
    element: (
      <Suspense fallback={<FullPageSpinner />}>
        <PendingStepPage />
      </Suspense>
    ),
  },
  {
    path: "/",
    element: <RequireSignedIn />,
    errorElement: <RouteError />,
    // a page that fails keeps the layout around it
    children: [
      { errorElement: <RouteError />, children: [...featureRoutes, { path: "*", element: <NotFound /> }] },
    ],
  },
]);

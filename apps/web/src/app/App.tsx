import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import viVN from "antd/locale/vi_VN";
import dayjs from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat";
import "dayjs/locale/vi";
import { type ReactNode, useEffect, useState } from "react";
import { RouterProvider } from "react-router";
import { ApiError, onAuthProblem } from "../lib/api.ts";
import { ME_KEY } from "../lib/auth.ts";
import { LangProvider, useLang } from "../lib/i18n/index.tsx";
import { router } from "./router.tsx";

dayjs.extend(customParseFormat);

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // a 4xx answer will not change by asking again
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}

function AntdRoot({ children }: { children: ReactNode }) {
  const { lang } = useLang();
  useEffect(() => {
    dayjs.locale(lang === "vi" ? "vi" : "en");
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === "vi" ? viVN : enUS}
      theme={{ token: { colorPrimary: "#1f4e8c", fontSize: 15, borderRadius: 6 } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export default function App() {
  const [client] = useState(makeQueryClient);
  useEffect(() => {
    onAuthProblem((error) => {
      // the session ended: show the sign-in page; a pending step: reload Me so routing follows it
      if (error.status === 401) client.setQueryData(ME_KEY, null);
      else void client.invalidateQueries({ queryKey: ME_KEY });
    });
    return () => onAuthProblem(null);
  }, [client]);
  return (
    <LangProvider>
      <AntdRoot>
        <QueryClientProvider client={client}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntdRoot>
    </LangProvider>
  );
}

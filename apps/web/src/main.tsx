import { type ComponentType, StrictMode } from "react";
import { createRoot } from "react-dom/client";

/**
 * Two applications share this entry: the public citizen page under /cong-dan (plain HTML, no antd,
 * built in ./public) and the staff application (antd) everywhere else. Each is a separate chunk, so
 * a citizen never downloads antd.
 */
export function isPublicPath(pathname: string): boolean {
  return pathname === "/cong-dan" || pathname.startsWith("/cong-dan/");
}

async function start() {
  const element = document.getElementById("root");
  if (!element) return;
  const load: Promise<{ default: ComponentType }> = isPublicPath(window.location.pathname)
    ? import("./public/PublicApp.tsx")
    : import("./app/App.tsx");
  const { default: Root } = await load;
  createRoot(element).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}

void start();

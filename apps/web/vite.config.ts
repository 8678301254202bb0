/// <reference types="node" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const server = process.env.DANVAN_API ?? "http://localhost:3000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": { target: server, changeOrigin: false },
      "/healthz": { target: server, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // antd is CSS-in-JS and large: pages are split by route (React.lazy), so a chunk warning
    // only fires for something unexpected
    chunkSizeWarningLimit: 900,
  },
});

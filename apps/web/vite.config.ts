import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // Everything is served by Kindred itself: no CDNs, so keep assets local and hashed.
    assetsInlineLimit: 0,
    sourcemap: false,
    // React, React Router, React Aria and i18next make up most of the entry chunk; signed-in pages are split off.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: "http://127.0.0.1:3100", changeOrigin: false },
      "/socket.io": { target: "http://127.0.0.1:3100", changeOrigin: false, ws: true },
    },
  },
});

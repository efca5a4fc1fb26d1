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
    // React, React Router, React Aria, i18next and both languages' strings make up most of the entry chunk;
    // signed-in pages are split off. (About 620 kB once the safety layer's strings joined, 655 kB with
    // moderation's; loading only the reader's language would take about 70 kB off.)
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: "http://127.0.0.1:3100", changeOrigin: false },
      "/socket.io": { target: "http://127.0.0.1:3100", changeOrigin: false, ws: true },
    },
  },
});

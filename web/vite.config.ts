import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The web app (issue 7). Built to web/dist, which the API server serves on its own port
 * (src/server/web.ts), so the app calls /api on its own origin and the CSP can stay 'self'.
 */
const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Chromium, Firefox and Safari of the NLDS baseline all know modulepreload; the polyfill is not needed.
    modulePreload: { polyfill: false },
    // No inline data: URIs for scripts; small assets as files keep the CSP at 'self'.
    assetsInlineLimit: 0,
    // React, the Utrecht components and the fact catalogue (with zod) in one file: about 170 kB gzipped.
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `vite --config web/vite.config.ts` for development: the API runs beside it on port 3000.
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
});

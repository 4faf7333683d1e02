import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Builds the web app with Vite into a folder of its own (so a parallel `npm start`, which rebuilds
 * web/dist, never pulls files away under a test). Called once per test run by the global setup
 * (test/support/web-global-setup.ts): one build instead of one per browser test file, and no two Vite
 * builds racing each other on a 2-core machine.
 */
export function buildWebAppInto(): { dir: string; remove(): void } {
  const root = join(import.meta.dirname, "..", "..");
  const dir = mkdtempSync(join(tmpdir(), "wegwijzer-web-"));
  const vite = join(root, "node_modules", ".bin", "vite");
  const result = spawnSync(
    vite,
    [
      "build",
      "--config",
      join(root, "web", "vite.config.ts"),
      "--outDir",
      dir,
      "--emptyOutDir",
      "--logLevel",
      "warn",
    ],
    { cwd: root, encoding: "utf8" },
  );
  if (result.status !== 0 || !existsSync(join(dir, "index.html"))) {
    throw new Error(`vite build mislukte:\n${result.stdout}\n${result.stderr}`);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // The reliability suite (real processes, load, SIGKILL) runs on its own: npm run test:reliability.
    exclude: [...configDefaults.exclude, "test/reliability/**"],
    // The browser tests share one build of the web app (test/support/web-build.ts).
    globalSetup: ["test/support/web-global-setup.ts"],
    testTimeout: 60_000,
    // Opening a fresh database (migrations, region sync) can take seconds on a loaded 2-core machine.
    hookTimeout: 60_000,
    // CI reads a plain "N passed, N failed" line; .ci/run prints it from this report.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: process.env.CI ? { json: ".tmp/vitest-report.json" } : undefined,
  },
});

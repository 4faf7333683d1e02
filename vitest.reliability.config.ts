import { defineConfig } from "vitest/config";

/**
 * `npm run test:reliability` (issue 9): real server processes on 127.0.0.1 under load, killed with
 * SIGKILL, two of them on one PostgreSQL database, and fed malformed input through raw sockets. Kept out
 * of `npm test` (vitest.config.ts) because it is slow and wants the machine to itself.
 */
export default defineConfig({
  test: {
    include: ["test/reliability/**/*.test.ts"],
    // One file at a time: the load test measures latency, and every file starts server processes of its
    // own; in parallel they would only slow each other down on a 2-core machine.
    fileParallelism: false,
    testTimeout: 180_000,
    // Starting a server process (models, migrations, demo data) can take half a minute on a loaded machine.
    hookTimeout: 120_000,
    // CI reads a plain "N passed, N failed" line; .ci/run sums this report with the one of `npm test`.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: process.env.CI ? { json: ".tmp/vitest-reliability-report.json" } : undefined,
  },
});

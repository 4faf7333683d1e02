import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openStore } from "../src/store/database.ts";
import { listAllocations, listReferrals } from "../src/store/registry.ts";

const dir = mkdtempSync(join(tmpdir(), "wegwijzer-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it(
  "npm start on a fresh data folder loads the demo data into the embedded database, once",
  { timeout: 120_000 },
  async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
    delete env.DATABASE_URL;
    const run = () =>
      spawnSync("npm", ["start", "--silent"], {
        cwd: join(import.meta.dirname, ".."),
        env,
        input: "",
        encoding: "utf8",
      });
    const first = run();
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /Demogegevens geladen in het register \(pglite\): \d+ aanbieders, \d+ verwijzingen, \d+ toewijzingen/,
    );
    expect(first.stdout).toContain("Advies voor Regio Hart van Brabant");
    expect(first.stdout).not.toMatch(/\b999\d{6}\b/);
    const second = run();
    expect(second.stdout).toContain("Register (pglite) bevat al gegevens.");

    const store = await openStore({ dataDir: join(dir, "pglite") });
    try {
      const referrals = await listReferrals(store);
      expect(new Set(referrals.map((r) => r.regionId))).toEqual(
        new Set([
          "hart-van-brabant",
          "een-10-voor-de-jeugd",
          "iaj-gwv-hcmv",
          "amsterdam-amstelland",
          "zaanstreek-waterland",
        ]),
      );
      expect((await listAllocations(store)).length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  },
);

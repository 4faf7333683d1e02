import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { listAudit } from "../src/store/audit.ts";
import { openStore, storeOptionsFromEnv } from "../src/store/database.ts";
import { captureCli } from "./support/capture.ts";
import { hoursCase } from "./support/whatif.ts";

/**
 * `whatif` from the command line, on PGlite in a data folder of its own: referrals made with
 * `referral create`, then the 300-hour threshold moved. The report names referral ids and never a BSN;
 * the read leaves one audit record per client, with the system as actor. Bad input exits with 2.
 */

let dir: string;
const saved = {
  DATA_DIR: process.env.DATA_DIR,
  DATABASE_URL: process.env.DATABASE_URL,
  WEGWIJZER_BSN_KEY: process.env.WEGWIJZER_BSN_KEY,
};
const bsns = testBsns(3, 85);
const hours = [280, 299, 300];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wegwijzer-whatif-"));
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  delete process.env.WEGWIJZER_BSN_KEY;
  hours.forEach((h, i) => {
    writeFileSync(
      join(dir, `casus-${h}.json`),
      JSON.stringify(hoursCase({ begeleiding: h, behandeling: 0 }, `2025-03-0${i + 1}`)),
    );
    writeFileSync(join(dir, `client-${h}.json`), JSON.stringify({ bsn: bsns[i] }));
  });
});
afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});
const { io, cli, text, errors, json } = captureCli();

const whatif = (...args: string[]) =>
  cli("whatif", "--region", "hart-van-brabant", "--period", "2025-01-01..2025-12-31", ...args);

describe("whatif from the command line", { timeout: 120_000 }, () => {
  const ids: string[] = [];

  it("re-evaluates the referrals of the period and lists who moves, by id", async () => {
    for (const h of hours) {
      io.out = [];
      const args = ["--case", join(dir, `casus-${h}.json`), "--client", join(dir, `client-${h}.json`)];
      expect(
        await cli("referral", "create", "--region", "hart-van-brabant", ...args, "--format", "json"),
      ).toBe(0);
      ids.push(json().id);
    }
    io.out = [];
    expect(await whatif("--set", "drempel-begeleiding=280", "--format", "json")).toBe(0);
    const report = json();
    expect(report.moves).toEqual([{ before: ["4"], after: ["1"], count: 2, referralIds: [ids[0], ids[1]] }]);
    expect(report).toMatchObject({ read: 3, reEvaluated: 3, unchanged: 1, moved: 2 });
    expect(report.changes[0]).toMatchObject({ name: "drempel-begeleiding", value: 280, unit: "uur" });
    expect(report.budget.basis).toContain("taakgerichte segmenten hebben een budgetplafond");
    expect(report.clientIds).toBeUndefined();
  });

  it("prints the moves, the budget effect and the explained reason in Dutch, without a BSN", async () => {
    expect(await whatif("--set", "drempel-begeleiding=280")).toBe(0);
    const out = text();
    expect(out).toContain("drempel-begeleiding: 300 → 280 uur");
    expect(out).toContain("Telt mee in: regels s1-vuistregel-begeleiding");
    expect(out).toContain(`Verwijzingen: ${ids[0]}, ${ids[1]}`);
    expect(out).toContain("Budgeteffect (periode 2025-01-01 t/m 2025-12-31):");
    expect(out).toContain("4 → 1: 2 × niet te waarderen");
    expect(out).toContain(`Verwijzing ${ids[0]} (aanmelding 2025-03-01): 4 → 1`);
    expect(out).toContain("✘ niet van toepassing → ✔ toegepast  [");
    expect(out).toContain("280 uur begeleiding");
    for (const bsn of bsns) expect(out).not.toContain(bsn);
  });

  it("leaves one audit record per client read, with the system as actor", async () => {
    const store = await openStore(storeOptionsFromEnv());
    try {
      const records = (await listAudit(store.db)).filter((r) => r.detail.doel === "wat-als");
      // Two runs above, three clients each.
      expect(records).toHaveLength(6);
      expect(records[0]).toMatchObject({
        actorId: null,
        action: "lezen",
        resource: "verwijzing",
        purpose: "beheer",
        detail: { via: "commandoregel", doel: "wat-als", regio: "hart-van-brabant" },
      });
      expect(new Set(records.map((r) => r.clientId)).size).toBe(3);
    } finally {
      await store.close();
    }
  });

  it("refuses an unknown region, parameter, value or period with exit code 2 and the option", async () => {
    expect(await cli("whatif", "--region", "atlantis", "--set", "drempel-begeleiding=280")).toBe(2);
    expect(errors()).toContain("--region: onbekende regio 'atlantis'");
    io.err = [];
    expect(await whatif("--set", "drempel=280")).toBe(2);
    expect(errors()).toContain("--set: onbekende parameter 'drempel' in hart-van-brabant");
    io.err = [];
    expect(await whatif("--set", "drempel-begeleiding=driehonderd")).toBe(2);
    expect(errors()).toContain(
      "--set: drempel-begeleiding = 'driehonderd': moet een getal zijn (eenheid: uur)",
    );
    io.err = [];
    expect(
      await cli(
        "whatif",
        "--region",
        "hart-van-brabant",
        "--set",
        "drempel-begeleiding=280",
        "--period",
        "2025-12-31..2025-01-01",
      ),
    ).toBe(2);
    expect(errors()).toContain("--period: de begindatum 2025-12-31 ligt na de einddatum 2025-01-01");
    io.err = [];
    expect(await cli("whatif", "--region", "hart-van-brabant")).toBe(2);
  });
});

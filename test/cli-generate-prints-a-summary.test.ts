import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureCli } from "./support/capture.ts";

/** `generate` from the command line, on PGlite in a data folder of its own: a Dutch summary, no BSN. */

let dir: string;
const saved = {
  DATA_DIR: process.env.DATA_DIR,
  DATABASE_URL: process.env.DATABASE_URL,
  WEGWIJZER_BSN_KEY: process.env.WEGWIJZER_BSN_KEY,
};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wegwijzer-generate-"));
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  delete process.env.WEGWIJZER_BSN_KEY;
});
afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});
const { cli, text, errors } = captureCli();

describe("generate from the command line", { timeout: 120_000 }, () => {
  it("refuses a number of clients that is not a whole number, naming the option", async () => {
    expect(await cli("generate", "--clients", "veel", "--year", "2026")).toBe(2);
    expect(errors()).toContain("--clients");
  });

  it("refuses more than a million clients (twice a national year)", async () => {
    expect(await cli("generate", "--clients", "1000001", "--year", "2026")).toBe(2);
    expect(errors()).toContain("--clients: '1000001' moet een geheel getal van 1 tot en met 1000000 zijn");
  });

  it("refuses an unknown region", async () => {
    expect(await cli("generate", "--clients", "5", "--year", "2026", "--regions", "atlantis")).toBe(2);
    expect(errors()).toContain("Onbekende regio 'atlantis'");
  });

  it("fills the registry and prints what it made", async () => {
    expect(
      await cli(
        "generate",
        "--clients",
        "50",
        "--year",
        "2026",
        "--regions",
        "hart-van-brabant",
        "--seed",
        "3",
      ),
    ).toBe(0);
    const out = text();
    expect(out).toContain("Gegenereerd voor 2026 (seed 3) in hart-van-brabant:");
    expect(out).toMatch(/cliënten:\s+50\n/);
    expect(out).toMatch(/verwijzingen:\s+50\n/);
    expect(out).toMatch(/toewijzingen:\s+\d+/);
    expect(out).toMatch(/declaratieregels:\s+\d+/);
    expect(out).toMatch(/tijd:\s+\d+\.\d s/);
    expect(out).not.toMatch(/\b\d{9}\b/);
  });

  it("refuses a second run into the same registry", async () => {
    expect(await cli("generate", "--clients", "5", "--year", "2026")).toBe(2);
    expect(errors()).toContain("al gegenereerde gegevens");
  });
});

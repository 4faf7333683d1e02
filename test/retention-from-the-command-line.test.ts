import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, storeOptionsFromEnv } from "../src/store/database.ts";
import { captureCli } from "./support/capture.ts";
import {
  bsnDue,
  bsnLater,
  bsnRunning,
  bsnToegang,
  buildRetentionWorld,
  DUE_DAY,
  type RetentionWorld,
} from "./support/retention.ts";

/** Retention from the command line, on PGlite in a data folder of its own: Dutch output, never a BSN. */

let dir: string;
let w: RetentionWorld;
const saved = {
  DATA_DIR: process.env.DATA_DIR,
  DATABASE_URL: process.env.DATABASE_URL,
  WEGWIJZER_BSN_KEY: process.env.WEGWIJZER_BSN_KEY,
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wegwijzer-retention-"));
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  delete process.env.WEGWIJZER_BSN_KEY;
  const store = await openStore(storeOptionsFromEnv());
  try {
    w = await buildRetentionWorld(store);
  } finally {
    await store.close();
  }
}, 120_000);
afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});
const { io, cli, text, errors } = captureCli();

describe("retention from the command line", { timeout: 120_000 }, () => {
  const allOutput: string[] = [];
  const run = async (...args: string[]) => {
    const code = await cli(...args);
    allOutput.push(text(), errors());
    return code;
  };

  it("lists the dossiers with their destruction dates, and only the due ones on request", async () => {
    expect(await run("bewaartermijn", "lijst", "--datum", DUE_DAY)).toBe(0);
    expect(text()).toContain("4 dossier(s), waarvan 2 vervallen.");
    expect(text()).toContain("jeugdhulp: 20 jaar na het einde van de laatste zorg");
    expect(text()).toContain(
      `${w.due}  jeugdhulp, laatste wijziging 2027-01-02: vernietigen vanaf ${DUE_DAY} (VERVALLEN)`,
    );
    expect(text()).toContain(`${w.running}  jeugdhulp, laatste wijziging`);
    expect(text()).toContain("zorg loopt nog, nog geen datum");
    io.out = [];
    expect(await run("bewaartermijn", "lijst", "--datum", DUE_DAY, "--vervallen", "--format", "json")).toBe(
      0,
    );
    const due = JSON.parse(text()) as { clientId: string }[];
    expect(due.map((d) => d.clientId).sort()).toEqual([w.due, w.toegang].sort());
  });

  it("refuses a badly set term with a clear message", async () => {
    process.env.WEGWIJZER_BEWAARTERMIJN_TOEGANG = "vijf";
    try {
      expect(await run("bewaartermijn", "lijst")).toBe(2);
      expect(errors()).toContain("WEGWIJZER_BEWAARTERMIJN_TOEGANG moet een heel aantal jaren zijn");
    } finally {
      delete process.env.WEGWIJZER_BEWAARTERMIJN_TOEGANG;
    }
  });

  it("records a request and refuses an approval by the same employee and a refusal without a reason", async () => {
    expect(
      await run(
        "bewaartermijn",
        "verzoek",
        w.later,
        "--relatie",
        "ouder/gezaghebber",
        "--door",
        "anna",
        "--datum",
        "2027-03-15",
      ),
    ).toBe(0);
    const id = /Verzoek (\S+) vastgelegd/.exec(text())?.[1] ?? "";
    expect(text()).toContain("uiterlijk 2027-06-15");
    expect(await run("bewaartermijn", "besluit", id, "--goedkeuren", "--door", "anna")).toBe(2);
    expect(errors()).toContain("vier ogen");
    expect(
      await run(
        "bewaartermijn",
        "besluit",
        id,
        "--weigeren",
        "nee",
        "--grond",
        "belang-ander",
        "--door",
        "bram",
      ),
    ).toBe(2);
    expect(errors()).toContain("ten minste 10 tekens");
    expect(
      await run(
        "bewaartermijn",
        "besluit",
        id,
        "--weigeren",
        "Het dossier is nodig voor de hulp aan een broer.",
        "--door",
        "bram",
      ),
    ).toBe(2);
    expect(errors()).toContain("Een weigering noemt een grond");
    io.out = [];
    expect(
      await run(
        "bewaartermijn",
        "besluit",
        id,
        "--weigeren",
        "Het dossier is nodig voor de hulp aan een broer.",
        "--grond",
        "belang-ander",
        "--door",
        "bram",
        "--datum",
        "2027-04-01",
      ),
    ).toBe(0);
    expect(text()).toContain("geweigerd: Bewaren is van aanmerkelijk belang voor een ander dan de jeugdige");
    io.out = [];
    expect(await run("bewaartermijn", "verzoeken", "--alle")).toBe(0);
    expect(text()).toContain(`geweigerd op 2027-04-01 (belang-ander`);
  });

  it("shows in a dry run what would go, needs a second person to destroy, then destroys and logs", async () => {
    expect(await run("bewaartermijn", "vernietig", "--datum", DUE_DAY, "--droog")).toBe(0);
    expect(text()).toContain(
      "Proefdraai op 2047-01-02: 2 dossier(s) zouden worden vernietigd. Er is niets veranderd.",
    );
    expect(await run("bewaartermijn", "vernietig", "--datum", DUE_DAY)).toBe(2);
    expect(errors()).toContain("--bevestigd-door");
    expect(await run("bewaartermijn", "vernietig", "--datum", DUE_DAY, "--bevestigd-door", "niemand")).toBe(
      2,
    );
    expect(errors()).toContain("onbekende gebruiker 'niemand'");
    io.out = [];
    expect(
      await run(
        "bewaartermijn",
        "vernietig",
        "--datum",
        DUE_DAY,
        "--door",
        "bram",
        "--bevestigd-door",
        "anna",
      ),
    ).toBe(0);
    expect(text()).toContain("Vernietigd op 2047-01-02: 2 dossier(s); overgeslagen: 0; mislukt: 0.");
    io.out = [];
    expect(await run("bewaartermijn", "logboek")).toBe(0);
    expect(text()).toContain(
      `dossier ${w.due} (jeugdhulp, termijn-verstreken; Jeugdwet art. 7.3.8 lid 3); door bram, bevestigd door anna`,
    );
    io.out = [];
    expect(await run("bewaartermijn", "lijst", "--datum", DUE_DAY)).toBe(0);
    expect(text()).toContain("2 dossier(s), waarvan 0 vervallen.");
  });

  it("never prints a BSN", () => {
    const all = allOutput.join("\n");
    for (const bsn of [bsnDue, bsnLater, bsnRunning, bsnToegang]) expect(all).not.toContain(bsn);
  });
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { readMessage } from "../src/ijw/codec.ts";
import { captureCli } from "./support/capture.ts";
import { votXml } from "./support/ijw.ts";

/** The exchange through the CLI: an inbox folder in, an outbox folder out, on PGlite in a folder of its own. */

let dir: string;
const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
const [bsn = "", other = ""] = testBsns(2, 77);
const weekly = { Volume: 2, Eenheid: "04", Frequentie: "2" };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wegwijzer-ijw-cli-"));
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  writeFileSync(
    join(dir, "provider.json"),
    JSON.stringify({
      agb: "12345678",
      name: "GGZ-aanbieder (fictief)",
      contracts: [
        {
          regionId: "hart-van-brabant",
          segment: "4",
          product: "ggz-specialistisch",
          validFrom: "2023-01-01",
          ijwCategory: "54",
          ijwCode: "54001",
        },
      ],
    }),
  );
  mkdirSync(join(dir, "inbox"));
  const product = { category: "54", code: "54001", start: "2026-03-09", end: "2026-12-31", omvang: weekly };
  writeFileSync(
    join(dir, "inbox", "a.xml"),
    votXml({ identificatie: "V1", dagtekening: "2026-03-02", bsn, products: [{ ref: "R1", ...product }] }),
  );
  writeFileSync(
    join(dir, "inbox", "b.xml"),
    votXml({
      identificatie: "V2",
      dagtekening: "2026-03-02",
      bsn: other,
      products: [{ ref: "R2", ...product, verwijzer: { Type: "06" } }],
    }),
  );
  writeFileSync(join(dir, "inbox", "c.xml"), "<niet-goed");
});
afterAll(() => {
  process.env.DATA_DIR = saved.DATA_DIR;
  if (saved.DATABASE_URL) process.env.DATABASE_URL = saved.DATABASE_URL;
  if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
  rmSync(dir, { recursive: true, force: true });
});
const { cli, text } = captureCli();

describe("ijw import, export and answer", () => {
  it("imports an inbox folder, says what happened to each file and exits 1 when one was invalid", async () => {
    expect(await cli("provider", "add", "--file", join(dir, "provider.json"))).toBe(0);
    expect(await cli("ijw", "import", join(dir, "inbox"), "--today", "2026-03-02")).toBe(1);
    expect(text()).toContain(
      "3 bericht(en): 2 verwerkt, 1 ongeldig (geen retour); 4 bericht(en) klaargezet in de outbox.",
    );
    expect(text()).toMatch(/a\.xml: JW315 V1: verwerkt/);
    expect(text()).toMatch(/c\.xml: onbekend bericht: ongeldig/);
    expect(text()).not.toContain(bsn);
  });

  it("exports the outbox as one valid XML file per message, and only once", async () => {
    const out = join(dir, "outbox");
    expect(await cli("ijw", "export", "--out", out)).toBe(0);
    const files = readdirSync(out).sort();
    expect(files.map((f) => f.slice(0, 5)).sort()).toEqual(["JW301", "JW316", "JW316", "JW319"]);
    for (const f of files) expect(readMessage(readFileSync(join(out, f))).ok).toBe(true);
    expect(await cli("ijw", "export", "--out", out)).toBe(0);
    expect(text()).toContain("0 bericht(en) geschreven");
  });

  it("answers a request under investigation and refuses a second answer", async () => {
    expect(
      await cli(
        "ijw",
        "answer",
        "--aanbieder",
        "12345678",
        "--referentie",
        "R2",
        "--afwijzen",
        "7",
        "--today",
        "2026-03-10",
      ),
    ).toBe(0);
    expect(text()).toMatch(/JW319 WW\d+ in de outbox/);
    expect(await cli("ijw", "answer", "--aanbieder", "12345678", "--referentie", "R2", "--toewijzen")).toBe(
      2,
    );
    expect(
      await cli("ijw", "answer", "--aanbieder", "12345678", "--referentie", "R2", "--afwijzen", "8"),
    ).toBe(2);
  });

  it("lists the standard's deadlines: retours still awaited, not the requests already answered", async () => {
    expect(await cli("deadlines", "--today", "2026-03-04")).toBe(0);
    expect(text()).not.toContain("R2");
    expect(text()).toMatch(
      /open +2026-03-05 +gemeente 0855 +Retourbericht van de aanbieder ontvangen .*\(JW301 WW\d+\)/,
    );
  });

  it("the same inbox again changes nothing and gets 9056 retours", async () => {
    expect(await cli("ijw", "import", join(dir, "inbox", "a.xml"), "--today", "2026-03-02")).toBe(0);
    expect(text()).toContain("1 al eerder ontvangen");
  });
});

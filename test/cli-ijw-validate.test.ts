import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { captureCli } from "./support/capture.ts";

const { cli, text } = captureCli();
const dir = mkdtempSync(join(tmpdir(), "wegwijzer-ijw-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string) => new URL(`./fixtures/ijw/${name}`, import.meta.url).pathname;

describe("ijw validate", () => {
  it("accepts a valid message with exit code 0", async () => {
    expect(await cli("ijw", "validate", fixture("JW315-volledig.xml"), "--today", "2026-11-22")).toBe(0);
    expect(text()).toContain("JW315 (verzoek om toewijzing)");
    expect(text()).toContain("Berichtregels: geen bevindingen");
  });

  it("prints the rule, its retour code and its text for a broken rule, without the BSN", async () => {
    const file = join(dir, "vot.xml");
    writeFileSync(
      file,
      readFileSync(fixture("JW315-volledig.xml"), "utf8").replace(
        "<jw315:Bsn>999990019<",
        "<jw315:Bsn>999990018<",
      ),
    );
    expect(await cli("ijw", "validate", file, "--today", "2026-11-22")).toBe(1);
    expect(text()).toContain("CS002 · retourcode 0001 · Client");
    expect(text()).toContain("Een BSN moet voldoen aan de elfproef.");
    expect(text()).not.toContain("999990018");
  });

  it("names the element, the line and the reason of an XSD error", async () => {
    const file = join(dir, "antwoord.xml");
    writeFileSync(
      file,
      readFileSync(fixture("JW319-volledig.xml"), "utf8").replace(
        /<jw319:Gemeente>\d+</,
        "<jw319:Gemeente>363<",
      ),
    );
    expect(await cli("ijw", "validate", file)).toBe(1);
    expect(text()).toMatch(
      /Bericht\/Antwoord\/Woonplaatsbeginsel\/Gemeente \(regel \d+\): voldoet niet aan het patroon \[0-9\]\{4\} \(waarde "363"\)/,
    );
  });

  it("refuses a missing file with exit code 2", async () => {
    expect(await cli("ijw", "validate", join(dir, "bestaat-niet.xml"))).toBe(2);
  });
});

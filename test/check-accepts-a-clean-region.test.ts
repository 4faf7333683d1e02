import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkRegion, type Finding, formatFindings } from "../src/rules/check/index.ts";

const root = join(import.meta.dirname, "fixtures", "check", "clean");

describe("the static checker stays silent on a sound model", () => {
  it("finds nothing in a clean region and in its baseline", () => {
    // The clean fixture has whole-month thresholds that meet (atMost 6, atLeast 7), mutually exclusive
    // list tests under unique, and two rows with the same condition that are never in force together.
    expect(checkRegion("regio", root)).toEqual([]);
    expect(checkRegion("basis", root)).toEqual([]);
  });
});

describe("formatFindings", () => {
  it("prints one line per finding and a Dutch summary line", () => {
    const findings: Finding[] = [
      { severity: "error", code: "GAP", message: "Er is een gat.", file: "regio/decisions/a.yaml", line: 5 },
      {
        severity: "warning",
        code: "UNUSED_PARAMETER",
        message: "Niet gebruikt.",
        file: "regio/parameters.yaml",
      },
      { severity: "info", code: "CAPPED", message: "Te veel combinaties." },
    ];
    expect(formatFindings(findings).split("\n")).toEqual([
      "fout regio/decisions/a.yaml:5 [GAP] Er is een gat.",
      "waarschuwing regio/parameters.yaml [UNUSED_PARAMETER] Niet gebruikt.",
      "info (model) [CAPPED] Te veel combinaties.",
      "Samenvatting: 1 fout, 1 waarschuwing en 1 melding ter info.",
    ]);
  });

  it("says so when there is nothing to report", () => {
    expect(formatFindings([])).toBe("Samenvatting: geen fouten, geen waarschuwingen.");
  });
});

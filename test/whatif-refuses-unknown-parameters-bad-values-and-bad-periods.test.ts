import { describe, expect, it } from "vitest";
import {
  parsePeriod,
  prepareWhatIf,
  spliceValues,
  WhatIfInputError,
  withParameters,
} from "../src/monitoring/whatif-parameters.ts";
import { hvb } from "./support/registry.ts";
import { PERIOD } from "./support/whatif.ts";

/**
 * The what-if's input is checked against the region model before any referral is read: an unknown
 * parameter, a value of the wrong type or outside its unit, and a malformed period are refused with a
 * Dutch message naming the option and the reason. (The unknown region: cli-whatif.)
 */

function refusal(fn: () => unknown): { field: string; reason: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof WhatIfInputError) return { field: e.field, reason: e.reason };
    throw e;
  }
  throw new Error("niet geweigerd");
}

const prepare =
  (...settings: string[]) =>
  () =>
    prepareWhatIf(hvb.model, settings, PERIOD);

describe("what-if input", () => {
  it("refuses an unknown parameter and lists the known ones", () => {
    const r = refusal(prepare("drempel-begeleding=280"));
    expect(r.field).toBe("--set");
    expect(r.reason).toContain("onbekende parameter 'drempel-begeleding' in hart-van-brabant");
    expect(r.reason).toContain("drempel-begeleiding");
  });

  it("refuses a value that is not a number, or below zero, for a number of hours", () => {
    expect(refusal(prepare("drempel-begeleiding=veel")).reason).toBe(
      "drempel-begeleiding = 'veel': moet een getal zijn (eenheid: uur)",
    );
    expect(refusal(prepare("drempel-begeleiding=-5")).reason).toBe(
      "drempel-begeleiding = '-5': mag niet negatief zijn (eenheid: uur)",
    );
    expect(refusal(prepare("drempel-begeleiding=")).reason).toContain("parameter=waarde");
  });

  it("refuses a fraction above 1, and accepts a Dutch decimal comma", () => {
    expect(refusal(prepare("marge-bijna-vuistregel=1,5")).reason).toBe(
      "marge-bijna-vuistregel = '1,5': is een fractie en moet van 0 tot en met 1 zijn",
    );
    const ok = prepareWhatIf(hvb.model, ["marge-bijna-vuistregel=0,8"], PERIOD);
    expect(ok.changes[0]?.value).toBe(0.8);
  });

  it("refuses the same parameter twice and a what-if without any change", () => {
    expect(refusal(prepare("drempel-begeleiding=280", "drempel-begeleiding=290")).reason).toContain(
      "twee keer",
    );
    expect(refusal(prepare()).reason).toContain("ten minste één");
  });

  it("refuses a malformed period, a date that does not exist, and an end before the start", () => {
    expect(refusal(() => parsePeriod("2025"))).toEqual({
      field: "--period",
      reason: "'2025' moet de vorm JJJJ-MM-DD..JJJJ-MM-DD hebben",
    });
    expect(refusal(() => parsePeriod("2025-02-30..2025-12-31")).reason).toBe(
      "de begindatum '2025-02-30' is geen datum (JJJJ-MM-DD)",
    );
    expect(refusal(() => parsePeriod("2025-12-31..2025-01-01")).reason).toBe(
      "de begindatum 2025-12-31 ligt na de einddatum 2025-01-01",
    );
    expect(parsePeriod("2025-01-01..2025-12-31")).toEqual(PERIOD);
  });
});

describe("the changed model", () => {
  it("puts the value in force over the period only, and keeps the old values outside it", () => {
    const values = [{ from: "2023-01-01", value: 300 }];
    expect(spliceValues(values, PERIOD, 280)).toEqual([
      { from: "2023-01-01", to: "2024-12-31", value: 300 },
      { from: "2025-01-01", to: "2025-12-31", value: 280 },
      { from: "2026-01-01", value: 300 },
    ]);
  });

  it("leaves the loaded model untouched and gives the copy a hash of its own", () => {
    const before = JSON.stringify(hvb.model.parameters["drempel-begeleiding"]);
    const { model, changes } = withParameters(
      hvb.model,
      [{ name: "drempel-begeleiding", value: 280 }],
      PERIOD,
    );
    expect(JSON.stringify(hvb.model.parameters["drempel-begeleiding"])).toBe(before);
    expect(model.hash).not.toBe(hvb.model.hash);
    expect(changes[0]).toMatchObject({
      before: [{ from: "2023-01-01", to: null, value: 300 }],
      unit: "uur",
      use: { derived: ["combinatiescore"] },
    });
  });
});

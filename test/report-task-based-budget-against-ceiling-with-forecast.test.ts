import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetRows } from "../src/monitoring/budget.ts";
import { lastMonthOver, runRateForecast } from "../src/monitoring/forecast.ts";
import type { CatalogueSegment } from "../src/monitoring/report-catalogue.ts";
import type { Store } from "../src/store/database.ts";
import { reportRows } from "../src/store/reports.ts";
import { buildReportWorld } from "./support/report-world.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * The task-based budget: spend is the lump sum (the ceiling of regions/hart-van-brabant/parameters.yaml
 * in 12 parts), usage is care days, and the care days of the months to come are forecast at the run
 * rate of the months that are over.
 */

describe("the run-rate forecast", () => {
  it("knows which months are over on a day", () => {
    expect(lastMonthOver(2025, "2025-07-15")).toBe(6);
    expect(lastMonthOver(2025, "2025-01-31")).toBe(0);
    expect(lastMonthOver(2025, "2026-01-01")).toBe(12);
    expect(lastMonthOver(2025, "2024-12-31")).toBe(0);
  });

  it("extends the average per day of the months over to the months to come", () => {
    // January 31 + February 28 = 59 days, 118 measured: 2 a day; March (31 days) → 62, April → 60.
    const f = runRateForecast(2025, [31, 87], 2);
    expect(f.slice(0, 4)).toEqual([
      { month: 1, value: 31, kind: "werkelijk" },
      { month: 2, value: 87, kind: "werkelijk" },
      { month: 3, value: 62, kind: "prognose" },
      { month: 4, value: 60, kind: "prognose" },
    ]);
    expect(runRateForecast(2025, [], 0).every((m) => m.value === 0 && m.kind === "prognose")).toBe(true);
  });

  it("pays a ceiling that changes in the year pro rata, and the parts add up to the cent", () => {
    const segment: CatalogueSegment = {
      regionId: "r",
      segment: "1",
      financing: "taakgericht",
      budgetCeiling: {
        parameter: "plafond",
        values: [
          { from: "2024-01-01", to: "2025-06-30", value: 1_200_000 },
          { from: "2025-07-01", value: 2_400_000 },
        ],
      },
      startNorm: null,
    };
    const rows = budgetRows([segment], [], [], 2025, "2026-01-01");
    expect(rows.map((r) => r.betaald)).toEqual([
      ...Array(6).fill(100_000),
      ...Array(6).fill(200_000),
      1_800_000,
    ]);
  });
});

describe.each(engines)("the task-based budget on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    await buildReportWorld(store);
  });
  afterAll(() => done());

  it("sets Segment 1's lump sum against its ceiling of € 53,400,000 and forecasts the care days", async () => {
    const report = await reportRows(store, "budget-taakgericht", {
      year: 2025,
      regionId: "hart-van-brabant",
      asOf: "2025-07-15",
    });
    const s1 = report.rijen.filter((r) => r.segment === "1");
    expect(s1).toHaveLength(13);
    // Care days: A4 from 1 February (open), A5 from 1 April to 30 September.
    // Jan 0, Feb 28, Mar 31, Apr 30 + 30, May 31 + 31, Jun 30 + 30: 241 days in 181 (Jan–Jun).
    expect(s1.slice(0, 6).map((r) => [r.maand, r.soort, r.zorgdagen, r.clienten])).toEqual([
      ["2025-01", "werkelijk", 0, 0],
      ["2025-02", "werkelijk", 28, 1],
      ["2025-03", "werkelijk", 31, 1],
      ["2025-04", "werkelijk", 60, 2],
      ["2025-05", "werkelijk", 62, 2],
      ["2025-06", "werkelijk", 60, 2],
    ]);
    // July: 241 / 181 × 31 = 41.28 → 41; the year: 241 + 241 / 181 × 184 = 485.99 → 486.
    expect(s1[6]).toMatchObject({ maand: "2025-07", soort: "prognose", zorgdagen: 41, clienten: null });
    expect(s1[5]).toMatchObject({ betaald: 4_450_000, betaaldCumulatief: 26_700_000, plafond: 53_400_000 });
    // € 53,400,000 / 485.994 care days = € 109,877.79 per care day.
    expect(s1[12]).toEqual({
      regio: "hart-van-brabant",
      segment: "1",
      maand: "jaar",
      soort: "prognose",
      plafond: 53_400_000,
      betaald: 53_400_000,
      betaaldCumulatief: 53_400_000,
      clienten: 2,
      toewijzingen: null,
      zorgdagen: 486,
      zorgdagenCumulatief: 486,
      bedragPerZorgdag: 109_877.79,
    });
  });

  it("pays Segment 5's € 1,073,900 in parts that add up exactly", async () => {
    const report = await reportRows(store, "budget-taakgericht", {
      year: 2025,
      regionId: "hart-van-brabant",
      asOf: "2025-07-15",
    });
    const s5 = report.rijen.filter((r) => r.segment === "5");
    // 107,390,000 cents / 12 = 8,949,166.67: parts of 89,491.67 and 89,491.66.
    expect(s5[0]).toMatchObject({ betaald: 89_491.67, betaaldCumulatief: 89_491.67 });
    expect(s5[1]).toMatchObject({ betaald: 89_491.66, betaaldCumulatief: 178_983.33 });
    // A6: 10–20 May, 11 care days; year 11 + 11 / 181 × 184 = 22.18 → 22; € 1,073,900 / 22.18 = 48,412.43.
    expect(s5[12]).toMatchObject({
      betaald: 1_073_900,
      zorgdagen: 22,
      bedragPerZorgdag: 48_412.43,
      clienten: 1,
    });
  });
});

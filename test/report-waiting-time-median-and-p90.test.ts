import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadReportCatalogue, reportRows } from "../src/store/reports.ts";
import type { Store } from "../src/store/database.ts";
import { buildReportWorld } from "./support/report-world.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * Waiting time from referral to start of care, and Segment 1's 6-week norm, on the registry of
 * test/support/report-world.ts. The norm is the model's: hart-van-brabant segment 1, deadline
 * start-binnen-6-weken, P6W ("De start van de zorg is na aanmelding niet langer dan 6 weken").
 */

describe("the start norm comes from the region model", () => {
  it("reads Segment 1's P6W from hart-van-brabant/segments.yaml, with its quote", () => {
    const s1 = loadReportCatalogue().segments.find(
      (s) => s.regionId === "hart-van-brabant" && s.segment === "1",
    );
    expect(s1?.startNorm).toMatchObject({ id: "start-binnen-6-weken", period: "P6W" });
    expect(s1?.startNorm?.quote).toContain("niet langer dan 6 weken");
  });
});

describe.each(engines)("waiting time referral → start on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    await buildReportWorld(store);
  });
  afterAll(() => done());

  it("gives the median and p90 in days, and the share of Segment 1 starts within 6 weeks", async () => {
    const report = await reportRows(store, "wachttijd", {
      year: 2025,
      regionId: "hart-van-brabant",
      asOf: "2025-07-15",
    });
    expect(report.rijen).toEqual([
      // A4: 2025-01-06 → 2025-02-10 = 35 days (≤ 42: within); A5: 2025-02-03 → 2025-04-01 = 57 days.
      // Median (35 + 57) / 2 = 46; p90 = 35 + 0.9 × (57 − 35) = 54.8. One of two within: 50%.
      {
        regio: "hart-van-brabant",
        segment: "1",
        starts: 2,
        clienten: 2,
        mediaan: 46,
        p90: 54.8,
        norm: "P6W",
        binnenNorm: 1,
        aandeelBinnenNorm: 50,
      },
      // A1: 2024-12-20 → 2025-01-10 = 21 days; A3: 2025-02-01 → 2025-03-03 = 30 days (its withdrawn
      // start of 2025-02-02 does not count). Median 25.5; p90 = 21 + 0.9 × 9 = 29.1. No norm.
      {
        regio: "hart-van-brabant",
        segment: "4",
        starts: 2,
        clienten: 2,
        mediaan: 25.5,
        p90: 29.1,
        norm: null,
        binnenNorm: null,
        aandeelBinnenNorm: null,
      },
    ]);
  });

  it("counts a start on the last day of the 6 weeks as within, the day after as not", async () => {
    // Move A4's referral so its start (2025-02-10) falls exactly 42, then 43 days after it.
    const a4 = "00000000-0000-4000-8200-000000000004";
    const within = async (request: string) => {
      await store.db.updateTable("referral").set({ request_date: request }).where("id", "=", a4).execute();
      const r = await reportRows(store, "wachttijd", {
        year: 2025,
        regionId: "hart-van-brabant",
        asOf: "2025-07-15",
      });
      return r.rijen.find((x) => x.segment === "1")?.binnenNorm;
    };
    expect(await within("2024-12-30")).toBe(1);
    expect(await within("2024-12-29")).toBe(0);
    await within("2025-01-06");
  });
});

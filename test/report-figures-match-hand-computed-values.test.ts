import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportName, ReportRow } from "../src/monitoring/reports.ts";
import type { Store } from "../src/store/database.ts";
import { reportRows } from "../src/store/reports.ts";
import { buildReportWorld, P1, P2 } from "./support/report-world.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * Every report on the small registry of test/support/report-world.ts (hart-van-brabant, 2025, peildatum
 * 15 July 2025), against figures worked out by hand from its table: the comments show the sums. Raw
 * figures (no small cells hidden): hiding is tested on its own.
 */

const HVB = "hart-van-brabant";
const query = { year: 2025, regionId: HVB, asOf: "2025-07-15" };

describe.each(engines)("the reports on a hand-computed registry on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  const rows = async (name: ReportName): Promise<ReportRow[]> => (await reportRows(store, name, query)).rijen;

  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    await buildReportWorld(store);
  });
  afterAll(() => done());

  it("counts clients, allocations and P × Q spend per region, municipality and provider", async () => {
    // A1–A6 run in 2025 (A7 ended in 2024): clients C1–C5. Spend 111600 + 89280 − 89280 + 55000 +
    // 46800 = 213400 cents (L6 rejected, L7 in 2024).
    expect(await rows("per-regio")).toEqual([{ regio: HVB, clienten: 5, toewijzingen: 6, uitgaven: 2134 }]);
    // Goirle: A3 (C3), A4 (C4), spend L4. Tilburg: A1, A6 (C1), A2 (C2), A5 (C5), spend L1+L2−L5+L3.
    expect(await rows("per-gemeente")).toEqual([
      { gemeente: "0785", gemeenteNaam: "Goirle", clienten: 2, toewijzingen: 2, uitgaven: 468 },
      { gemeente: "0855", gemeenteNaam: "Tilburg", clienten: 3, toewijzingen: 4, uitgaven: 1666 },
    ]);
    expect(await rows("per-aanbieder")).toEqual([
      { aanbieder: P1, aanbiederNaam: "Aanbieder Een", clienten: 3, toewijzingen: 3, uitgaven: 1666 },
      { aanbieder: P2, aanbiederNaam: "Aanbieder Twee", clienten: 3, toewijzingen: 3, uitgaven: 468 },
    ]);
  });

  it("splits by segment, by the model's subsegment (or says there is none) and by care form", async () => {
    expect(await rows("per-segment")).toEqual([
      { regio: HVB, segment: "1", bekostiging: "taakgericht", clienten: 2, toewijzingen: 2, uitgaven: 0 },
      { regio: HVB, segment: "4", bekostiging: "pxq", clienten: 3, toewijzingen: 3, uitgaven: 2134 },
      { regio: HVB, segment: "5", bekostiging: "taakgericht", clienten: 1, toewijzingen: 1, uitgaven: 0 },
    ]);
    expect(await rows("per-subsegment")).toEqual([
      { regio: HVB, segment: "1", subsegment: "behandelverblijf", clienten: 1, toewijzingen: 1, uitgaven: 0 },
      {
        regio: HVB,
        segment: "1",
        subsegment: "intensieve-ambulante-jeugdhulp",
        clienten: 1,
        toewijzingen: 1,
        uitgaven: 0,
      },
      { regio: HVB, segment: "4", subsegment: "ggz", clienten: 2, toewijzingen: 2, uitgaven: 1666 },
      { regio: HVB, segment: "4", subsegment: "joh", clienten: 1, toewijzingen: 1, uitgaven: 468 },
      // Segment 5's products have no subsegment in segments.yaml.
      {
        regio: HVB,
        segment: "5",
        subsegment: "(geen subsegment in het regiomodel)",
        clienten: 1,
        toewijzingen: 1,
        uitgaven: 0,
      },
    ]);
    // A5's product lists three care forms (mst, jim, dagbehandeling): it counts in each.
    expect(await rows("per-zorgvorm")).toEqual([
      { zorgvorm: "(geen zorgvorm in het regiomodel)", clienten: 1, toewijzingen: 1, uitgaven: 0 },
      { zorgvorm: "behandelverblijf-open", clienten: 1, toewijzingen: 1, uitgaven: 0 },
      { zorgvorm: "dagbehandeling", clienten: 1, toewijzingen: 1, uitgaven: 0 },
      { zorgvorm: "ggz-specialistisch", clienten: 2, toewijzingen: 2, uitgaven: 1666 },
      { zorgvorm: "jim", clienten: 1, toewijzingen: 1, uitgaven: 0 },
      { zorgvorm: "joh-begeleiding", clienten: 1, toewijzingen: 1, uitgaven: 468 },
      { zorgvorm: "mst", clienten: 1, toewijzingen: 1, uitgaven: 0 },
    ]);
  });

  it("counts per month the allocations that run in it and the lines that start in it", async () => {
    // Jan A1 A2; Feb +A4; Mar +A3; Apr +A5; May +A6 (C1 again); Jun −A6; Jul−Sep −A1; Oct−Dec −A5.
    const months = [
      ["2025-01", 2, 2, 1666],
      ["2025-02", 3, 3, 0],
      ["2025-03", 4, 4, 468],
      ["2025-04", 5, 5, 0],
      ["2025-05", 5, 6, 0],
      ["2025-06", 5, 5, 0],
      ["2025-07", 4, 4, 0],
      ["2025-08", 4, 4, 0],
      ["2025-09", 4, 4, 0],
      ["2025-10", 3, 3, 0],
      ["2025-11", 3, 3, 0],
      ["2025-12", 3, 3, 0],
    ] as const;
    expect(await rows("per-maand")).toEqual(
      months.map(([maand, clienten, toewijzingen, uitgaven]) => ({
        maand,
        clienten,
        toewijzingen,
        uitgaven,
      })),
    );
  });

  it("counts per segment and month the allocations of that segment and the lines that start in it", async () => {
    // Segment 1: A4 from February, A5 April–September; no declarations (task-based).
    // Segment 4: A1 January–June, A2 all year, A3 from March; lines as in per-maand (all of segment 4).
    // Segment 5: A6 in May only.
    const months = [
      ["1", "2025-02", 1, 1, 0],
      ["1", "2025-03", 1, 1, 0],
      ["1", "2025-04", 2, 2, 0],
      ["1", "2025-05", 2, 2, 0],
      ["1", "2025-06", 2, 2, 0],
      ["1", "2025-07", 2, 2, 0],
      ["1", "2025-08", 2, 2, 0],
      ["1", "2025-09", 2, 2, 0],
      ["1", "2025-10", 1, 1, 0],
      ["1", "2025-11", 1, 1, 0],
      ["1", "2025-12", 1, 1, 0],
      ["4", "2025-01", 2, 2, 1666],
      ["4", "2025-02", 2, 2, 0],
      ["4", "2025-03", 3, 3, 468],
      ["4", "2025-04", 3, 3, 0],
      ["4", "2025-05", 3, 3, 0],
      ["4", "2025-06", 3, 3, 0],
      ["4", "2025-07", 2, 2, 0],
      ["4", "2025-08", 2, 2, 0],
      ["4", "2025-09", 2, 2, 0],
      ["4", "2025-10", 2, 2, 0],
      ["4", "2025-11", 2, 2, 0],
      ["4", "2025-12", 2, 2, 0],
      ["5", "2025-05", 1, 1, 0],
    ] as const;
    expect(await rows("per-segment-per-maand")).toEqual(
      months.map(([segment, maand, clienten, toewijzingen, uitgaven]) => ({
        regio: HVB,
        segment,
        maand,
        clienten,
        toewijzingen,
        uitgaven,
      })),
    );
  });

  it("gives P × Q from the declaration lines, credits negative, rejected lines left out", async () => {
    // ggz-specialistisch: volume 10 + 8 − 8 + 5 = 15; bedrag 166600 cents; P = 166600 / 15 = 11106.67.
    expect(await rows("pxq")).toEqual([
      {
        regio: HVB,
        segment: "4",
        product: "ggz-specialistisch",
        eenheid: "04",
        clienten: 2,
        regels: 4,
        volume: 15,
        gemiddeldTarief: 111.07,
        bedrag: 1666,
        volumeMaalTarief: 1666,
      },
      {
        regio: HVB,
        segment: "4",
        product: "joh-begeleiding",
        eenheid: "04",
        clienten: 1,
        regels: 1,
        volume: 6,
        gemiddeldTarief: 78,
        bedrag: 468,
        volumeMaalTarief: 468,
      },
    ]);
  });

  it("measures durations against the model's maximum", async () => {
    // A1 181 of 730 days: within. A2 ends 2026-03-31, past its last day 2026-02-28: longer.
    // A3 runs 672 days of 730 (92%): near. Segments 1 and 5 have no maximum.
    expect(await rows("duur")).toEqual([
      {
        regio: HVB,
        segment: "1",
        product: "behandelverblijf-open",
        maximum: "geen",
        clienten: 1,
        toewijzingen: 1,
        langer: null,
        bijna: null,
        binnen: null,
      },
      {
        regio: HVB,
        segment: "1",
        product: "intensieve-ambulante-jeugdhulp",
        maximum: "geen",
        clienten: 1,
        toewijzingen: 1,
        langer: null,
        bijna: null,
        binnen: null,
      },
      {
        regio: HVB,
        segment: "4",
        product: "ggz-specialistisch",
        maximum: "P2Y",
        clienten: 2,
        toewijzingen: 2,
        langer: 1,
        bijna: 0,
        binnen: 1,
      },
      {
        regio: HVB,
        segment: "4",
        product: "joh-begeleiding",
        maximum: "P2Y",
        clienten: 1,
        toewijzingen: 1,
        langer: 0,
        bijna: 1,
        binnen: 0,
      },
      {
        regio: HVB,
        segment: "5",
        product: "crisisverblijf",
        maximum: "geen",
        clienten: 1,
        toewijzingen: 1,
        langer: null,
        bijna: null,
        binnen: null,
      },
    ]);
  });

  it("counts unique clients per provider per segment", async () => {
    expect(await rows("unieke-clienten")).toEqual([
      {
        regio: HVB,
        aanbieder: P1,
        aanbiederNaam: "Aanbieder Een",
        segment: "1",
        clienten: 1,
        toewijzingen: 1,
      },
      {
        regio: HVB,
        aanbieder: P1,
        aanbiederNaam: "Aanbieder Een",
        segment: "4",
        clienten: 2,
        toewijzingen: 2,
      },
      {
        regio: HVB,
        aanbieder: P2,
        aanbiederNaam: "Aanbieder Twee",
        segment: "1",
        clienten: 1,
        toewijzingen: 1,
      },
      {
        regio: HVB,
        aanbieder: P2,
        aanbiederNaam: "Aanbieder Twee",
        segment: "4",
        clienten: 1,
        toewijzingen: 1,
      },
      {
        regio: HVB,
        aanbieder: P2,
        aanbiederNaam: "Aanbieder Twee",
        segment: "5",
        clienten: 1,
        toewijzingen: 1,
      },
    ]);
  });

  it("leaves out another year and another region", async () => {
    // Only A7 (2024-06-01 … 2024-12-31), A2 (from 2024-03-01) and L7 (December 2024) fall in 2024.
    const before = await reportRows(store, "per-regio", { ...query, year: 2024 });
    expect(before.rijen).toEqual([{ regio: HVB, clienten: 2, toewijzingen: 2, uitgaven: 440 }]);
    const other = await reportRows(store, "per-regio", { ...query, regionId: "een-10-voor-de-jeugd" });
    expect(other.rijen).toEqual([]);
  });
});

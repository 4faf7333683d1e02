import { lastMonthOver, runRateForecast } from "./forecast.ts";
import { type CatalogueSegment, numberOn } from "./report-catalogue.ts";
import { euro, type ReportRow } from "./reports.ts";

/**
 * The task-based budget of a segment against its ceiling (design.md §7). Task-based segments have no
 * declarations, so their spend is the lump sum itself: the ceiling valid on the first day of a month,
 * divided by 12, per month (docs/development.md "Reports" says why). What the lump sum buys is measured
 * as care days: the days the segment's allocations run. Pure.
 */

/** What the store measures per task-based segment and month (1-12). */
export interface BudgetMonth {
  regionId: string;
  segment: string;
  month: number;
  clients: number;
  allocations: number;
  careDays: number;
}

/** Unique clients of a segment over the months that are over. */
export interface BudgetYearClients {
  regionId: string;
  segment: string;
  clients: number;
}

const pad = (m: number) => String(m).padStart(2, "0");

export function budgetRows(
  segments: CatalogueSegment[],
  months: BudgetMonth[],
  yearClients: BudgetYearClients[],
  year: number,
  asOf: string,
): ReportRow[] {
  const over = lastMonthOver(year, asOf);
  const rows: ReportRow[] = [];
  for (const s of segments.filter((x) => x.financing === "taakgericht")) {
    const mine = months.filter((m) => m.regionId === s.regionId && m.segment === s.segment);
    const at = (month: number) => mine.find((m) => m.month === month);
    const days = runRateForecast(
      year,
      Array.from({ length: 12 }, (_, i) => at(i + 1)?.careDays ?? 0),
      over,
    );
    // The parts are differences of the cumulative sum in cents, so twelve parts add up to the ceiling
    // exactly (12 rounded parts of 1,073,900 / 12 would be 4 cents off).
    let exactCents = 0;
    let paid = 0;
    let careDays = 0;
    let ceilingKnown = true;
    for (const d of days) {
      const ceiling = s.budgetCeiling
        ? numberOn(s.budgetCeiling.values, `${year}-${pad(d.month)}-01`)
        : undefined;
      if (ceiling === undefined) ceilingKnown = false;
      exactCents += ((ceiling ?? 0) * 100) / 12;
      const part = ceiling === undefined ? null : Math.round(exactCents) - paid;
      paid = Math.round(exactCents);
      careDays += d.value;
      const m = at(d.month);
      rows.push({
        regio: s.regionId,
        segment: s.segment,
        maand: `${year}-${pad(d.month)}`,
        soort: d.kind,
        plafond: ceiling ?? null,
        betaald: euro(part),
        betaaldCumulatief: ceilingKnown ? euro(paid) : null,
        clienten: d.kind === "werkelijk" ? (m?.clients ?? 0) : null,
        toewijzingen: d.kind === "werkelijk" ? (m?.allocations ?? 0) : null,
        zorgdagen: Math.round(d.value),
        zorgdagenCumulatief: Math.round(careDays),
        bedragPerZorgdag: null,
      });
    }
    const clients = yearClients.find((c) => c.regionId === s.regionId && c.segment === s.segment);
    rows.push({
      regio: s.regionId,
      segment: s.segment,
      maand: "jaar",
      soort: over === 12 ? "werkelijk" : "prognose",
      plafond: s.budgetCeiling ? (numberOn(s.budgetCeiling.values, `${year}-01-01`) ?? null) : null,
      betaald: ceilingKnown ? euro(paid) : null,
      betaaldCumulatief: ceilingKnown ? euro(paid) : null,
      // Unique over the months that are over: a forecast of children is not made.
      clienten: clients?.clients ?? 0,
      toewijzingen: null,
      zorgdagen: Math.round(careDays),
      zorgdagenCumulatief: Math.round(careDays),
      bedragPerZorgdag: ceilingKnown && careDays > 0 ? euro(paid / careDays) : null,
    });
  }
  return rows;
}

import type { Report } from "../api.ts";
import { MONTH_NAMES } from "../labels.ts";

/**
 * How the dashboard writes the figures of a report (GET /monitoring/rapporten/{naam}). Always nl-NL,
 * whatever the browser's language, so the page, its tables and the screenshots read the same everywhere.
 *
 * The API hides small cells as null (a count of 1 to 4 children, docs/development.md "Reports"); null
 * also means "no figure" in a few places that have nothing to do with privacy. Those are told apart here,
 * so "minder dan 5" is only written where a count was really hidden.
 */

export type Column = Report["kolommen"][number];
export type Row = Report["rijen"][number];
export type Cell = Row[string];

export const HIDDEN = "minder dan 5";
export const NO_FIGURE = "–";

const whole = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 });
const cents = new Intl.NumberFormat("nl-NL", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1234567.5 → "€ 1.234.567,50" (a normal space: the tests and screen readers read it alike). */
export const euroText = (n: number): string => `€ ${cents.format(n)}`;
/** Whole euro for chart labels and summaries, where cents only add noise. */
export const euroRounded = (n: number): string => `€ ${whole.format(n)}`;
export const countText = (n: number): string => whole.format(n);
export const daysText = (n: number): string => oneDecimal.format(n);
export const numberText = (n: number): string => twoDecimals.format(n);

/**
 * Is this null a hidden small count? Only a count of children or allocations can be hidden; in the other
 * cases below the report simply has no figure (no norm, no maximum, a month still to come).
 */
export function isHidden(report: Report, row: Row, column: Column): boolean {
  if (row[column.id] !== null || column.soort !== "aantal" || column.overKinderen === false) return false;
  if (report.naam === "wachttijd" && column.id === "binnenNorm" && row.norm === null) return false;
  if (report.naam === "duur" && row.maximum === "geen") return false;
  if (report.naam === "budget-taakgericht") {
    // A month still to come has no count (children are not forecast); the year row has no allocations.
    if (row.soort === "prognose" && row.maand !== "jaar") return false;
    if (row.maand === "jaar" && column.id === "toewijzingen") return false;
  }
  return true;
}

export function cellText(report: Report, row: Row, column: Column): string {
  const value = row[column.id] ?? null;
  if (value === null) return isHidden(report, row, column) ? HIDDEN : NO_FIGURE;
  if (typeof value === "string") return value;
  switch (column.soort) {
    case "bedrag":
      return euroText(value);
    case "aantal":
      return countText(value);
    case "dagen":
    case "aandeel":
      return daysText(value);
    default:
      return numberText(value);
  }
}

/** A number of a row, or null when it is hidden or absent (a chart draws no bar for it). */
export function numberOf(row: Row, id: string): number | null {
  const value = row[id];
  return typeof value === "number" ? value : null;
}

/** "2025-03" → "maart"; the year is in the page's heading already. */
export function monthName(key: string): string {
  const m = /^\d{4}-(\d{2})$/.exec(key);
  return m ? (MONTH_NAMES[Number(m[1]) - 1] ?? key) : key;
}

/** "2025-03" → "mrt" for a chart axis. */
export function monthShort(key: string): string {
  return monthName(key).slice(0, 3);
}

/** The peildatum of a year: today in the current year, the last day of a year that is over. */
export function asOfFor(year: number, today: Date): string {
  const thisYear = today.getFullYear();
  if (year < thisYear) return `${year}-12-31`;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${thisYear}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

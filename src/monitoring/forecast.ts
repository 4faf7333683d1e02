/**
 * A forecast to year end by run rate: the months still to come get the average per day of the months
 * that are over. Deliberately simple, so a policy officer can redo it on paper; it knows nothing of
 * seasons or of waiting lists, and says so in the report's notes.
 */

/** Days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export interface MonthForecast {
  month: number;
  /** The measured value for months up to and including `lastActualMonth`, else the forecast. */
  value: number;
  kind: "werkelijk" | "prognose";
}

/**
 * `actual[m - 1]` is the measured value of month m; months after `lastActualMonth` (0: none over yet)
 * are forecast at the average per day of months 1..lastActualMonth. Without a month over, the forecast
 * is 0: there is nothing to extrapolate from.
 */
export function runRateForecast(year: number, actual: number[], lastActualMonth: number): MonthForecast[] {
  let sum = 0;
  let days = 0;
  for (let m = 1; m <= lastActualMonth; m++) {
    sum += actual[m - 1] ?? 0;
    days += daysInMonth(year, m);
  }
  const perDay = days > 0 ? sum / days : 0;
  return Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    return month <= lastActualMonth
      ? { month, value: actual[i] ?? 0, kind: "werkelijk" as const }
      : { month, value: perDay * daysInMonth(year, month), kind: "prognose" as const };
  });
}

/** The last month (0-12) of `year` that is over on `asOf`: the month before asOf's, or 12 for a past year. */
export function lastMonthOver(year: number, asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  if (y > year) return 12;
  if (y < year) return 0;
  return Number(asOf.slice(5, 7)) - 1;
}

import { addDays, addMonths, addWeeks, addYears, differenceInYears, format, parseISO } from "date-fns";

/** Calendar dates as ISO strings (YYYY-MM-DD); no times, no time zones. */
export type IsoDate = string;

export function toDate(iso: IsoDate): Date {
  return parseISO(iso);
}

export function toIso(date: Date): IsoDate {
  return format(date, "yyyy-MM-dd");
}

export function today(): IsoDate {
  return toIso(new Date());
}

/** Age in whole years on a date (a birthday counts on the day itself). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  return differenceInYears(toDate(on), toDate(birthDate));
}

/**
 * Adds an ISO 8601 period of years, months, weeks or days. Months and years clamp to the month's last
 * day (31 January + 1 month = 28/29 February), which is the documented rounding for all deadlines.
 */
export function addPeriod(from: IsoDate, period: string): IsoDate {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(period);
  if (!m) throw new Error(`onbekende termijn '${period}'`);
  let d = toDate(from);
  if (m[1]) d = addYears(d, Number(m[1]));
  if (m[2]) d = addMonths(d, Number(m[2]));
  if (m[3]) d = addWeeks(d, Number(m[3]));
  if (m[4]) d = addDays(d, Number(m[4]));
  return toIso(d);
}

export function describePeriod(period: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(period);
  if (!m) return period;
  const parts: string[] = [];
  const unit = (n: string | undefined, one: string, many: string) => {
    if (n) parts.push(`${n} ${Number(n) === 1 ? one : many}`);
  };
  unit(m[1], "jaar", "jaar");
  unit(m[2], "maand", "maanden");
  unit(m[3], "week", "weken");
  unit(m[4], "dag", "dagen");
  return parts.join(" en ");
}

/** True when `date` lies in [from, to] (either bound may be open). */
export function within(date: IsoDate, from?: IsoDate, to?: IsoDate): boolean {
  return (!from || date >= from) && (!to || date <= to);
}

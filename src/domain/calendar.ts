import { addDays, getDay, isValid, parseISO } from "date-fns";
import { toIso, type IsoDate } from "./dates.ts";

/**
 * Working days for deadlines ("binnen 5 werkdagen"), following the Algemene termijnenwet (Atw). Pure.
 *
 * A day is not a working day when it is a Saturday, a Sunday or an "algemeen erkende feestdag":
 * - Atw art. 3 lid 1: Nieuwjaarsdag, de Christelijke tweede Paas- en Pinksterdag, de beide Kerstdagen,
 *   Hemelvaartsdag, de dag waarop de verjaardag van de Koning wordt gevierd (Koningsdag) en de vijfde mei
 *   (every year, not only in lustrum years — the law names the day itself).
 * - Atw art. 3 lid 2: Goede Vrijdag is gelijkgesteld by the law itself (not by a separate Besluit).
 * - Atw art. 3 lid 3: other days are gelijkgesteld by a Besluit published in the Staatscourant, usually
 *   for three years at a time (the Friday after Hemelvaartsdag and similar bridge days). These cannot
 *   be computed, so they are the dated constant `GELIJKGESTELDE_DAGEN` below; years after the last
 *   Besluit listed there only have the computed days.
 * Eerste Paasdag and Eerste Pinksterdag are always Sundays; they are listed for completeness.
 *
 * Koningsdag (Besluit viering Koningsdag, from 2014): 27 April, or Saturday 26 April when the 27th is a
 * Sunday. Before 2014 Koninginnedag: 30 April, or 29 April when the 30th is a Sunday (the rule of
 * 1980–2013; older changes in the law are not modelled).
 *
 * Easter: the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 *
 * Sources: Algemene termijnenwet, https://wetten.overheid.nl/BWBR0002448 (art. 1 and 3).
 */

export interface Holiday {
  date: IsoDate;
  name: string;
  /** The legal basis, e.g. "Atw art. 3 lid 1". */
  basis: string;
}

/**
 * Days gelijkgesteld met een algemeen erkende feestdag under Atw art. 3 lid 3, per Besluit. The dates
 * below are taken from the Besluit titles as quoted by a secondary source and not yet checked against
 * the Staatscourant: verify them before relying on a deadline near one. Extend this list when a new
 * Besluit is published (search the Staatscourant for "Besluit gelijkstelling van …
 * met een algemeen erkende feestdag").
 */
export const GELIJKGESTELDE_DAGEN: readonly Holiday[] = [
  ...besluit(
    "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025 met een algemeen erkende feestdag",
    [
      ["2023-04-28", "Vrijdag na Koningsdag"],
      ["2023-05-19", "Vrijdag na Hemelvaartsdag"],
      ["2024-05-10", "Vrijdag na Hemelvaartsdag"],
      ["2024-12-27", "Vrijdag na Tweede Kerstdag"],
      ["2025-05-30", "Vrijdag na Hemelvaartsdag"],
    ],
  ),
  ...besluit(
    "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 met een algemeen erkende feestdag",
    [
      ["2026-01-02", "Vrijdag na Nieuwjaarsdag"],
      ["2026-05-15", "Vrijdag na Hemelvaartsdag"],
      ["2027-05-07", "Vrijdag na Hemelvaartsdag"],
      ["2028-04-28", "Vrijdag na Koningsdag"],
      ["2028-05-26", "Vrijdag na Hemelvaartsdag"],
    ],
  ),
];

function besluit(title: string, days: [IsoDate, string][]): Holiday[] {
  return days.map(([date, name]) => ({ date, name, basis: `Atw art. 3 lid 3; ${title}` }));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a calendar date JJJJ-MM-DD; throws a RangeError (in Dutch) for anything else. */
export function parseDay(date: IsoDate): Date {
  const d = parseISO(date);
  if (!ISO_DATE.test(date) || !isValid(d))
    throw new RangeError(`ongeldige datum '${date}' (verwacht JJJJ-MM-DD)`);
  return d;
}

function ymd(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Easter Sunday (Gregorian) by the anonymous algorithm of Meeus/Jones/Butcher. */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

function plusDays(date: IsoDate, n: number): IsoDate {
  return toIso(addDays(parseDay(date), n));
}

function kingsDay(year: number): Holiday {
  if (year >= 2014) {
    const the27th = ymd(year, 4, 27);
    const sunday = getDay(parseDay(the27th)) === 0;
    return { date: sunday ? ymd(year, 4, 26) : the27th, name: "Koningsdag", basis: "Atw art. 3 lid 1" };
  }
  const the30th = ymd(year, 4, 30);
  const sunday = getDay(parseDay(the30th)) === 0;
  return { date: sunday ? ymd(year, 4, 29) : the30th, name: "Koninginnedag", basis: "Atw art. 3 lid 1" };
}

const byYear = new Map<number, readonly Holiday[]>();

/**
 * The days of `year` that the Algemene termijnenwet treats like a Sunday, sorted by date: the feestdagen
 * of art. 3 lid 1, Goede Vrijdag (lid 2), the days gelijkgesteld per Besluit (lid 3, from
 * `GELIJKGESTELDE_DAGEN`) and, for completeness, Eerste Paas- en Pinksterdag (always a Sunday).
 */
export function holidaysOf(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`jaar ${year} valt buiten de gregoriaanse kalender die hier wordt ondersteund`);
  }
  const cached = byYear.get(year);
  if (cached) return cached.map((h) => ({ ...h }));
  const easter = easterSunday(year);
  const law = "Atw art. 3 lid 1";
  const list: Holiday[] = [
    { date: ymd(year, 1, 1), name: "Nieuwjaarsdag", basis: law },
    { date: plusDays(easter, -2), name: "Goede Vrijdag", basis: "Atw art. 3 lid 2" },
    { date: easter, name: "Eerste Paasdag", basis: "zondag (Atw art. 1)" },
    { date: plusDays(easter, 1), name: "Tweede Paasdag", basis: law },
    kingsDay(year),
    { date: ymd(year, 5, 5), name: "Bevrijdingsdag", basis: law },
    { date: plusDays(easter, 39), name: "Hemelvaartsdag", basis: law },
    { date: plusDays(easter, 49), name: "Eerste Pinksterdag", basis: "zondag (Atw art. 1)" },
    { date: plusDays(easter, 50), name: "Tweede Pinksterdag", basis: law },
    { date: ymd(year, 12, 25), name: "Eerste Kerstdag", basis: law },
    { date: ymd(year, 12, 26), name: "Tweede Kerstdag", basis: law },
    ...GELIJKGESTELDE_DAGEN.filter((h) => h.date.startsWith(`${year}-`)),
  ];
  list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  byYear.set(year, list);
  return list.map((h) => ({ ...h }));
}

function isHoliday(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  holidaysOf(year);
  return (byYear.get(year) ?? []).some((h) => h.date === date);
}

/** Monday to Friday and not a feestdag or gelijkgestelde dag of the Algemene termijnenwet. */
export function isWorkingDay(date: IsoDate): boolean {
  const weekday = getDay(parseDay(date));
  return weekday !== 0 && weekday !== 6 && !isHoliday(date);
}

/**
 * The n-th working day after `from` ("binnen n werkdagen"): `from` itself never counts, whatever day it
 * is. n = 0 returns `from` unchanged. n must be a whole number ≥ 0.
 */
export function addWorkingDays(from: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`aantal werkdagen moet een geheel getal ≥ 0 zijn, niet ${n}`);
  parseDay(from);
  let date = from;
  for (let counted = 0; counted < n;) {
    date = plusDays(date, 1);
    if (isWorkingDay(date)) counted++;
  }
  return date;
}

/**
 * The number of working days d with a < d ≤ b, so `workingDaysBetween(a, addWorkingDays(a, n)) === n`.
 * When b is before a the result is negative: −workingDaysBetween(b, a). Equal dates give 0.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate): number {
  parseDay(a);
  parseDay(b);
  if (b < a) return 0 - workingDaysBetween(b, a); // 0 − x, not −x: never −0
  let count = 0;
  for (let date = a; date < b;) {
    date = plusDays(date, 1);
    if (isWorkingDay(date)) count++;
  }
  return count;
}

/**
 * Atw art. 1 lid 1: a statutory term that ends on a Saturday, Sunday or feestdag runs on to the next
 * working day. Returns `date` itself when it is a working day.
 */
export function extendToWorkingDay(date: IsoDate): IsoDate {
  return isWorkingDay(date) ? date : addWorkingDays(date, 1);
}

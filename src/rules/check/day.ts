import { addDays } from "date-fns";
import { type IsoDate, toDate, toIso } from "../../domain/dates.ts";

/** Calendar-day steps on ISO dates (validity periods are inclusive: `to` is the last day in force). */
export function nextDay(date: IsoDate): IsoDate {
  return toIso(addDays(toDate(date), 1));
}

export function previousDay(date: IsoDate): IsoDate {
  return toIso(addDays(toDate(date), -1));
}

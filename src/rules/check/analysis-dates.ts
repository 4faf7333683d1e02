import type { IsoDate } from "../../domain/dates.ts";
import { within } from "../../domain/dates.ts";
import type { LoadedRule, RegionModel } from "../load.ts";
import { nextDay, previousDay } from "./day.ts";

/**
 * The dates on which a decision table is analysed. Between two boundaries nothing changes: the same
 * rules are in force and the same parameter values apply. Boundaries are the first and the day after
 * the last day of each rule and of each value of the parameters the rules use; the checker looks at
 * each boundary and at the day before it, within the period of the model itself. The caller skips
 * dates that give the same table as a date already analysed.
 */
export function analysisDates(model: RegionModel, rules: LoadedRule[], params: Iterable<string>): IsoDate[] {
  const boundaries: IsoDate[] = [];
  for (const r of rules) {
    if (r.validFrom) boundaries.push(r.validFrom);
    if (r.validTo) boundaries.push(nextDay(r.validTo));
  }
  for (const name of params) {
    for (const v of model.parameters[name]?.values ?? []) {
      boundaries.push(v.from);
      if (v.to) boundaries.push(nextDay(v.to));
    }
  }
  const { validFrom, validTo } = model.info;
  const candidates = new Set<IsoDate>();
  for (const b of boundaries) {
    candidates.add(b);
    candidates.add(previousDay(b));
  }
  if (validFrom) candidates.add(validFrom);
  if (validTo) candidates.add(validTo);
  const dates = [...candidates].filter((d) => within(d, validFrom, validTo)).sort();
  // Nothing is dated: any date gives the same table.
  return dates.length > 0 ? dates : [validFrom ?? validTo ?? "2000-01-01"];
}

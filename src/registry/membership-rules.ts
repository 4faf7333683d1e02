import type { IsoDate } from "../domain/dates.ts";
import type { Problem } from "./allocation-rules.ts";

/**
 * A municipality belongs to one region on a day (the woonplaatsbeginsel needs one answer). A partial
 * membership (only some segments, like Alphen-Chaam in Hart van Brabant's segment 4) may run beside a
 * full one, but one municipality is never twice in the same region on a day. Pure: the store checks the
 * memberships it is about to write, together with those it keeps, before writing any.
 */

export interface Membership {
  municipality: string;
  regionId: string;
  validFrom: IsoDate;
  /** null: open */
  validTo: IsoDate | null;
  /** null: the whole municipality */
  segments: string[] | null;
}

const period = (m: Membership) => `${m.validFrom} t/m ${m.validTo ?? "open"}`;
const shareADay = (a: Membership, b: Membership) =>
  (!a.validTo || a.validTo >= b.validFrom) && (!b.validTo || b.validTo >= a.validFrom);

/** One problem per pair that may not share a day, named at the later one of the pair. */
export function membershipProblems(memberships: Membership[], names: ReadonlyMap<string, string>): Problem[] {
  const problems: Problem[] = [];
  memberships.forEach((b, i) => {
    for (const a of memberships.slice(0, i)) {
      if (a.municipality !== b.municipality || !shareADay(a, b)) continue;
      const sameRegion = a.regionId === b.regionId;
      if (!sameRegion && (a.segments !== null || b.segments !== null)) continue;
      const day = a.validFrom > b.validFrom ? a.validFrom : b.validFrom;
      const name = names.get(b.municipality) ?? "de gemeente";
      problems.push({
        field: `${b.regionId}.municipalities[${b.municipality}]`,
        value: period(b),
        reason: sameRegion
          ? `${name} staat op ${day} al in deze regio (${period(a)}): één lidmaatschap per dag`
          : `${name} hoort op ${day} al bij ${a.regionId} (${period(a)}): een gemeente hoort op één dag bij één regio`,
        rule: "gemeente-een-regio",
      });
    }
  });
  return problems;
}

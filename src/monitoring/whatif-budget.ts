import { within } from "../domain/dates.ts";
import type { RegionModel } from "../rules/load.ts";
import type { Move } from "./whatif.ts";
import type { Period } from "./whatif-parameters.ts";

/**
 * The budget effect of a what-if (issue 8, item 3). A referral that moves is valued at what an average
 * client of each segment cost in the same period, from the registry's own figures, not from a price list:
 *
 * - P × Q segments (and trajectory prices, and financing the model calls unknown): the approved declared
 *   amount (debit minus credit) of the period's declaration lines of the segment's allocations, divided
 *   by the number of distinct clients on those lines. A move costs the mean of the new segment(s) minus
 *   the mean of the old one(s). A segment without approved declarations in the period has no mean; a
 *   move that touches it is counted as not valued, never as zero.
 * - Task-based segments (taakgericht) have a yearly ceiling, not a price: one more client does not raise
 *   the spend, it shares the same budget with more clients. Their marginal value is 0 euro, and the
 *   report shows the ceiling (before and after, in case the ceiling is the parameter changed), the
 *   clients with an allocation in the segment in the period, the net number of referrals moving in,
 *   and the ceiling per client before and after.
 *
 * Each moved referral counts as one client for the period. Amounts are euro cents; a mean is rounded to
 * whole cents before it is multiplied, so the report can be recomputed by hand.
 */

/** What the store reads for the period: approved declared spend and clients per segment. */
export interface BudgetBasis {
  period: Period;
  /** Per segment: approved declared amount (cents, debit − credit) and distinct clients on the lines. */
  declared: { segment: string; amountCents: number; clients: number }[];
  /** Per segment: distinct clients with an allocation running on some day of the period. */
  allocated: { segment: string; clients: number }[];
}

export type SegmentValue =
  | {
      segment: string;
      name: string;
      financing: "pxq" | "trajectprijs" | "onbekend";
      /** null: no approved declarations in the period, so no mean. */
      meanPerClientCents: number | null;
      declaredCents: number;
      clients: number;
    }
  | {
      segment: string;
      name: string;
      financing: "taakgericht";
      meanPerClientCents: 0;
      ceiling: { parameter: string; beforeCents: number | null; afterCents: number | null } | null;
      clientsInPeriod: number;
      netMovedIn: number;
      ceilingPerClientBeforeCents: number | null;
      ceilingPerClientAfterCents: number | null;
    };

export interface MoveValue {
  before: string[];
  after: string[];
  count: number;
  /** null: a segment of the move has no mean in the period. */
  perReferralCents: number | null;
  totalCents: number | null;
}

export interface BudgetEffect {
  period: Period;
  basis: string;
  segments: SegmentValue[];
  moves: MoveValue[];
  /** The sum over the moves that could be valued. */
  totalCents: number;
  valuedReferrals: number;
  notValuedReferrals: number;
}

export const BUDGET_BASIS_TEXT =
  "Gemiddelde goedgekeurde declaratie (P x Q, debet min credit) per cliënt per segment in dezelfde periode; " +
  "taakgerichte segmenten hebben een budgetplafond en geen prijs: 0 euro extra per cliënt, wel meer of minder cliënten onder hetzelfde plafond.";

/** The value in euro cents of a euro parameter on a date (ceilings are written in whole euros). */
function euroCentsOn(model: RegionModel, name: string, date: string): number | null {
  const v = model.parameters[name]?.values.find((x) => within(date, x.from, x.to))?.value;
  return typeof v === "number" ? Math.round(v * 100) : null;
}

/**
 * Values the moves. `current` and `changed` are the models before and after the change: a ceiling that
 * is itself the changed parameter shows its new value. Ceilings are read as of the period's first day.
 */
export function budgetEffect(
  current: RegionModel,
  changed: RegionModel,
  moves: Move[],
  basis: BudgetBasis,
): BudgetEffect {
  const netIn = new Map<string, number>();
  for (const m of moves) {
    for (const s of m.after) if (!m.before.includes(s)) netIn.set(s, (netIn.get(s) ?? 0) + m.count);
    for (const s of m.before) if (!m.after.includes(s)) netIn.set(s, (netIn.get(s) ?? 0) - m.count);
  }
  const segments: SegmentValue[] = current.segments
    .filter((s) => s.validFrom === undefined || s.validFrom <= basis.period.to)
    .filter((s) => s.validTo === undefined || s.validTo >= basis.period.from)
    .map((s): SegmentValue => {
      if (s.financing.type === "taakgericht") {
        const parameter = s.financing.budgetCeiling?.replace(/^\$/, "");
        const clientsInPeriod = basis.allocated.find((a) => a.segment === s.id)?.clients ?? 0;
        const netMovedIn = netIn.get(s.id) ?? 0;
        const ceiling = parameter
          ? {
              parameter,
              beforeCents: euroCentsOn(current, parameter, basis.period.from),
              afterCents: euroCentsOn(changed, parameter, basis.period.from),
            }
          : null;
        const per = (cents: number | null | undefined, clients: number) =>
          cents === null || cents === undefined || clients <= 0 ? null : Math.round(cents / clients);
        return {
          segment: s.id,
          name: s.name,
          financing: "taakgericht",
          meanPerClientCents: 0,
          ceiling,
          clientsInPeriod,
          netMovedIn,
          ceilingPerClientBeforeCents: per(ceiling?.beforeCents, clientsInPeriod),
          ceilingPerClientAfterCents: per(ceiling?.afterCents, clientsInPeriod + netMovedIn),
        };
      }
      const d = basis.declared.find((x) => x.segment === s.id);
      return {
        segment: s.id,
        name: s.name,
        financing: s.financing.type,
        meanPerClientCents: d && d.clients > 0 ? Math.round(d.amountCents / d.clients) : null,
        declaredCents: d?.amountCents ?? 0,
        clients: d?.clients ?? 0,
      };
    });
  const meanOf = new Map(segments.map((s) => [s.segment, s.meanPerClientCents]));
  const valueOfSet = (set: string[]): number | null => {
    let sum = 0;
    for (const s of set) {
      const v = meanOf.get(s);
      if (v === null || v === undefined) return null;
      sum += v;
    }
    return sum;
  };
  const values: MoveValue[] = moves.map((m) => {
    const after = valueOfSet(m.after);
    const before = valueOfSet(m.before);
    const perReferralCents = after === null || before === null ? null : after - before;
    return {
      before: m.before,
      after: m.after,
      count: m.count,
      perReferralCents,
      totalCents: perReferralCents === null ? null : perReferralCents * m.count,
    };
  });
  const valued = values.filter((v) => v.totalCents !== null);
  return {
    period: basis.period,
    basis: BUDGET_BASIS_TEXT,
    segments,
    moves: values,
    totalCents: valued.reduce((n, v) => n + (v.totalCents ?? 0), 0),
    valuedReferrals: valued.reduce((n, v) => n + v.count, 0),
    notValuedReferrals: values.filter((v) => v.totalCents === null).reduce((n, v) => n + v.count, 0),
  };
}

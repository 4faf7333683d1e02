import type { Advice, CitedSource, TraceEntry, TraceStatus } from "../domain/advice.ts";
import { CaseValidationError, parseCase } from "../domain/case.ts";
import { type CompiledRegion, RuleTieError } from "../rules/engine.ts";

/**
 * The what-if's re-evaluation (issue 8, item 3): every stored referral of a period is advised twice, by
 * the region model as it is and by the same model with the changed parameters (whatif-parameters.ts),
 * each as of the referral's request date. Comparing the two, not the stored advice, isolates the
 * parameter's effect: a model that changed since the referral was made would otherwise show up as moves.
 * Where the stored segments differ from the model as it is, the referral is counted apart ("drift").
 * Pure: the rows come in (the store reads them page by page), a summary goes out.
 */

export interface StoredReferral {
  id: string;
  clientId: string;
  requestDate: string;
  /** The case as stored (jsonb): not trusted, parsed again with the current case schema. */
  facts: unknown;
  /** The segments stored with the referral's advice. */
  segments: string[];
}

export const NOT_RE_EVALUABLE = {
  gegenereerd: "synthetische verwijzing zonder casusfeiten (generate)",
  "feiten-ongeldig": "de opgeslagen feiten passen niet in het huidige casusschema",
  "fout-in-model": "het regiomodel gaf een fout bij deze feiten",
} as const;
export type NotReEvaluableReason = keyof typeof NOT_RE_EVALUABLE;

export interface TraceChange {
  decisionTitle: string;
  rule: string;
  before: TraceStatus;
  after: TraceStatus;
  /** The explanation under the changed parameters, as `advise --format text` shows it. */
  explanation: string;
  counterfactual?: string;
  source: CitedSource | null;
}

export interface MoveSample {
  referralId: string;
  requestDate: string;
  before: string[];
  after: string[];
  /** The rules whose outcome changed: why the referral moved. */
  changes: TraceChange[];
}

export interface Move {
  before: string[];
  after: string[];
  count: number;
  referralIds: string[];
}

export interface WhatIfOutcome {
  /** Referrals read for the region and period. */
  read: number;
  reEvaluated: number;
  unchanged: number;
  moved: number;
  moves: Move[];
  notReEvaluable: {
    reason: NotReEvaluableReason;
    text: string;
    count: number;
    referralIds: string[];
    details: string[];
  }[];
  /** Stored segments that differ from what the model as it is advises now (the model changed since). */
  drift: { count: number; referralIds: string[] };
  samples: MoveSample[];
  /** Distinct clients whose referrals were read: the audit trail names each. */
  clientIds: string[];
}

const segmentsOf = (a: Advice): string[] => [...new Set(a.segments.map((s) => s.id))].sort();
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function isGenerated(facts: unknown): boolean {
  return typeof facts === "object" && facts !== null && (facts as Record<string, unknown>).generated === true;
}

/** The decisions that place a referral in a segment; route, coordination and warnings follow from it. */
const PLACING_KINDS = new Set(["eligibility", "segment", "profile", "intensity"]);

/**
 * The trace entries of the placing decisions whose status differs between the two advices: the
 * explained reason of a move (the route and coordination that change with it are its consequence).
 */
export function traceChanges(region: CompiledRegion, before: Advice, after: Advice): TraceChange[] {
  const placing = new Set(region.model.decisions.filter((d) => PLACING_KINDS.has(d.kind)).map((d) => d.id));
  const old = new Map(before.trace.map((t) => [`${t.decision}/${t.rule}`, t]));
  const changes: TraceChange[] = [];
  for (const t of after.trace) {
    const b: TraceEntry | undefined = old.get(`${t.decision}/${t.rule}`);
    if (!placing.has(t.decision) || !b || b.status === t.status) continue;
    changes.push({
      decisionTitle: t.decisionTitle,
      rule: t.rule,
      before: b.status,
      after: t.status,
      explanation: t.explanation,
      ...(t.counterfactual ? { counterfactual: t.counterfactual } : {}),
      source: t.source,
    });
  }
  return changes;
}

export interface WhatIfRun {
  add(row: StoredReferral): void;
  result(): WhatIfOutcome;
}

/**
 * Collects the outcome over referrals handed in one by one (in the store's order: request date, id), so a
 * large region never needs all its cases in memory at once. `sampleSize` moved referrals keep their trace.
 */
export function whatIfRun(
  current: CompiledRegion,
  changed: CompiledRegion,
  options: { sampleSize?: number } = {},
): WhatIfRun {
  const sampleSize = options.sampleSize ?? 3;
  let read = 0;
  let reEvaluated = 0;
  let unchanged = 0;
  const moves = new Map<string, Move>();
  const refused = new Map<NotReEvaluableReason, { referralIds: string[]; details: Set<string> }>();
  const drift: string[] = [];
  const samples: MoveSample[] = [];
  const clients = new Set<string>();

  const refuse = (reason: NotReEvaluableReason, id: string, detail?: string) => {
    const r = refused.get(reason) ?? { referralIds: [], details: new Set<string>() };
    r.referralIds.push(id);
    if (detail) r.details.add(detail);
    refused.set(reason, r);
  };

  function add(row: StoredReferral): void {
    read++;
    clients.add(row.clientId);
    if (isGenerated(row.facts)) return refuse("gegenereerd", row.id);
    let facts;
    try {
      facts = parseCase(row.facts);
    } catch (e) {
      if (!(e instanceof CaseValidationError)) throw e;
      // Field and reason only: the value could be personal (a birth date).
      return refuse("feiten-ongeldig", row.id, e.issues.map((i) => `${i.field}: ${i.reason}`).join("; "));
    }
    let before: Advice;
    let after: Advice;
    try {
      // As of the request date, as the referral was advised when it was made (createReferral).
      before = current.advise(facts, { asOf: row.requestDate });
      after = changed.advise(facts, { asOf: row.requestDate });
    } catch (e) {
      if (!(e instanceof RuleTieError)) throw e;
      return refuse("fout-in-model", row.id, e.message);
    }
    reEvaluated++;
    const b = segmentsOf(before);
    const a = segmentsOf(after);
    if (!sameSet(b, [...new Set(row.segments)].sort())) drift.push(row.id);
    if (sameSet(a, b)) {
      unchanged++;
      return;
    }
    const key = `${b.join(",")}→${a.join(",")}`;
    const move = moves.get(key) ?? { before: b, after: a, count: 0, referralIds: [] };
    move.count++;
    move.referralIds.push(row.id);
    moves.set(key, move);
    if (samples.length < sampleSize) {
      samples.push({
        referralId: row.id,
        requestDate: row.requestDate,
        before: b,
        after: a,
        changes: traceChanges(changed, before, after),
      });
    }
  }

  function result(): WhatIfOutcome {
    const moveList = [...moves.values()].sort(
      (x, y) => y.count - x.count || `${x.before}→${x.after}`.localeCompare(`${y.before}→${y.after}`),
    );
    return {
      read,
      reEvaluated,
      unchanged,
      moved: moveList.reduce((n, m) => n + m.count, 0),
      moves: moveList,
      notReEvaluable: (Object.keys(NOT_RE_EVALUABLE) as NotReEvaluableReason[])
        .filter((reason) => refused.has(reason))
        .map((reason) => {
          const r = refused.get(reason) ?? { referralIds: [], details: new Set<string>() };
          return {
            reason,
            text: NOT_RE_EVALUABLE[reason],
            count: r.referralIds.length,
            referralIds: r.referralIds,
            details: [...r.details],
          };
        }),
      drift: { count: drift.length, referralIds: drift },
      samples,
      clientIds: [...clients],
    };
  }

  return { add, result };
}

/** A set of segments in words: "1", "3 + 4", or "geen segment". */
export function segmentSetText(segments: string[]): string {
  return segments.length === 0 ? "geen segment" : segments.join(" + ");
}

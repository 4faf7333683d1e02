import type { FactValue } from "../conditions.ts";
import { factInfo } from "../facts.ts";
import type { RegionModel } from "../load.ts";
import { type Expr, type FactTest, operatorKeys } from "../model-schema.ts";

/**
 * Splits the domain of each fact a decision tests into a few representative values (points), so that
 * every combination of points is one "cell" of the decision table. Two values in the same part give
 * every test of the decision the same result, so checking one point per part checks them all.
 *
 * - numbers: the thresholds of all tests (constants, or parameters in force on the date) cut the line
 *   into parts: below the lowest threshold, each threshold itself, between two thresholds, above the
 *   highest. That respects the difference between atLeast/below (threshold included in the upper part)
 *   and above/atMost (threshold included in the lower part).
 * - booleans: ja and nee. enums: every value in the fact catalog; a fact without a fixed list (for
 *   example the municipality) gets the values the rules name plus "een andere waarde".
 * - sets (lists such as requestedCare or segments): the empty list, each named value alone, each list a
 *   rule names, for each row the smallest list that meets its own list tests (one value of each
 *   includesAny, all of each includesAll, none of its includesNone), and all named values together.
 *   Other combinations are not enumerated. That is an approximation: an overlap or a gap that only a
 *   combination no single row asks for can show (x and y but not z, across two rows) can be missed.
 * - "onbekend" is a point only for facts tested with `known`; everywhere else a cell knows every fact.
 */

/** The value that stands for "any value the rules do not name". */
export const OTHER = "(een andere waarde)";

/** Which part of the number line a point stands for. */
export interface NumberClass {
  lo?: number;
  loClosed: boolean;
  hi?: number;
  hiClosed: boolean;
}

export interface Point {
  value: FactValue;
  cls?: NumberClass;
}

export type DimensionKind = "number" | "boolean" | "enum" | "set" | "other";

export interface Dimension {
  fact: string;
  kind: DimensionKind;
  integer: boolean;
  points: Point[];
}

/**
 * Numeric facts that only take whole values. facts.ts has no such flag yet; without it the checker
 * would try "17,5 jaar" between the thresholds 17 and 18 and report a gap that no case can hit.
 */
export const integerFacts: ReadonlySet<string> = new Set([
  "age",
  "familySegmentCount",
  "outlook.expectedMonths",
]);

/** Every numeric fact in the case schema is a count, an age, hours or months: never negative. */
const catalogLowerBound = 0;

const comparisonKeys = ["atLeast", "above", "atMost", "below"] as const;

function kindOf(fact: string, tests: FactTest[], model: RegionModel): DimensionKind {
  if (model.derived[fact]) return "number";
  const type = factInfo(fact)?.type;
  if (type) return type.kind === "date" ? "other" : type.kind;
  // An unknown fact (already an error of its own): guess from how the rules use it.
  if (tests.some((t) => comparisonKeys.some((k) => t[k] !== undefined))) return "number";
  if (tests.some((t) => t.includesAny || t.includesNone || t.includesAll)) return "set";
  return "other";
}

/** A derived fact is non-negative when its expression only adds, multiplies and divides non-negative parts. */
function derivedLowerBound(expr: Expr): number | undefined {
  const ok = (e: Expr): boolean => {
    if (typeof e === "number") return e >= 0;
    if (typeof e === "string") return true;
    if ("subtract" in e) return false;
    const parts = "sum" in e ? e.sum : "multiply" in e ? e.multiply : e.divide;
    return parts.every(ok);
  };
  return ok(expr) ? 0 : undefined;
}

/** A representative value of a part of the number line, or undefined when the part holds no valid value. */
function representative(cls: NumberClass, integer: boolean, lower: number | undefined): number | undefined {
  const { lo, hi } = cls;
  const valid = (v: number) => (lower === undefined || v >= lower) && (!integer || Number.isInteger(v));
  const inside = (v: number) => (lo === undefined || v > lo) && (hi === undefined || v < hi);
  let v: number;
  if (lo !== undefined && lo === hi) {
    v = lo; // a threshold itself
  } else if (lower !== undefined && (lo === undefined || lo < lower)) {
    // The part starts at (or below) the lowest possible value: take the value just under its end, or
    // the lowest possible value when that is closer.
    v = hi === undefined ? lower : Math.max(lower, integer ? Math.ceil(hi) - 1 : hi - 1);
    return valid(v) && (hi === undefined || v < hi) ? v : undefined;
  } else if (lo === undefined) {
    v = integer ? Math.ceil(hi as number) - 1 : (hi as number) - 1; // below the lowest threshold
  } else if (hi === undefined) {
    v = integer ? Math.floor(lo) + 1 : lo + 1; // above the highest threshold
  } else {
    v = integer ? Math.floor(lo) + 1 : (lo + hi) / 2; // between two thresholds
  }
  if (!valid(v)) return undefined;
  return lo === hi || inside(v) ? v : undefined;
}

export function numberPoints(thresholds: number[], integer: boolean, lower: number | undefined): Point[] {
  const ts = [...new Set(thresholds)].sort((a, b) => a - b);
  const classes: NumberClass[] = [];
  if (ts.length === 0) {
    classes.push({ ...(lower !== undefined ? { lo: lower } : {}), loClosed: true, hiClosed: false });
  } else {
    classes.push({ hi: ts[0] as number, loClosed: false, hiClosed: false });
    ts.forEach((t, i) => {
      classes.push({ lo: t, hi: t, loClosed: true, hiClosed: true });
      const next = ts[i + 1];
      classes.push(
        next === undefined
          ? { lo: t, loClosed: false, hiClosed: false }
          : { lo: t, hi: next, loClosed: false, hiClosed: false },
      );
    });
  }
  const points: Point[] = [];
  for (const cls of classes) {
    const v = ts.length === 0 ? (lower ?? 0) : representative(cls, integer, lower);
    if (v !== undefined) points.push({ value: v, cls });
  }
  return points;
}

function listed(tests: FactTest[]): unknown[] {
  return tests
    .flatMap((t) => [t.is, t.isNot, ...(t.in ?? []), ...(t.notIn ?? [])])
    .filter((v) => v !== undefined);
}

/** The smallest list that meets one row's own list tests on a fact (empty when it has none). */
function witness(tests: FactTest[]): string[] {
  const none = new Set(tests.flatMap((t) => t.includesNone ?? []));
  const chosen = new Set(tests.flatMap((t) => t.includesAll ?? []));
  for (const t of tests) {
    const any = t.includesAny ?? [];
    if (any.length === 0 || any.some((v) => chosen.has(v))) continue;
    const pick = any.find((v) => !none.has(v));
    if (pick !== undefined) chosen.add(pick);
  }
  return [...chosen];
}

function setPoints(tests: FactTest[], perRow: FactTest[][]): Point[] {
  const lists = tests
    .flatMap((t) => [t.includesAny, t.includesNone, t.includesAll])
    .filter((l): l is string[] => Array.isArray(l));
  const values = [...new Set(lists.flat())];
  const candidates: string[][] = [[], ...values.map((v) => [v]), ...lists, ...perRow.map(witness), values];
  const seen = new Set<string>();
  const points: Point[] = [];
  for (const c of candidates) {
    const set = [...new Set(c)];
    const key = [...set].sort().join("\u0000");
    if (seen.has(key)) continue;
    seen.add(key);
    points.push({ value: set });
  }
  return points;
}

/**
 * The points of one fact, given the tests on it (all of them, and grouped per row) and a way to read a
 * threshold (parameters are read on the date under analysis; a threshold that cannot be read adds no
 * cut).
 */
export function buildDimension(
  fact: string,
  tests: FactTest[],
  model: RegionModel,
  threshold: (e: Expr) => number | undefined,
  perRow: FactTest[][] = [tests],
): Dimension {
  const kind = kindOf(fact, tests, model);
  const integer = integerFacts.has(fact);
  let points: Point[];
  switch (kind) {
    case "number": {
      const cuts: number[] = [];
      for (const t of tests) {
        for (const k of comparisonKeys) {
          const e = t[k];
          const v = e === undefined ? undefined : threshold(e);
          if (v !== undefined) cuts.push(v);
        }
      }
      for (const v of listed(tests)) if (typeof v === "number") cuts.push(v);
      const derived = model.derived[fact];
      const lower = derived
        ? derivedLowerBound(derived.expr)
        : factInfo(fact)
          ? catalogLowerBound
          : undefined;
      points = numberPoints(cuts, integer, lower);
      break;
    }
    case "boolean":
      points = [{ value: false }, { value: true }];
      break;
    case "set":
      points = setPoints(tests, perRow);
      break;
    default: {
      const type = factInfo(fact)?.type;
      const fixed = type?.kind === "enum" && type.values.length > 0 ? [...type.values] : [];
      const values = [...new Set([...fixed, ...listed(tests).map(String)])];
      points = values.map((v) => ({ value: v }));
      if (fixed.length === 0) points.push({ value: OTHER });
    }
  }
  if (tests.some((t) => operatorKeys(t).includes("known"))) points.push({ value: undefined });
  return { fact, kind, integer, points };
}

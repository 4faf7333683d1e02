import { type IsoDate, within } from "../../domain/dates.ts";
import {
  type CompiledCondition,
  compileAll,
  type Env,
  evalExpr,
  exprRefs,
  factTests,
  type Scalar,
  type Tri,
} from "../conditions.ts";
import { factLabel } from "../facts.ts";
import type { LoadedDecision, LoadedRule, RegionModel } from "../load.ts";
import { comparisonOps, type Expr, type FactTest } from "../model-schema.ts";
import { analysisDates } from "./analysis-dates.ts";
import {
  type Cell,
  cellCount,
  describeCell,
  envOf,
  forEachCell,
  type Snapshot,
  shrinkSets,
  snapshot,
} from "./cells.ts";
import { buildDimension, type Dimension } from "./domains.ts";
import { type Finding, finding } from "./finding.ts";
import { type Coverage, describeRange, findHoles, valuesAt } from "./holes.ts";
import { describeOutput, outputKey } from "../outputs.ts";

/**
 * Cell-based analysis of one decision table. The table's facts are split into representative points
 * (domains.ts); every combination is a cell; each row's own compiled condition is evaluated in each
 * cell. From that:
 * - UNREACHABLE: a row that is true in no cell, or (first hit) never the first true row;
 * - OVERLAP_UNIQUE: two rows true in one cell under hitPolicy unique;
 * - OVERLAP_FIRST: under first hit, a row that applies where an earlier row with another outcome wins;
 * - GAP: with `exhaustive: true`, a cell where every row is false;
 * - GAP_RANGE: for other first/unique tables, a stretch of a number between two thresholds where no row
 *   applies while rows apply just below and just above it, all other facts being equal.
 *
 * Approximations, on purpose and documented:
 * - A derived fact from parameters.yaml (such as combinatiescore) is its own dimension, cut by the
 *   thresholds the rules put on it, independent of the facts it is computed from. Cells may therefore
 *   combine values no real case can have (combinatiescore 2 with zero hours); that can hide an
 *   unreachable row or show an overlap or gap only such impossible cells have.
 * - Facts the engine derives from other decisions (segments, familySegments, familySegmentCount,
 *   currentSegments, siblingSegments) are free dimensions too, so "segments 1 and 3 together" is a cell
 *   even though segment 1 supersedes 3.
 * - Sets are enumerated as in domains.ts (empty, each value, each named list, all values).
 * - A row whose threshold refers to a case fact (hours above other hours) is not analysed; the checker
 *   reports it as info.
 * - Dates: the table is analysed on each validity boundary of its rules and of the parameters they use,
 *   and on the day before (analysis-dates.ts).
 */

export const DEFAULT_CELL_CAP = 200_000;

export interface TableOptions {
  /** Most cells one enumeration may visit; above it that check is skipped with an info finding. */
  cap?: number;
  /** Line of a key inside a model file; used to point a GAP at the `exhaustive` key. */
  lineOf?: (file: string, path: (string | number)[]) => number | undefined;
}

export interface TableResult {
  findings: Finding[];
  /** Ids of rows reported UNREACHABLE (a test case cannot fire them either). */
  unreachable: string[];
}

interface Row {
  pos: number;
  rule: LoadedRule;
  cond: CompiledCondition;
  tests: FactTest[];
  facts: string[];
  params: string[];
  /** Facts used inside a threshold: the row cannot be analysed with fixed cuts. */
  factThresholds: string[];
  output: string;
}

interface Example {
  cell: Snapshot;
  date: IsoDate;
  only?: ReadonlySet<string>;
}

function toRow(rule: LoadedRule, pos: number): Row {
  const tests = factTests(rule.when);
  const params: string[] = [];
  const factThresholds: string[] = [];
  for (const t of tests) {
    for (const op of comparisonOps) {
      const e = t[op];
      if (e === undefined) continue;
      const refs = exprRefs(e);
      params.push(...refs.params);
      factThresholds.push(...refs.facts);
    }
  }
  return {
    pos,
    rule,
    cond: compileAll(rule.when),
    tests,
    facts: [...new Set(tests.map((t) => t.fact))],
    params: [...new Set(params)],
    factThresholds: [...new Set(factThresholds)],
    output: outputKey(rule.then),
  };
}

function paramOn(model: RegionModel, date: IsoDate) {
  return (name: string): Scalar | undefined =>
    model.parameters[name]?.values.find((v) => within(date, v.from, v.to))?.value ?? undefined;
}

function thresholdsOf(row: Row, threshold: (e: Expr) => number | undefined): (number | undefined)[] {
  return row.tests.flatMap((t) =>
    comparisonOps.filter((op) => t[op] !== undefined).map((op) => threshold(t[op] as Expr)),
  );
}

const TRI: Tri[] = [false, true, undefined];

/**
 * A row's value in a cell depends only on the facts the row tests, so it is computed once per
 * combination of those facts (with the row's own compiled condition) and then looked up.
 */
function memoized(row: Row, dims: Dimension[]): (cell: Cell) => Tri {
  const own = row.facts.map((f) => dims.findIndex((d) => d.fact === f)).filter((k) => k >= 0);
  const sizes = own.map((k) => dims[k]?.points.length ?? 1);
  const strides = sizes.map((_, m) => sizes.slice(m + 1).reduce((a, b) => a * b, 1));
  const cache = new Int8Array(sizes.reduce((a, b) => a * b, 1)).fill(-1);
  return (cell) => {
    let index = 0;
    for (let m = 0; m < own.length; m++)
      index += (cell.coords[own[m] as number] as number) * (strides[m] as number);
    let code = cache[index] as number;
    if (code < 0) {
      const v = row.cond(cell.env).value;
      code = v === true ? 1 : v === false ? 0 : 2;
      cache[index] = code;
    }
    return TRI[code];
  };
}

export function analyzeDecision(
  model: RegionModel,
  decision: LoadedDecision,
  options: TableOptions = {},
): TableResult {
  const cap = options.cap ?? DEFAULT_CELL_CAP;
  const policy = decision.hitPolicy;
  const exhaustive = decision.exhaustive;
  const rows = decision.rules.map(toRow);
  const analysable = rows.filter((r) => r.factThresholds.length === 0);
  const at = { file: decision.origin.file, line: decision.origin.line, decision: decision.id };

  const analysed = new Set<number>();
  const capped = new Set<number>();
  const reachable = new Set<number>();
  const everTrue = new Set<number>();
  const shadowers = new Map<number, Set<number>>();
  const overlaps = new Map<string, { a: number; b: number; example: Example }>();
  let gap: { example: Example; cells: number; total: number } | undefined;
  const gapRanges = new Map<string, { range: string; example: Example; below: string; above: string }>();
  const notes = new Set<string>();
  const dateSignatures = new Set<string>();

  const rowAt = (pos: number) => rows[pos] as Row;

  const dates = analysisDates(
    model,
    analysable.map((r) => r.rule),
    new Set(analysable.flatMap((r) => r.params)),
  );

  // One table per distinct situation (rules in force, thresholds). Dates on which every row can be
  // evaluated come first, so examples prefer them.
  const tables: {
    date: IsoDate;
    active: Row[];
    determined: Row[];
    threshold: (e: Expr) => number | undefined;
  }[] = [];
  for (const date of dates) {
    const param = paramOn(model, date);
    const threshold = (e: Expr) => evalExpr(e, { fact: () => undefined, param }).value;
    const active = analysable.filter((r) => within(date, r.rule.validFrom, r.rule.validTo));
    // A row with a threshold that has no value on this date gives "onbekend" everywhere: it cannot
    // apply, and it says nothing about gaps (the engine reports the parameter instead).
    const determined = active.filter((r) => thresholdsOf(r, threshold).every((v) => v !== undefined));
    const signature = JSON.stringify([
      active.map((r) => r.pos),
      determined.map((r) => [r.pos, thresholdsOf(r, threshold)]),
    ]);
    if (dateSignatures.has(signature)) continue;
    dateSignatures.add(signature);
    tables.push({ date, active, determined, threshold });
  }
  tables.sort(
    (a, b) =>
      Number(a.determined.length < a.active.length) - Number(b.determined.length < b.active.length) ||
      a.date.localeCompare(b.date),
  );

  for (const { date, active, determined, threshold } of tables) {
    const param = paramOn(model, date);
    const factOrder = [...new Set(determined.flatMap((r) => r.facts))];
    const dims = factOrder.map((fact) => {
      const perRow = determined.map((r) => r.tests.filter((t) => t.fact === fact));
      return buildDimension(fact, perRow.flat(), model, threshold, perRow);
    });
    const dimsFor = (rs: Row[]) => {
      const facts = new Set(rs.flatMap((r) => r.facts));
      return dims.filter((d) => facts.has(d.fact));
    };

    /** Evaluates `rs` in every cell of `ds` and records what it sees. */
    const pass = (rs: Row[], ds: Dimension[], withGaps: boolean) => {
      const total = cellCount(ds);
      const coverage =
        withGaps && !exhaustive && policy !== "collect" && ds.some((d) => d.kind === "number")
          ? new Uint8Array(total)
          : undefined;
      let gapCells = 0;
      let gapExample: Example | undefined;
      /** The cell as an example, its lists shrunk as long as `outcome` stays the same. */
      const keep = (cell: Cell, outcome: (env: Env) => string, only?: ReadonlySet<string>): Example => {
        const values = shrinkSets(ds, cell.values, param, outcome);
        return { cell: snapshot(ds, values), date, ...(only ? { only } : {}) };
      };
      const isTrue = (r: Row, env: Env) => r.cond(env).value === true;
      const rowValue = rs.map((r) => memoized(r, ds));
      forEachCell(ds, param, (cell: Cell) => {
        const truth: Tri[] = rs.map((_, i) => rowValue[i]?.(cell) as Tri);
        const trues: Row[] = rs.filter((_, i) => truth[i] === true);
        if (policy === "first") {
          const winner = trues[0];
          if (winner) {
            reachable.add(winner.pos);
            everTrue.add(winner.pos);
            for (const j of trues.slice(1)) {
              everTrue.add(j.pos);
              if (!shadowers.has(j.pos)) shadowers.set(j.pos, new Set());
              shadowers.get(j.pos)?.add(winner.pos);
              const key = `${winner.pos}|${j.pos}`;
              if (j.output !== winner.output && !overlaps.has(key)) {
                overlaps.set(key, {
                  a: winner.pos,
                  b: j.pos,
                  // Still: the winner is the first true row, and j applies too.
                  example: keep(
                    cell,
                    (env) => `${rs.find((r) => isTrue(r, env))?.pos}|${isTrue(j, env)}`,
                    new Set([...winner.facts, ...j.facts]),
                  ),
                });
              }
            }
          }
        } else {
          for (const t of trues) {
            reachable.add(t.pos);
            everTrue.add(t.pos);
          }
          if (policy === "unique") {
            for (let x = 0; x < trues.length; x++) {
              for (let y = x + 1; y < trues.length; y++) {
                const a = trues[x] as Row;
                const b = trues[y] as Row;
                const key = `${a.pos}|${b.pos}`;
                if (!overlaps.has(key)) {
                  overlaps.set(key, {
                    a: a.pos,
                    b: b.pos,
                    example: keep(
                      cell,
                      (env) => `${isTrue(a, env)}|${isTrue(b, env)}`,
                      new Set([...a.facts, ...b.facts]),
                    ),
                  });
                }
              }
            }
          }
        }
        if (withGaps) {
          const allFalse = truth.every((v) => v === false);
          if (exhaustive && allFalse) {
            gapCells++;
            gapExample ??= keep(cell, (env) => rs.map((r) => String(r.cond(env).value)).join());
          }
          if (coverage) coverage[cell.index] = trues.length > 0 ? 1 : allFalse ? 0 : 2;
        }
        return false;
      });
      for (const r of rs) analysed.add(r.pos);
      if (gapExample && !gap) gap = { example: gapExample, cells: gapCells, total };
      if (coverage) recordHoles(rs, ds, coverage);
    };

    /** Records each hole along a number (holes.ts), naming the rows that apply on either side. */
    const recordHoles = (rs: Row[], ds: Dimension[], coverage: Coverage) => {
      const hits = (index: number): string => {
        const env = envOf(ds, valuesAt(ds, index), param);
        const names = rs.filter((r) => r.cond(env).value === true).map((r) => `'${r.rule.id}'`);
        return (policy === "first" ? names.slice(0, 1) : names).join(" en ");
      };
      for (const hole of findHoles(ds, coverage)) {
        const dim = ds[hole.dim] as Dimension;
        const key = `${dim.fact}|${JSON.stringify(dim.points[hole.first]?.cls)}|${JSON.stringify(dim.points[hole.last]?.cls)}`;
        if (gapRanges.has(key)) continue;
        gapRanges.set(key, {
          range: describeRange(dim, hole.first, hole.last),
          example: {
            cell: snapshot(ds, valuesAt(ds, hole.inside)),
            date,
            only: new Set(ds.map((d) => d.fact).filter((f) => f !== dim.fact)),
          },
          below: hits(hole.below),
          above: hits(hole.above),
        });
      }
    };

    const complete = determined.length === active.length;
    const needFull = exhaustive || policy !== "collect";
    const full = cellCount(dimsFor(determined));
    if (needFull && full <= cap) {
      pass(determined, dimsFor(determined), complete);
      continue;
    }
    if (needFull) {
      notes.add(
        `Beslissing '${decision.id}' heeft te veel combinaties (${full.toLocaleString("nl-NL")}; de grens is ${cap.toLocaleString("nl-NL")}) om alles tegelijk na te gaan. Gaten zijn daarom niet gecontroleerd.`,
      );
    }
    if (policy === "first") {
      // Rows after a row do not change whether it is the first true one: check the longest prefix that fits.
      let k = determined.length;
      while (k > 0 && cellCount(dimsFor(determined.slice(0, k))) > cap) k--;
      if (k > 0) pass(determined.slice(0, k), dimsFor(determined.slice(0, k)), false);
      for (const r of determined.slice(k)) capped.add(r.pos);
    } else {
      for (const r of determined) {
        const ds = dimsFor([r]);
        if (cellCount(ds) > cap) capped.add(r.pos);
        else pass([r], ds, false);
      }
      if (policy === "unique") {
        for (let x = 0; x < determined.length; x++) {
          for (let y = x + 1; y < determined.length; y++) {
            const pair = [determined[x] as Row, determined[y] as Row];
            const ds = dimsFor(pair);
            if (cellCount(ds) <= cap) pass(pair, ds, false);
            else {
              notes.add(
                `Beslissing '${decision.id}': overlap tussen '${pair[0]?.rule.id}' en '${pair[1]?.rule.id}' is niet gecontroleerd, omdat er te veel combinaties zijn.`,
              );
            }
          }
        }
      }
    }
  }
  if (capped.size > 0) {
    notes.add(
      `Beslissing '${decision.id}': de regels ${[...capped].map((p) => `'${rowAt(p).rule.id}'`).join(", ")} zijn niet (volledig) gecontroleerd, omdat er te veel combinaties zijn.`,
    );
  }

  // --- Findings ---
  const dated = dateSignatures.size > 1;
  const show = (e: Example) => `${describeCell(e.cell, e.only)}${dated ? ` (peildatum ${e.date})` : ""}`;
  const where = (r: Row) => ({ ...r.rule.origin, rule: r.rule.id, decision: decision.id });
  const findings: Finding[] = [];
  const unreachable = new Set<number>();

  for (const r of rows) {
    if (r.factThresholds.length > 0) {
      findings.push(
        finding(
          "info",
          "NOT_ANALYSED",
          `Regel '${r.rule.id}' vergelijkt met een ander feit (${r.factThresholds.map(factLabel).join(", ")}). Bij zo'n regel kan de controle niet nagaan of er gaten of overlap zijn.`,
          where(r),
        ),
      );
      continue;
    }
    if (!analysed.has(r.pos) || reachable.has(r.pos) || capped.has(r.pos)) continue;
    unreachable.add(r.pos);
    const before = [...(shadowers.get(r.pos) ?? [])]
      .sort((a, b) => a - b)
      .map((p) => `'${rowAt(p).rule.id}'`);
    const message = everTrue.has(r.pos)
      ? `Regel '${r.rule.id}' kan nooit van toepassing zijn: steeds als deze regel past, past ook een eerdere regel (${before.join(", ")}) en die gaat voor. Zet deze regel eerder, of maak de eerdere regel smaller.`
      : `Regel '${r.rule.id}' kan nooit van toepassing zijn: de voorwaarden kunnen niet tegelijk waar zijn.`;
    findings.push(finding("error", "UNREACHABLE", message, where(r)));
  }

  for (const o of overlaps.values()) {
    const a = rowAt(o.a);
    const b = rowAt(o.b);
    if (policy === "unique") {
      findings.push(
        finding(
          "error",
          "OVERLAP_UNIQUE",
          `Regel '${a.rule.id}' en regel '${b.rule.id}' passen allebei, bijvoorbeeld bij: ${show(o.example)}. In deze beslissing (hitPolicy unique) mag maar één regel passen; het advies stopt dan met een fout. Maak de voorwaarden zo dat ze elkaar uitsluiten.`,
          where(b),
        ),
      );
    } else if (policy === "first" && !unreachable.has(o.b)) {
      // A decision that states why its order is the policy's priority has its overlaps as information.
      const intended = decision.priorityReason;
      findings.push(
        finding(
          intended ? "info" : "warning",
          "OVERLAP_FIRST",
          `Regel '${a.rule.id}' en regel '${b.rule.id}' passen allebei, bijvoorbeeld bij: ${show(o.example)}. De uitkomst verschilt (${describeOutput(a.rule.then)} tegenover ${describeOutput(b.rule.then)}). De eerste passende regel gaat voor, dus dan geldt '${a.rule.id}'. ${intended ? `Bedoeld: ${intended}` : "Controleer of die volgorde bedoeld is, en schrijf dan in 'priorityReason' waarom."}`,
          where(b),
        ),
      );
    }
  }

  if (gap) {
    const line = options.lineOf?.(decision.origin.file, ["exhaustive"]) ?? decision.origin.line;
    findings.push(
      finding(
        "error",
        "GAP",
        `Beslissing '${decision.id}' moet altijd een uitkomst geven (exhaustive: true), maar soms past geen enkele regel. Bijvoorbeeld bij: ${show(gap.example)} (${gap.cells} van de ${gap.total} onderzochte combinaties). Voeg een regel toe voor dit geval.`,
        { ...at, line },
      ),
    );
  }

  for (const g of gapRanges.values()) {
    findings.push(
      finding(
        "warning",
        "GAP_RANGE",
        `Beslissing '${decision.id}': bij ${g.range} past geen regel, terwijl er daaronder (${g.below}) en daarboven (${g.above}) wel een regel past.${g.example.only?.size ? ` Bijvoorbeeld bij: ${show(g.example)}.` : ""} Controleer of dit gat bedoeld is.`,
        at,
      ),
    );
  }

  for (const note of notes) findings.push(finding("info", "CAPPED", note, at));

  return { findings, unreachable: [...unreachable].map((p) => rowAt(p).rule.id) };
}

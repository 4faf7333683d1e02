import { type Env, type FactValue, formatValue, type Scalar } from "../conditions.ts";
import { factLabel } from "../facts.ts";
import { type Dimension, OTHER } from "./domains.ts";

/**
 * The cells of a decision table: every combination of one point per dimension, visited in order
 * (the last dimension changes fastest, so early cells use the first, simplest points). A cell is an
 * Env, so the rules' own compiled conditions evaluate it exactly as the engine would.
 */

export function cellCount(dims: Dimension[]): number {
  return dims.reduce((n, d) => n * d.points.length, 1);
}

export interface Cell {
  /** Position of the cell in visiting order. */
  index: number;
  coords: readonly number[];
  values: readonly FactValue[];
  env: Env;
}

/**
 * Visits every cell; stops early when `visit` returns true. The Cell object is reused between calls:
 * copy what you keep (see `snapshot`).
 */
export function forEachCell(
  dims: Dimension[],
  param: (name: string) => Scalar | undefined,
  visit: (cell: Cell) => boolean | undefined,
): void {
  if (dims.some((d) => d.points.length === 0)) return;
  const coords = dims.map(() => 0);
  const values: FactValue[] = dims.map((d) => d.points[0]?.value);
  const env = envOf(dims, values, param);
  const cell: Cell = { index: 0, coords, values, env };
  const total = cellCount(dims);
  for (let index = 0; index < total; index++) {
    cell.index = index;
    if (visit(cell)) return;
    // Odometer step: the last dimension turns fastest.
    for (let k = dims.length - 1; k >= 0; k--) {
      const dim = dims[k] as Dimension;
      const next = (coords[k] as number) + 1;
      if (next < dim.points.length) {
        coords[k] = next;
        values[k] = dim.points[next]?.value;
        break;
      }
      coords[k] = 0;
      values[k] = dim.points[0]?.value;
    }
  }
}

/** An Env that reads the facts from `values` (by dimension) as they are at the moment of the call. */
export function envOf(
  dims: Dimension[],
  values: readonly FactValue[],
  param: (name: string) => Scalar | undefined,
): Env {
  const position = new Map(dims.map((d, i) => [d.fact, i]));
  return {
    fact: (path) => {
      const i = position.get(path);
      return i === undefined ? undefined : values[i];
    },
    param,
  };
}

/**
 * Makes an example cell easier to read: drops values from its lists as long as `outcome` (which rows
 * are true, false or unknown) stays the same. "jeugdzorg-plus, pleegzorg" instead of all 26 care forms.
 */
export function shrinkSets(
  dims: Dimension[],
  values: readonly FactValue[],
  param: (name: string) => Scalar | undefined,
  outcome: (env: Env) => string,
): FactValue[] {
  const vals = [...values];
  const env = envOf(dims, vals, param);
  const target = outcome(env);
  dims.forEach((d, k) => {
    const start = vals[k];
    if (d.kind !== "set" || !Array.isArray(start)) return;
    let current = [...(start as readonly string[])];
    for (const x of [...current]) {
      const trial = current.filter((y) => y !== x);
      vals[k] = trial;
      if (outcome(env) === target) current = trial;
    }
    vals[k] = current;
  });
  return vals;
}

/** A kept copy of a cell's values, by fact. */
export type Snapshot = [fact: string, value: FactValue][];

export function snapshot(dims: Dimension[], values: readonly FactValue[]): Snapshot {
  return dims.map((d, i) => [d.fact, values[i]]);
}

export function describeValue(v: FactValue): string {
  if (v === undefined) return "onbekend";
  if (v === OTHER) return "een andere waarde";
  if (Array.isArray(v)) return v.length === 0 ? "geen" : v.map((x) => formatValue(x)).join(", ");
  return formatValue(v);
}

/** "leeftijd: 17; crisis: nee" — only the facts in `only` when given, in the order of the dimensions. */
export function describeCell(cell: Snapshot, only?: ReadonlySet<string>): string {
  const parts = cell
    .filter(([fact]) => !only || only.has(fact))
    .map(([fact, v]) => `${factLabel(fact)}: ${describeValue(v)}`);
  return parts.length > 0 ? parts.join("; ") : "elke casus";
}

import type { FactValue } from "../conditions.ts";
import { factLabel } from "../facts.ts";
import { describeValue } from "./cells.ts";
import type { Dimension } from "./domains.ts";

/**
 * Holes along a number: with all other facts fixed, a run of values where no row applies, with a row
 * that applies just below and just above it. "Hours 100 to 150 fit no row, while rows fit at 99 and
 * at 150" is usually a forgotten range, not a choice.
 */

/** Per cell (in visiting order): 1 a row applies, 0 every row is false, 2 undecided (a fact unknown). */
export type Coverage = Uint8Array;

export interface Hole {
  /** Index of the number dimension. */
  dim: number;
  /** First and last point (indices into the dimension's points) that no row covers. */
  first: number;
  last: number;
  /** Cells (visiting order) inside the hole, just below it and just above it. */
  inside: number;
  below: number;
  above: number;
}

function strides(dims: Dimension[]): number[] {
  const sizes = dims.map((d) => d.points.length);
  return sizes.map((_, k) => sizes.slice(k + 1).reduce((a, b) => a * b, 1));
}

/** The values of the cell at position `index` in visiting order. */
export function valuesAt(dims: Dimension[], index: number): FactValue[] {
  const s = strides(dims);
  return dims.map((d, k) => d.points[Math.floor(index / (s[k] as number)) % d.points.length]?.value);
}

/** Every hole, once per dimension and stretch (the first line where it shows). */
export function findHoles(dims: Dimension[], coverage: Coverage): Hole[] {
  const s = strides(dims);
  const holes = new Map<string, Hole>();
  dims.forEach((dim, k) => {
    if (dim.kind !== "number") return;
    const stride = s[k] as number;
    const n = dim.points.length;
    // "onbekend" is not on the number line.
    const onLine = dim.points.map((p, i) => (p.value === undefined ? -1 : i)).filter((i) => i >= 0);
    if (onLine.length < 3) return;
    for (let base = 0; base < coverage.length; base++) {
      if (Math.floor(base / stride) % n !== 0) continue;
      const line = onLine.map((i) => coverage[base + i * stride]);
      let i = 1;
      while (i < line.length - 1) {
        if (line[i] !== 0 || line[i - 1] !== 1) {
          i++;
          continue;
        }
        let end = i;
        while (end + 1 < line.length && line[end + 1] === 0) end++;
        const first = onLine[i] as number;
        const last = onLine[end] as number;
        const key = `${k}|${first}|${last}`;
        if (line[end + 1] === 1 && !holes.has(key)) {
          holes.set(key, {
            dim: k,
            first,
            last,
            inside: base + first * stride,
            below: base + (onLine[i - 1] as number) * stride,
            above: base + (onLine[end + 1] as number) * stride,
          });
        }
        i = end + 1;
      }
    }
  });
  return [...holes.values()];
}

/** "verwachte duur in maanden van 7 t/m 11", "geschatte uren begeleiding ten minste 100 en minder dan 150". */
export function describeRange(dim: Dimension, first: number, last: number): string {
  const label = factLabel(dim.fact);
  const a = dim.points[first]?.cls;
  const b = dim.points[last]?.cls;
  if (!a || !b) return label;
  const aPoint = a.lo !== undefined && a.lo === a.hi;
  const bPoint = b.lo !== undefined && b.lo === b.hi;
  if (dim.integer) {
    const from = aPoint ? (a.lo as number) : Math.floor(a.lo as number) + 1;
    const to = bPoint ? (b.hi as number) : Math.ceil(b.hi as number) - 1;
    return from === to
      ? `${label} ${describeValue(from)}`
      : `${label} van ${describeValue(from)} t/m ${describeValue(to)}`;
  }
  if (first === last && aPoint) return `${label} precies ${describeValue(a.lo)}`;
  const lower = aPoint ? `ten minste ${describeValue(a.lo)}` : `meer dan ${describeValue(a.lo)}`;
  const upper = bPoint ? `ten hoogste ${describeValue(b.hi)}` : `minder dan ${describeValue(b.hi)}`;
  return `${label} ${lower} en ${upper}`;
}

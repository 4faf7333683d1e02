/** The few helpers the generated limit functions share (kept tiny so V8 inlines them). */

/** A property of an object, or undefined. */
export const sub = (o: unknown, key: string): unknown =>
  o !== null && typeof o === "object" ? (o as Record<string, unknown>)[key] : undefined;

/** A number, or undefined for anything else (the engine: a threshold or fact without a number is unknown). */
export const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

/** The engine's rounding of compound arithmetic to 9 decimals; no finite result is no value. */
export const round9 = (x: number): number | undefined => {
  const v = Math.round(x * 1e9) / 1e9;
  return Number.isFinite(v) ? v : undefined;
};

/**
 * Burgerservicenummer (BSN): checking, parsing, masking and test numbers. Pure, no I/O.
 *
 * The rule (Wet algemene bepalingen burgerservicenummer; the "elfproef" as published by RvIG):
 * a BSN has exactly 9 digits d1…d9 and 9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − 1·d9
 * is divisible by 11. "000000000" passes that sum but is not a number that is ever issued, so it is
 * refused.
 *
 * Eight digits: a BSN is always 9 digits, but older sources (sofinummers, spreadsheets that dropped a
 * leading zero) show 8. The official reading is that such a number has a leading 0. Choice here:
 * - `isValidBsn` is strict: it judges a BSN as stored, so only 9 digits pass;
 * - `parseBsn` is the input boundary: it trims, pads an 8-digit number with a leading 0 and returns the
 *   canonical 9-digit form (or throws).
 *
 * Privacy: error messages never repeat the number (a message may end up in a log, and logs must never
 * contain a BSN). `maskBsn` is for display only.
 */

export type Bsn = string;

const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1] as const;

/** The weighted sum of the elfproef over 9 digits. */
function elfproefSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (WEIGHTS[i] ?? 0);
  return sum;
}

/** The reason a string is not a valid BSN, in Dutch, or undefined when it is one. */
function invalidReason(s: string): string | undefined {
  if (!/^\d{9}$/.test(s)) return "moet 9 cijfers zijn";
  if (s === "000000000") return "mag niet uit alleen nullen bestaan";
  if (elfproefSum(s) % 11 !== 0) return "voldoet niet aan de elfproef";
  return undefined;
}

/** True for exactly 9 digits that pass the elfproef and are not all zeros. No padding, no trimming. */
export function isValidBsn(s: string): boolean {
  return invalidReason(s) === undefined;
}

/** Thrown by `parseBsn`; the message names the reason, never the number. */
export class BsnError extends Error {
  constructor(readonly reason: string) {
    super(`BSN ${reason}`);
    this.name = "BsnError";
  }
}

/**
 * Reads a BSN from input: trims surrounding white space and pads an 8-digit number with a leading 0.
 * Returns the 9-digit BSN, or throws a `BsnError` ("BSN moet 9 cijfers zijn", "BSN voldoet niet aan de
 * elfproef", "BSN mag niet uit alleen nullen bestaan").
 */
export function parseBsn(s: string): Bsn {
  const trimmed = s.trim();
  const bsn = /^\d{8}$/.test(trimmed) ? `0${trimmed}` : trimmed;
  const reason = invalidReason(bsn);
  if (reason !== undefined) throw new BsnError(reason);
  return bsn;
}

/**
 * For display: "******782". Shows at most the last 3 digits, and only of something shaped like a BSN
 * (9 digits after trimming); anything else becomes "*********" so no part of it is shown.
 */
export function maskBsn(s: string): string {
  const t = s.trim();
  return /^\d{9}$/.test(t) ? `******${t.slice(6)}` : "*********";
}

/** True for a valid BSN in the 999 range that test data must use (never a real person's number). */
export function isTestBsn(s: string): boolean {
  return isValidBsn(s) && s.startsWith("999");
}

/** The body 999 d4 … d8 with the check digit d9 that makes it pass the elfproef, if one exists. */
function completeTestBsn(body: number): Bsn | undefined {
  const first8 = `999${String(body).padStart(5, "0")}`;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(first8[i]) * (WEIGHTS[i] ?? 0);
  // sum − d9 ≡ 0 (mod 11) ⇒ d9 = sum mod 11, which must be a single digit.
  const check = sum % 11;
  return check <= 9 ? `${first8}${check}` : undefined;
}

const BODIES = 100_000; // d4…d8

/** How many valid 999-range BSNs exist (bodies whose check digit is not 10). */
export const TEST_BSN_COUNT: number = (() => {
  let count = 0;
  for (let body = 0; body < BODIES; body++) if (completeTestBsn(body) !== undefined) count++;
  return count;
})();

/** A small 32-bit mixing function (mulberry32 step), so nearby seeds give unrelated sequences. */
function mix(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/**
 * `n` distinct valid BSNs in the 999 range, the same for the same `seed`. The bodies d4…d8 are visited
 * in the order of an affine permutation (a·i + b mod 100 000, a coprime to 100 000) chosen by the seed;
 * bodies without a valid check digit are skipped. At most `TEST_BSN_COUNT` numbers exist.
 */
export function testBsns(n: number, seed: number): Bsn[] {
  if (!Number.isInteger(n) || n < 0 || n > TEST_BSN_COUNT) {
    throw new RangeError(`aantal test-BSN's moet een geheel getal van 0 tot en met ${TEST_BSN_COUNT} zijn`);
  }
  if (!Number.isInteger(seed)) throw new RangeError("seed moet een geheel getal zijn");
  let a = mix(seed) % BODIES;
  // Coprime to 100 000 = 2^5·5^5: odd and not a multiple of 5.
  if (a % 2 === 0) a += 1;
  if (a % 5 === 0) a += 2;
  a %= BODIES;
  const b = mix(seed ^ 0x5bd1e995) % BODIES;
  const out: Bsn[] = [];
  for (let i = 0; out.length < n; i++) {
    const bsn = completeTestBsn((a * i + b) % BODIES);
    if (bsn !== undefined) out.push(bsn);
  }
  return out;
}

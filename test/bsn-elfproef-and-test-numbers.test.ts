import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BsnError,
  isTestBsn,
  isValidBsn,
  maskBsn,
  parseBsn,
  TEST_BSN_COUNT,
  testBsns,
} from "../src/domain/bsn.ts";

/**
 * A BSN is 9 digits that pass the elfproef (weights 9,8,7,6,5,4,3,2,−1; sum divisible by 11) and are not
 * all zeros. Privacy rule: every number in this file is in the 999 test range, never a real person's.
 */

describe("the elfproef", () => {
  // 9·9 + 8·9 + 7·9 + 6·9 + 5·9 + 4·9 + 3·9 + 2·9 − 0 = 396 = 36 · 11
  // 9·9 + 8·9 + 7·9 + 6·9 + 5·9 + 4·0 + 3·0 + 2·1 − 9 = 308 = 28 · 11
  // 9·9 + 8·9 + 7·9 + 6·9 + 5·1 + 4·1 + 3·1 + 2·2 − 0 = 286 = 26 · 11
  it.each(["999999990", "999990019", "999911120"])(
    "accepts %s, a 999-range number whose sum is a multiple of 11",
    (bsn) => {
      expect(isValidBsn(bsn)).toBe(true);
      expect(parseBsn(bsn)).toBe(bsn);
    },
  );

  it.each(["999999991", "999990018", "999911121"])("refuses %s: the sum is not a multiple of 11", (bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
    expect(() => parseBsn(bsn)).toThrow("BSN voldoet niet aan de elfproef");
  });

  it("refuses all zeros although their sum is 0", () => {
    expect(isValidBsn("000000000")).toBe(false);
    expect(() => parseBsn("000000000")).toThrow("BSN mag niet uit alleen nullen bestaan");
  });

  it.each(["9999900191", "9999900", "", "999 990 019", "99999001x", "999-99-0019", "٩٩٩٩٩٠٠١٩"])(
    "refuses %j: a BSN is 9 digits",
    (s) => {
      expect(isValidBsn(s)).toBe(false);
      expect(() => parseBsn(s)).toThrow("BSN moet 9 cijfers zijn");
    },
  );

  it("isValidBsn is strict: an 8-digit number is not a BSN as stored", () => {
    expect(isValidBsn("99999001")).toBe(false);
  });

  it("parseBsn trims surrounding space and reads 8 digits as a BSN with a leading 0", () => {
    expect(parseBsn("  999990019\n")).toBe("999990019");
    // 99999001 is read as 099999001, which is then judged by the elfproef, not refused for its length.
    expect(() => parseBsn("99999001")).toThrow("BSN voldoet niet aan de elfproef");
  });

  it("an error names the reason but never the number, so it can never leak into a log", () => {
    for (const s of ["999990018", "99999001x", "999999991"]) {
      let error: unknown;
      try {
        parseBsn(s);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BsnError);
      expect((error as BsnError).message).not.toContain(s.slice(0, 5));
      expect((error as BsnError).message).not.toMatch(/\d{3}/);
    }
  });
});

describe("masking for display", () => {
  it("shows only the last 3 digits", () => {
    expect(maskBsn("999990019")).toBe("******019");
  });

  it("shows nothing of a value that is not shaped like a BSN", () => {
    for (const s of ["99999001", "9999900191", "abc", "", "999-99-0019"])
      expect(maskBsn(s)).toBe("*********");
  });

  it("never reveals more than 3 digits of any string", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const masked = maskBsn(s);
        expect(masked.replace(/\D/g, "").length).toBeLessThanOrEqual(3);
        expect(masked).toHaveLength(9);
      }),
    );
  });
});

describe("generated test BSNs", () => {
  const list = testBsns(2000, 42);

  it("are all valid, in the 999 range and unique", () => {
    expect(list).toHaveLength(2000);
    expect(list.every(isValidBsn)).toBe(true);
    expect(list.every((b) => b.startsWith("999"))).toBe(true);
    expect(list.every(isTestBsn)).toBe(true);
    expect(new Set(list).size).toBe(list.length);
  });

  it("are the same for the same seed and differ for another seed", () => {
    expect(testBsns(2000, 42)).toEqual(list);
    expect(testBsns(20, 43)).not.toEqual(list.slice(0, 20));
    expect(testBsns(20, 42)).toEqual(list.slice(0, 20));
  });

  it("can give every valid 999-range number once, and no more", () => {
    let count = 0;
    for (let n = 999_000_000; n <= 999_999_999; n++) if (isValidBsn(String(n))) count++;
    expect(TEST_BSN_COUNT).toBe(count);
    const all = testBsns(TEST_BSN_COUNT, 7);
    expect(new Set(all).size).toBe(count);
    expect(all.every(isTestBsn)).toBe(true);
    expect(() => testBsns(TEST_BSN_COUNT + 1, 7)).toThrow(RangeError);
  });

  it("refuses a negative or fractional count and a fractional seed, and gives none for 0", () => {
    expect(testBsns(0, 1)).toEqual([]);
    expect(() => testBsns(-1, 1)).toThrow(RangeError);
    expect(() => testBsns(1.5, 1)).toThrow(RangeError);
    expect(() => testBsns(1, 0.5)).toThrow(RangeError);
  });

  it("isTestBsn refuses a 999-range number that fails the elfproef", () => {
    // Only 999-range numbers appear in tests, so the prefix check is covered by construction only.
    expect(isTestBsn("999999991")).toBe(false);
    expect(isTestBsn("999999990")).toBe(true);
  });
});

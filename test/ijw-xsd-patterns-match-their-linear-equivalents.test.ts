import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileXsdPattern, literalTranslation } from "../src/ijw/xsd-regex.ts";

// Two iJw patterns are replaced by forms that cannot backtrack for long; on every string they must
// accept exactly what the literal translation of the published pattern accepts.
const chars = fc.constantFrom(" ", "\t", "\n", "\r", ".", "a", "é", "Z", ":", "0");

describe("XSD patterns with a linear equivalent accept exactly what the literal pattern accepts", () => {
  for (const pattern of ["([.\\s]*\\S+[.\\s]*)+", ".*[^\\s].*"]) {
    it(pattern, () => {
      const literal = new RegExp(`^(?:${literalTranslation(pattern)})$`, "u");
      const linear = compileXsdPattern(pattern);
      fc.assert(
        fc.property(fc.array(chars, { maxLength: 14 }), (cs) => {
          const s = cs.join("");
          expect(linear.test(s)).toBe(literal.test(s));
        }),
        { numRuns: 3000 },
      );
    });
  }

  // A literal translation would backtrack for minutes on these and hit the test's time-out.
  it("a long failing value is refused without catastrophic backtracking", () => {
    expect(compileXsdPattern("([.\\s]*\\S+[.\\s]*)+").test(" ".repeat(200_000))).toBe(false);
    expect(compileXsdPattern(".*[^\\s].*").test(`${" ".repeat(200_000)}\n`)).toBe(false);
  });
});

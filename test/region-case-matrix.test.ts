import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { currentMatrix, matrixDir } from "../scripts/matrix.ts";

it("gives the same outcome for every shared case in every region as the committed matrix (npm run matrix -- --update accepts a change)", () => {
  const expected = readFileSync(join(matrixDir, "expected.md"), "utf8");
  expect(currentMatrix()).toBe(expected);
});

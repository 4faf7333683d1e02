import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { compileRegion } from "../src/rules/engine.ts";
import { listRegionIds, loadRegion } from "../src/rules/load.ts";
import { buildMatrix, type MatrixCase } from "../src/rules/matrix.ts";

/** Prints the region × case matrix; with --update it rewrites test/matrix/expected.md. */
export const matrixDir = join(import.meta.dirname, "..", "test", "matrix");

export function currentMatrix(): string {
  const regions = listRegionIds()
    .map((id) => loadRegion(id))
    .filter((m) => m.info.kind === "region")
    .map(compileRegion);
  const cases = (parse(readFileSync(join(matrixDir, "cases.yaml"), "utf8")) as { cases: MatrixCase[] }).cases;
  return buildMatrix(regions, cases);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const matrix = currentMatrix();
  if (process.argv.includes("--update")) {
    writeFileSync(join(matrixDir, "expected.md"), matrix);
    console.log(`test/matrix/expected.md bijgewerkt.`);
  } else {
    console.log(matrix);
  }
}

import { parseCase } from "../domain/case.ts";
import { placeInRegion, summarise } from "./compare.ts";
import type { CompiledRegion } from "./engine.ts";

/**
 * The region × case matrix: the same shared cases evaluated in every region, printed as Markdown
 * tables. The printed matrix is committed (test/matrix/expected.md); a test compares it with a fresh
 * one, so any change in any region's outcome on these cases shows up as a failing diff that someone
 * must look at and accept.
 */

export interface MatrixCase {
  name: string;
  asOf: string;
  facts: Record<string, unknown>;
}

const cell = (s: string) => s.replace(/\|/g, "\\|");

export function buildMatrix(regions: CompiledRegion[], cases: MatrixCase[]): string {
  const out: string[] = [
    "# Regio × casus",
    "",
    "Gemaakt door `npm run matrix`. Elke casus zonder gemeente krijgt de eerste volledige lidgemeente van de regio.",
    "Verandert een uitkomst, dan faalt test/region-case-matrix.test.ts: controleer het verschil en werk dit",
    "bestand bij met `npm run matrix -- --update` als het verschil bedoeld is.",
  ];
  const header = `| casus | ${regions.map((r) => r.model.info.id).join(" | ")} |`;
  const rule = `|---|${regions.map(() => "---").join("|")}|`;
  const advices = cases.map((c) =>
    regions.map((r) => r.advise(placeInRegion(r.model, parseCase(c.facts), c.asOf).facts, { asOf: c.asOf })),
  );
  for (const [title, aspect] of [
    ["Jeugdhulp via de regio", "eligible"],
    ["Segment(en)", "segments"],
    ["Route", "route"],
    ["Meldingen", "warnings"],
  ] as const) {
    out.push("", `## ${title}`, "", header, rule);
    cases.forEach((c, i) => {
      const row = advices[i] ?? [];
      out.push(`| ${cell(c.name)} (${c.asOf}) | ${row.map((a) => cell(summarise(a, aspect))).join(" | ")} |`);
    });
  }
  return `${out.join("\n")}\n`;
}

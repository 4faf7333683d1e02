import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkbox, input, select } from "@inquirer/prompts";
import { type CaseFacts, parseCase } from "../domain/case.ts";
import { today } from "../domain/dates.ts";
import type { CompiledRegion } from "../rules/engine.ts";
import { factCatalog } from "../rules/facts.ts";
import { renderAdviceText } from "./render-text.ts";

/**
 * `npm run demo`: in a terminal, a guided advice that asks only the questions that can still change the
 * outcome; without a terminal (CI, a pipe), the advice for the example cases in examples/.
 */

const examplesDir = join(import.meta.dirname, "..", "..", "examples");
const UNKNOWN = "__onbekend__";

export async function runDemo(region: CompiledRegion): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    for (const file of readdirSync(examplesDir)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const facts = parseCase(JSON.parse(readFileSync(join(examplesDir, file), "utf8")));
      console.log(`\nVoorbeeld: examples/${file}\n`);
      console.log(renderAdviceText(region.advise(facts), { trace: "applied" }));
    }
    console.log("\nStart 'npm run demo' in een terminal voor een advies met vragen.");
    return;
  }
  console.log(
    `Wegwijzer — advies voor ${region.model.info.name}. Beantwoord de vragen; kies 'weet ik niet' om over te slaan.\n`,
  );
  const facts: Record<string, unknown> = { requestDate: today() };
  const skipped = new Set<string>();
  for (;;) {
    const advice = region.advise(parseCase(facts));
    const next = advice.missing.find((m) => !skipped.has(m.fact));
    if (!next) {
      console.log(`\n${renderAdviceText(advice, { trace: "applied" })}`);
      return;
    }
    const answer = await ask(next.fact, next.question);
    if (answer === undefined) skipped.add(next.fact);
    else setPath(facts, next.fact, answer);
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let cur = target;
  for (const k of keys.slice(0, -1)) {
    cur[k] = (cur[k] as Record<string, unknown> | undefined) ?? {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1] as string] = value;
}

async function ask(fact: string, question: string): Promise<unknown> {
  if (fact === "siblings" || fact === "currentCare") {
    const text = await input({
      message: `${question} Geef de segmenten met komma's (leeg = geen):`,
      validate: (v) =>
        /^\s*([\w-]+\s*(,\s*[\w-]+\s*)*)?$/.test(v) || "Gebruik segment-id's met komma's, bijvoorbeeld 1, 4",
    });
    const segments = text
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    return fact === "siblings"
      ? segments.map((segment) => ({ segment }))
      : segments.map((segment) => ({ segment }));
  }
  const info = factCatalog[fact];
  const type = info?.type;
  if (!type || fact === "municipality") {
    const v = await input({
      message: `${question} (CBS-code, 4 cijfers)`,
      validate: (x) => x === "" || /^\d{4}$/.test(x) || "Een CBS-code heeft 4 cijfers, bijvoorbeeld 0855",
    });
    return v === "" ? undefined : v;
  }
  switch (type.kind) {
    case "boolean": {
      const v = await select({
        message: question,
        choices: [
          { name: "ja", value: "ja" },
          { name: "nee", value: "nee" },
          { name: "weet ik niet", value: UNKNOWN },
        ],
      });
      return v === UNKNOWN ? undefined : v === "ja";
    }
    case "enum": {
      const v = await select({
        message: question,
        choices: [
          ...type.values.map((x) => ({ name: x, value: x })),
          { name: "weet ik niet", value: UNKNOWN },
        ],
      });
      return v === UNKNOWN ? undefined : v;
    }
    case "set":
      return checkbox({
        message: `${question} (spatie kiest, enter bevestigt)`,
        choices: type.values.map((x) => ({ name: x, value: x })),
      });
    case "number": {
      const v = await input({
        message: `${question} (leeg = weet ik niet)`,
        validate: (x) =>
          x === "" ||
          (/^\d+([.,]\d+)?$/.test(x) && Number(x.replace(",", ".")) >= 0) ||
          "Geef een getal, 0 of meer",
      });
      return v === "" ? undefined : Number(v.replace(",", "."));
    }
    case "date": {
      const v = await input({
        message: `${question} (JJJJ-MM-DD, leeg = weet ik niet)`,
        validate: (x) => x === "" || /^\d{4}-\d{2}-\d{2}$/.test(x) || "Gebruik JJJJ-MM-DD",
      });
      return v === "" ? undefined : v;
    }
  }
}

export type { CaseFacts };

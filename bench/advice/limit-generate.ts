import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import { listRegionIds, loadRegion } from "../../src/rules/load.ts";
import type { Expr } from "../../src/rules/model-schema.ts";
import {
  type Atom,
  type Formula,
  type PlannedDecision,
  planRegion,
  type RegionPlan,
  type Scalar,
} from "./plan.ts";

/**
 * The limit of the advice benchmark: per region, the compared decisions as straight-line TypeScript —
 * each fact read once, each row one `if`, no trace, no explanation, no interpretation of a model at run
 * time. Hand-writing that for seven regions (some 150 rows) would be hand work that drifts from the
 * models, so it is generated from the same plan the peers are translated from and committed as source
 * (bench/advice/limit/<region>.ts), where it can be read. The equivalence test runs it on every case
 * and fails when a committed file is not what this generator writes today.
 *
 *   npx tsx bench/advice/limit-generate.ts
 */

export const LIMIT_DIR = join(import.meta.dirname, "limit");

const lit = (v: Scalar): string => JSON.stringify(v);

function stageSource(name: string, decisions: PlannedDecision[], plan: RegionPlan): string {
  const lines: string[] = [];
  const factVars = new Map<string, string>();
  const numVars = new Map<string, string>();
  let n = 0;
  const factVar = (fact: string): string => {
    const known = factVars.get(fact);
    if (known) return known;
    const v = `f${factVars.size}`;
    const [root = fact, ...rest] = fact.split(".");
    const read = rest.reduce((code, k) => `sub(${code}, ${lit(k)})`, `input[${lit(root)}]`);
    lines.push(`const ${v} = ${read};`);
    factVars.set(fact, v);
    return v;
  };
  /** A number or undefined, hoisted once per distinct expression. */
  const numVar = (e: Expr): string => {
    const key = JSON.stringify(e);
    const known = numVars.get(key);
    if (known) return known;
    let code: string;
    if (typeof e === "number") return String(e);
    if (typeof e === "string") {
      const derived = plan.derived[e];
      if (derived) return numVar(derived);
      code = e.startsWith("$") ? `num(input.params[${lit(e.slice(1))}])` : `num(${factVar(e)})`;
    } else {
      const parts = (
        "sum" in e ? e.sum : "multiply" in e ? e.multiply : "subtract" in e ? e.subtract : e.divide
      ).map(numVar);
      const sym = "sum" in e ? " + " : "multiply" in e ? " * " : "subtract" in e ? " - " : " / ";
      const defined = parts.filter((p) => !/^[\d.]+$/.test(p)).map((p) => `${p} !== undefined`);
      if ("divide" in e) defined.push(`${parts[1]} !== 0`);
      code = `${defined.join(" && ") || "true"} ? round9(${parts.join(sym)}) : undefined`;
    }
    const v = `n${n++}`;
    lines.push(`const ${v} = ${code};`);
    numVars.set(key, v);
    return v;
  };
  const atom = (a: Atom): string => {
    const v = a.shape === "number" && plan.derived[a.fact] ? numVar(a.fact) : factVar(a.fact);
    if (a.op === "known")
      return (a.value === true) !== a.negated ? `${v} !== undefined` : `${v} === undefined`;
    let core: string;
    const vs = a.value as Scalar[];
    switch (a.op) {
      case "is":
        core = `${v} === ${lit(a.value as Scalar)}`;
        break;
      case "isNot":
        core = `${v} !== ${lit(a.value as Scalar)}`;
        break;
      case "in":
      case "notIn": {
        const any = vs.map((x) => `${v} === ${lit(x)}`).join(" || ");
        core = a.op === "in" ? `(${any})` : `!(${any})`;
        break;
      }
      case "includesAny":
      case "includesNone":
      case "includesAll": {
        const has = (x: Scalar) =>
          a.shape === "set"
            ? `(${v} as readonly unknown[]).includes(${lit(String(x))})`
            : `String(${v}) === ${lit(String(x))}`;
        const joined = vs.map(has).join(a.op === "includesAll" ? " && " : " || ");
        core = a.op === "includesNone" ? `!(${joined})` : `(${joined})`;
        break;
      }
      default: {
        const t = numVar(a.value as Expr);
        const cmp = { atLeast: ">=", above: ">", atMost: "<=", below: "<" }[a.op];
        const guard = [`typeof ${v} === "number"`, ...(/^[\d.]+$/.test(t) ? [] : [`${t} !== undefined`])];
        return `(${guard.join(" && ")} && ${a.negated ? "!" : ""}(${v} ${cmp} ${t}))`;
      }
    }
    const known = a.shape === "set" ? `Array.isArray(${v})` : `${v} !== undefined`;
    return `(${known} && ${a.negated ? "!" : ""}(${core}))`;
  };
  const formula = (f: Formula): string => {
    if (f.kind === "atom") return atom(f);
    if (f.parts.length === 0) return f.kind === "and" ? "true" : "false";
    return `(${f.parts.map(formula).join(f.kind === "and" ? " && " : " || ")})`;
  };
  const body: string[] = [];
  decisions.forEach((d, i) => {
    body.push(`// ${d.id} (${d.hitPolicy})`, `const d${i}: string[] = [];`);
    // Under first hit, rows after one without conditions can never apply (and an `else` would dangle).
    let closed = false;
    d.rules.forEach((r, j) => {
      if (closed) return;
      const parts = [
        ...(r.when.kind === "and" && r.when.parts.length === 0 ? [] : [formula(r.when)]),
        ...(r.validFrom !== undefined ? [`input.asOfDay >= ${r.validFrom}`] : []),
        ...(r.validTo !== undefined ? [`input.asOfDay <= ${r.validTo}`] : []),
      ];
      const push = `d${i}.push(${lit(r.id)});`;
      // A row without conditions always applies: no `if (true)` (lint refuses constant conditions).
      if (parts.length === 0) {
        body.push(d.hitPolicy === "first" && j > 0 ? `else ${push}` : push);
        closed = d.hitPolicy === "first";
      } else
        body.push(`${d.hitPolicy === "first" && j > 0 ? "else if" : "if"} (${parts.join(" && ")}) ${push}`);
    });
  });
  return [
    `export function ${name}(input: PeerInput): StageHits {`,
    ...lines,
    ...body,
    `return { ${decisions.map((d, i) => `${lit(d.id)}: d${i}`).join(", ")} };`,
    "}",
  ].join("\n");
}

export async function limitSource(plan: RegionPlan): Promise<string> {
  const source = [
    `// Generated by bench/advice/limit-generate.ts from regions/${plan.model.info.id}: do not edit.`,
    `// The compared decisions of the advice as straight-line code: the limit of the benchmark.`,
    `import type { PeerInput, StageHits } from "../plan.ts";`,
    `import { num, round9, sub } from "./runtime.ts";`,
    "",
    stageSource("stageA", plan.stageA, plan),
    "",
    stageSource("stageB", plan.stageB, plan),
  ].join("\n");
  const used = ["num", "round9", "sub"].filter((h) =>
    new RegExp(`\\b${h}\\(`).test(source.split("\n").slice(4).join("\n")),
  );
  const text = source.replace(
    `import { num, round9, sub } from "./runtime.ts";`,
    used.length > 0 ? `import { ${used.join(", ")} } from "./runtime.ts";` : "",
  );
  const file = join(LIMIT_DIR, `${plan.model.info.id}.ts`);
  return format(text, { ...(await resolveConfig(file)), filepath: file });
}

if (process.argv[1] === import.meta.filename) {
  for (const id of listRegionIds()) {
    const plan = planRegion(loadRegion(id));
    writeFileSync(join(LIMIT_DIR, `${id}.ts`), await limitSource(plan));
    console.log(`bench/advice/limit/${id}.ts`);
  }
}

import { type ZenDecision, ZenEngine } from "@gorules/zen-engine";
import type { Expr } from "../../src/rules/model-schema.ts";
import {
  type Atom,
  type Formula,
  type PeerInput,
  type PlannedDecision,
  type PlannedRule,
  type RegionPlan,
  type Scalar,
  type StageHits,
  type StageRunner,
} from "./plan.ts";

/**
 * The region's decisions as a JDM graph for @gorules/zen-engine: one decision-table node per decision
 * (hit policy first, or collect for collect and unique: the shared glue refuses a tie like the engine),
 * an input column per fact tested at the top of a row with unary-test cells on `$`, one expression
 * column for what a cell on one fact cannot say (any, not over several facts, a rule's validity dates).
 */

/** A JDM graph as zen-engine reads it (the library types it as `object`). */
interface JdmNode {
  id: string;
  type: "inputNode" | "outputNode" | "decisionTableNode";
  name: string;
  position: { x: number; y: number };
  content: Record<string, unknown>;
}
export interface JdmGraph {
  nodes: JdmNode[];
  edges: { id: string; sourceId: string; targetId: string; type: "edge" }[];
}

const lit = (v: Scalar): string => JSON.stringify(v);
const list = (vs: readonly Scalar[]): string => `[${vs.map(lit).join(", ")}]`;
const ROUND = "1000000000";

/** A fact's path in the input; every fact name in the catalogue is a dotted path of identifiers. */
const factPath = (fact: string): string => {
  if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(fact)) throw new Error(`fact '${fact}' is not a plain path`);
  return fact;
};

/**
 * An arithmetic expression: its code and the guard under which it has a value. Compound results are
 * rounded to 9 decimals like the engine's, and a division by zero has no value (the engine: unknown).
 */
function zenExpr(e: Expr, plan: RegionPlan): { code: string; guard: string[] } {
  if (typeof e === "number") return { code: String(e), guard: [] };
  if (typeof e === "string") {
    if (e.startsWith("$")) {
      const code = `params[${lit(e.slice(1))}]`;
      return { code, guard: [`type(${code}) == "number"`] };
    }
    const derived = plan.derived[e];
    if (derived) return zenExpr(derived, plan);
    const code = factPath(e);
    return { code, guard: [`type(${code}) == "number"`] };
  }
  const parts = (
    "sum" in e ? e.sum : "multiply" in e ? e.multiply : "subtract" in e ? e.subtract : e.divide
  ).map((x) => zenExpr(x, plan));
  const sym = "sum" in e ? " + " : "multiply" in e ? " * " : "subtract" in e ? " - " : " / ";
  const guard = parts.flatMap((p) => p.guard);
  if ("divide" in e) guard.push(`${parts[1]?.code ?? "0"} != 0`);
  return { code: `round((${parts.map((p) => p.code).join(sym)}) * ${ROUND}) / ${ROUND}`, guard };
}

/**
 * Conjuncts joined flat. zen's unary-cell parser misreads a cell that starts with a parenthesis (it
 * takes "(a) and b" as "$ == (a) and b", and "((a) and b)" does not parse), so cells start with `$`.
 */
const and = (xs: string[]): string => (xs.length === 0 ? "true" : xs.join(" and "));

/** The value a fact has for the peer: the input path, or a derived fact's expression (null: unknown). */
function subjectOf(fact: string, plan: RegionPlan): string {
  const derived = plan.derived[fact];
  if (!derived) return factPath(fact);
  const e = zenExpr(derived, plan);
  return `((${and(e.guard)}) ? ${e.code} : null)`;
}

/** An atom as a zen boolean over `s` (the column's `$`, or the fact itself in an expression cell). */
function atomCode(a: Atom, s: string, plan: RegionPlan): string {
  if (a.op === "known") return (a.value === true) !== a.negated ? `${s} != null` : `${s} == null`;
  const guard = [`${s} != null`];
  let core: string;
  const v = a.value;
  switch (a.op) {
    case "is":
    case "isNot":
      core = `${s} == ${lit(v as Scalar)}`;
      if (a.op === "isNot") core = `not (${core})`;
      break;
    case "in":
    case "notIn":
      core = `${s} in ${list(v as Scalar[])}`;
      if (a.op === "notIn") core = `not (${core})`;
      break;
    case "includesAny":
    case "includesNone":
    case "includesAll": {
      const want = list(v as Scalar[]);
      if (a.shape === "set") {
        core =
          a.op === "includesAll"
            ? `all(${want}, # in ${s})`
            : `${a.op === "includesAny" ? "some" : "none"}(${s}, # in ${want})`;
      } else {
        // The engine reads a single value as a one-element set of its text.
        const text = `string(${s})`;
        core =
          a.op === "includesAll"
            ? `all(${want}, # == ${text})`
            : `${a.op === "includesNone" ? "not " : ""}(${text} in ${want})`;
      }
      break;
    }
    default: {
      const t = zenExpr(v as Expr, plan);
      guard.push(`type(${s}) == "number"`, ...t.guard);
      const cmp = { atLeast: ">=", above: ">", atMost: "<=", below: "<" }[a.op];
      core = `${s} ${cmp} ${t.code}`;
    }
  }
  return and([...guard, a.negated ? `not (${core})` : core]);
}

function formulaCode(f: Formula, plan: RegionPlan): string {
  if (f.kind === "atom") return atomCode(f, subjectOf(f.fact, plan), plan);
  if (f.parts.length === 0) return f.kind === "and" ? "true" : "false";
  const parts = f.parts.map((p) => formulaCode(p, plan));
  // Inside an expression cell parentheses are safe (and needed around a disjunction).
  return f.kind === "and"
    ? parts.map((p) => `(${p})`).join(" and ")
    : parts.map((p) => `(${p})`).join(" or ");
}

const validityCode = (r: PlannedRule): string[] => [
  ...(r.validFrom !== undefined ? [`asOfDay >= ${r.validFrom}`] : []),
  ...(r.validTo !== undefined ? [`asOfDay <= ${r.validTo}`] : []),
];

function tableNode(d: PlannedDecision, nodeId: string, plan: RegionPlan): JdmNode {
  const topAtoms = (r: PlannedRule): Atom[] =>
    r.when.kind === "and" ? r.when.parts.filter((p): p is Atom => p.kind === "atom") : [];
  const facts = [...new Set(d.rules.flatMap((r) => topAtoms(r).map((a) => a.fact)))];
  const columnOf = new Map(facts.map((f, i) => [f, `c${i}`]));
  const inputs = [
    ...facts.map((f, i) => ({ id: `c${i}`, name: f, field: subjectOf(f, plan) })),
    { id: "cx", name: "conditions" },
  ];
  const rules = d.rules.map((r) => {
    const row: Record<string, string> = { _id: `${nodeId}-${r.index}`, out: lit(r.id) };
    const cells = new Map<string, string[]>();
    for (const a of topAtoms(r)) {
      const col = columnOf.get(a.fact) as string;
      cells.set(col, [...(cells.get(col) ?? []), atomCode(a, "$", plan)]);
    }
    const rest = r.when.kind === "and" ? r.when.parts.filter((p) => p.kind !== "atom") : [r.when];
    const expression = [...rest.map((p) => formulaCode(p, plan)), ...validityCode(r)];
    for (const [col, xs] of cells) row[col] = and(xs);
    row.cx = expression.length > 0 ? expression.map((x) => `(${x})`).join(" and ") : "";
    for (const { id } of inputs) row[id] ??= "";
    return row;
  });
  return {
    id: nodeId,
    type: "decisionTableNode",
    name: d.id,
    position: { x: 300, y: 0 },
    content: {
      hitPolicy: d.hitPolicy === "first" ? "first" : "collect",
      inputs,
      outputs: [{ id: "out", name: "rule", field: "rule" }],
      rules,
    },
  };
}

/**
 * One stage's graph: input → a table per decision → output. The rows that applied per table are read
 * from zen's trace (each node's output): the graph's own output merges the tables' outputs into one
 * object, which loses collect results, and gathering them in an expression node through $nodes proved
 * unreliable in zen 0.54 (empty for some graph shapes). Zen thus runs with its trace on, as ours does.
 */
export function stageGraph(decisions: PlannedDecision[], plan: RegionPlan): JdmGraph {
  const tables = decisions.map((d, i) => tableNode(d, `t${i}`, plan));
  const nodes: JdmNode[] = [
    { id: "input", type: "inputNode", name: "input", position: { x: 0, y: 0 }, content: {} },
    ...tables,
    { id: "output", type: "outputNode", name: "output", position: { x: 600, y: 0 }, content: {} },
  ];
  const edges = [
    ...tables.map((t) => ({ id: `in-${t.id}`, sourceId: "input", targetId: t.id, type: "edge" as const })),
    ...tables.map((t) => ({ id: `${t.id}-out`, sourceId: t.id, targetId: "output", type: "edge" as const })),
  ];
  return { nodes, edges };
}

let engine: ZenEngine | undefined;

/** A stage runner on zen-engine for a region plan: two compiled graphs, evaluated with zen's trace. */
export function zenRunner(plan: RegionPlan): StageRunner {
  engine ??= new ZenEngine();
  const compile = (decisions: PlannedDecision[]) => {
    const decision: ZenDecision = (engine as ZenEngine).createDecision(stageGraph(decisions, plan));
    return async (input: PeerInput): Promise<StageHits> => {
      const response = await decision.evaluate(input, { trace: true });
      const hits: StageHits = {};
      decisions.forEach((d, i) => {
        // The library types a node's output as `any`: a first-hit table gives a row or null, collect a list.
        const out = response.trace?.[`t${i}`]?.output as { rule: string } | { rule: string }[] | null;
        hits[d.id] =
          out === null || out === undefined ? [] : Array.isArray(out) ? out.map((r) => r.rule) : [out.rule];
      });
      return hits;
    };
  };
  return { name: "zen-engine", stageA: compile(plan.stageA), stageB: compile(plan.stageB) };
}

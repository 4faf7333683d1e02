import { Engine, type RuleProperties, type TopLevelCondition } from "json-rules-engine";
import type { Expr } from "../../src/rules/model-schema.ts";
import {
  computeExpr,
  exprFacts,
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
 * The region's decisions as json-rules-engine rules: one rule per row, conditions all/any, an event
 * naming decision and row, priorities in row order (so a first-hit decision's rows are tried in the
 * policy's order; the shared glue keeps the first success per decision). Built-in operators where they
 * mean what ours mean on a known fact (equal, in, the numeric comparisons); custom operators where jre
 * has no equivalent (includesAny, includesNone, includesAll, a known-fact guard). Every test carries the
 * guard that the fact is known, so a missing fact never satisfies a negative test (as in our engine,
 * where such a test is unknown). Derived facts and thresholds that are expressions are dynamic facts.
 */

const toList = (v: unknown): string[] => (Array.isArray(v) ? (v as unknown[]).map(String) : [String(v)]);

function newEngine(): Engine {
  const engine = new Engine([], {
    allowUndefinedFacts: true,
    // Our fact paths are dotted ("estimatedHours.begeleiding"); the default is JSONPath.
    pathResolver: (object, path) =>
      path
        .split(".")
        .reduce<unknown>(
          (o, k) => (o !== null && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined),
          object,
        ),
  });
  engine.addOperator<unknown, boolean>("known", (a, want) => (a !== undefined && a !== null) === want);
  engine.addOperator<unknown, string[]>("includesAny", (a, want) => {
    const have = toList(a);
    return want.some((w) => have.includes(w));
  });
  engine.addOperator<unknown, string[]>("includesNone", (a, want) => {
    const have = toList(a);
    return !want.some((w) => have.includes(w));
  });
  engine.addOperator<unknown, string[]>("includesAll", (a, want) => {
    const have = toList(a);
    return want.every((w) => have.includes(w));
  });
  engine.addOperator<unknown, boolean>(
    "isNumber",
    (a, want) => (typeof a === "number" && Number.isFinite(a)) === want,
  );
  return engine;
}

/** A condition as jre reads it (the library does not export its nested condition types). */
type NestedCondition =
  | { fact: string; path?: string; operator: string; value: unknown }
  | { all: NestedCondition[] }
  | { any: NestedCondition[] }
  | { not: NestedCondition };

const negatedOp: Record<string, string> = {
  equal: "notEqual",
  in: "notIn",
  includesAny: "includesNone",
  includesNone: "includesAny",
  greaterThanInclusive: "lessThan",
  greaterThan: "lessThanInclusive",
  lessThanInclusive: "greaterThan",
  lessThan: "greaterThanInclusive",
};

/** A fact reference: the root fact and the dotted rest. */
const ref = (fact: string): { fact: string; path?: string } => {
  const [root = fact, ...rest] = fact.split(".");
  return rest.length > 0 ? { fact: root, path: rest.join(".") } : { fact: root };
};

function translator(engine: Engine, plan: RegionPlan) {
  let dynamic = 0;
  const dynamicFact = (expr: Expr): string => {
    const id = `expr:${dynamic++}`;
    const reads = exprFacts(expr, plan.derived);
    engine.addFact<Promise<number | undefined>>(id, async (_params, almanac) => {
      const values = new Map<string, unknown>();
      for (const f of reads) {
        const r = ref(f);
        values.set(f, await almanac.factValue(r.fact, {}, r.path ?? ""));
      }
      const params = await almanac.factValue<Record<string, Scalar>>("params");
      return computeExpr(
        expr,
        (p) => values.get(p),
        (n) => params[n],
        plan.derived,
      );
    });
    return id;
  };
  const derivedIds = new Map<string, string>();
  const subject = (fact: string): { fact: string; path?: string } => {
    const d = plan.derived[fact];
    if (!d) return ref(fact);
    let id = derivedIds.get(fact);
    if (!id) {
      id = dynamicFact(d);
      derivedIds.set(fact, id);
    }
    return { fact: id };
  };
  const threshold = (
    e: Expr,
  ): { value: number | { fact: string; path?: string }; guard: NestedCondition[] } => {
    if (typeof e === "number") return { value: e, guard: [] };
    const r =
      typeof e === "string"
        ? e.startsWith("$")
          ? { fact: "params", path: e.slice(1) }
          : subject(e)
        : { fact: dynamicFact(e) };
    return { value: r, guard: [{ ...r, operator: "isNumber", value: true }] };
  };

  const atom = (a: Atom): NestedCondition => {
    const s = subject(a.fact);
    if (a.op === "known") return { ...s, operator: "known", value: (a.value === true) !== a.negated };
    const guard: NestedCondition[] = [{ ...s, operator: "known", value: true }];
    let operator: string;
    let value: unknown = a.value;
    switch (a.op) {
      case "is":
        operator = "equal";
        break;
      case "isNot":
        operator = "notEqual";
        break;
      case "in":
        operator = "in";
        break;
      case "notIn":
        operator = "notIn";
        break;
      case "includesAny":
      case "includesNone":
        operator = a.op;
        break;
      case "includesAll":
        operator = "includesAll";
        break;
      default: {
        const t = threshold(a.value as Expr);
        guard.push({ ...s, operator: "isNumber", value: true }, ...t.guard);
        operator = {
          atLeast: "greaterThanInclusive",
          above: "greaterThan",
          atMost: "lessThanInclusive",
          below: "lessThan",
        }[a.op];
        value = t.value;
      }
    }
    if (a.negated) {
      const flipped = operator === "notEqual" ? "equal" : operator === "notIn" ? "in" : negatedOp[operator];
      if (flipped) return { all: [...guard, { ...s, operator: flipped, value }] };
      // includesAll has no single negation: not (includes all).
      return { all: [...guard, { not: { ...s, operator, value } }] };
    }
    return { all: [...guard, { ...s, operator, value }] };
  };
  const formula = (f: Formula): NestedCondition =>
    f.kind === "atom"
      ? atom(f)
      : f.kind === "and"
        ? { all: f.parts.map(formula) }
        : { any: f.parts.map(formula) };
  const rule = (d: PlannedDecision, r: PlannedRule, priority: number): RuleProperties => ({
    name: `${d.id}/${r.id}`,
    priority,
    // Our NestedCondition is jre's own shape; the library exports only the top level.
    conditions: {
      all: [
        formula(r.when),
        ...(r.validFrom !== undefined
          ? [{ fact: "asOfDay", operator: "greaterThanInclusive", value: r.validFrom }]
          : []),
        ...(r.validTo !== undefined
          ? [{ fact: "asOfDay", operator: "lessThanInclusive", value: r.validTo }]
          : []),
      ],
    } as TopLevelCondition,
    event: { type: "hit", params: { decision: d.id, rule: r.id, index: r.index } },
  });
  return { rule };
}

/** A stage runner on json-rules-engine: one engine per stage, rows as rules, events as hits. */
export function jreRunner(plan: RegionPlan): StageRunner {
  const compile = (decisions: PlannedDecision[]) => {
    const engine = newEngine();
    const t = translator(engine, plan);
    const total = decisions.reduce((n, d) => n + d.rules.length, 0);
    let priority = total;
    for (const d of decisions) for (const r of d.rules) engine.addRule(t.rule(d, r, priority--));
    return async (input: PeerInput): Promise<StageHits> => {
      const result = await engine.run(input);
      const hits: StageHits = Object.fromEntries(decisions.map((d) => [d.id, []]));
      // jre types event params as `any`; ours are { decision, rule, index }.
      const events = result.events.map((e) => e.params as { decision: string; rule: string; index: number });
      events.sort((a, b) => a.index - b.index);
      for (const e of events) hits[e.decision]?.push(e.rule);
      return hits;
    };
  };
  return { name: "json-rules-engine", stageA: compile(plan.stageA), stageB: compile(plan.stageB) };
}

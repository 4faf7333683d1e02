import { factInfo, factLabel } from "./facts.ts";
import { type Condition, type Expr, type FactTest, type OperatorName, operatorKeys } from "./model-schema.ts";

/**
 * Conditions compiled to closures over a fact environment, with three-valued logic: a test on a fact
 * that is not known yields `undefined`, and the result remembers which facts were missing so the
 * engine can ask for exactly those. Nothing is evaluated from text: the model is data, not code.
 */

export type Tri = boolean | undefined;
export type Scalar = string | number | boolean;
export type FactValue = Scalar | readonly string[] | undefined;

export interface Env {
  fact(path: string): FactValue;
  /** undefined: no value in force on the date, or the value is unknown (null in the model). */
  param(name: string): Scalar | undefined;
}

export interface TestResult {
  fact: string;
  op: OperatorName;
  expected: unknown;
  actual: FactValue;
  value: Tri;
  /** Parameters this test's threshold used (for local-choice marking and explanations). */
  params: string[];
  text: string;
}

export interface CondResult {
  value: Tri;
  missing: Set<string>;
  missingParams: Set<string>;
  tests: TestResult[];
  /** The test that decided a false result (the first failing one), if any. */
  decisive?: TestResult;
}

export type CompiledCondition = (env: Env) => CondResult;

export function isFactTest(c: Condition): c is FactTest {
  return (c as FactTest).fact !== undefined;
}

export interface ExprValue {
  value: number | undefined;
  missing: string[];
  missingParams: string[];
  params: string[];
  text: string;
}

const nl = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 });
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return "onbekend";
  if (typeof v === "boolean") return v ? "ja" : "nee";
  if (typeof v === "number") return nl.format(v);
  if (Array.isArray(v)) return v.length === 0 ? "geen" : v.map(formatValue).join(", ");
  return String(v);
}

export function evalExpr(expr: Expr, env: Env): ExprValue {
  if (typeof expr === "number")
    return { value: expr, missing: [], missingParams: [], params: [], text: formatValue(expr) };
  if (typeof expr === "string") {
    if (expr.startsWith("$")) {
      const name = expr.slice(1);
      const v = env.param(name);
      const value = typeof v === "number" ? v : undefined;
      return {
        value,
        missing: [],
        missingParams: value === undefined ? [name] : [],
        params: [name],
        text: `${formatValue(value)} (${name})`,
      };
    }
    const v = env.fact(expr);
    const value = typeof v === "number" ? v : undefined;
    return {
      value,
      missing: value === undefined ? [expr] : [],
      missingParams: [],
      params: [],
      text: `${factLabel(expr)} (${formatValue(value)})`,
    };
  }
  const combine = (parts: ExprValue[], op: (xs: number[]) => number, sym: string): ExprValue => {
    const known = parts.every((p) => p.value !== undefined);
    // Rounded to 9 decimals so that 60/300 + 161/230 is 0.9 and not 0.8999999999999999: thresholds in
    // policy are decimal numbers, and binary floating point must not move a case across one.
    const raw = known ? op(parts.map((p) => p.value as number)) : undefined;
    const value = raw === undefined ? undefined : Math.round(raw * 1e9) / 1e9;
    return {
      value: value !== undefined && Number.isFinite(value) ? value : undefined,
      missing: parts.flatMap((p) => p.missing),
      missingParams: parts.flatMap((p) => p.missingParams),
      params: parts.flatMap((p) => p.params),
      text: `(${parts.map((p) => p.text).join(` ${sym} `)})`,
    };
  };
  if ("sum" in expr)
    return combine(
      expr.sum.map((e) => evalExpr(e, env)),
      (xs) => xs.reduce((a, b) => a + b, 0),
      "+",
    );
  if ("multiply" in expr)
    return combine(
      expr.multiply.map((e) => evalExpr(e, env)),
      (xs) => xs.reduce((a, b) => a * b, 1),
      "×",
    );
  if ("subtract" in expr)
    return combine(
      expr.subtract.map((e) => evalExpr(e, env)),
      ([a = 0, b = 0]) => a - b,
      "−",
    );
  return combine(
    expr.divide.map((e) => evalExpr(e, env)),
    ([a = 0, b = 0]) => (b === 0 ? Number.NaN : a / b),
    "÷",
  );
}

const opText: Record<OperatorName, string> = {
  is: "is",
  isNot: "is niet",
  in: "is een van",
  notIn: "is geen van",
  includesAny: "bevat een van",
  includesNone: "bevat geen van",
  includesAll: "bevat alle",
  atLeast: "is ten minste",
  above: "is meer dan",
  atMost: "is ten hoogste",
  below: "is minder dan",
  known: "is bekend",
};

export function describeTest(test: FactTest, expectedText?: string): string {
  const op = operatorKeys(test)[0] as OperatorName;
  const label = factLabel(test.fact);
  if (op === "known") return test.known ? `${label} is bekend` : `${label} is niet bekend`;
  const type = factInfo(test.fact)?.type.kind;
  const raw = test[op];
  if (type === "boolean" && (op === "is" || op === "isNot") && typeof raw === "boolean") {
    const yes = op === "is" ? raw : !raw;
    return `${label}: ${yes ? "ja" : "nee"}`;
  }
  return `${label} ${opText[op]} ${expectedText ?? formatValue(raw)}`;
}

const numericOpNames = new Set<OperatorName>(["atLeast", "above", "atMost", "below"]);

/** The condition tree in plain Dutch, with thresholds filled in from the parameters in force. */
export function describeCondition(c: Condition, env: Env): string {
  if (isFactTest(c)) {
    const op = operatorKeys(c)[0] as OperatorName;
    const raw = c[op];
    const threshold =
      numericOpNames.has(op) && typeof raw !== "number" ? evalExpr(raw as Expr, env).text : undefined;
    return describeTest(c, threshold);
  }
  if ("all" in c) return c.all.map((x) => describeCondition(x, env)).join(" en ");
  if ("any" in c) return `(${c.any.map((x) => describeCondition(x, env)).join(" of ")})`;
  return `niet (${describeCondition(c.not, env)})`;
}

function compileTest(test: FactTest): CompiledCondition {
  const op = operatorKeys(test)[0] as OperatorName;
  const expected = test[op];
  return (env) => {
    const actual = env.fact(test.fact);
    let value: Tri;
    let params: string[] = [];
    const missing = new Set<string>();
    const missingParams = new Set<string>();
    let shown: unknown = expected;
    let expectedText: string | undefined;
    if (numericOpNames.has(op)) {
      const e = evalExpr(expected as Expr, env);
      expectedText = typeof expected === "number" ? undefined : e.text;
    }
    if (op === "known") {
      value = (actual !== undefined) === test.known;
    } else if (actual === undefined) {
      value = undefined;
      missing.add(test.fact);
    } else {
      switch (op) {
        case "is":
          value = actual === expected;
          break;
        case "isNot":
          value = actual !== expected;
          break;
        case "in":
          value = (expected as Scalar[]).includes(actual as Scalar);
          break;
        case "notIn":
          value = !(expected as Scalar[]).includes(actual as Scalar);
          break;
        case "includesAny":
        case "includesNone":
        case "includesAll": {
          const have = Array.isArray(actual) ? (actual as readonly string[]) : [String(actual)];
          const want = expected as string[];
          const hits = want.filter((w) => have.includes(w));
          value =
            op === "includesAny"
              ? hits.length > 0
              : op === "includesNone"
                ? hits.length === 0
                : hits.length === want.length;
          break;
        }
        default: {
          const e = evalExpr(expected as Expr, env);
          params = e.params;
          shown = e.value;
          expectedText = typeof expected === "number" ? undefined : e.text;
          for (const m of e.missing) missing.add(m);
          for (const m of e.missingParams) missingParams.add(m);
          if (e.value === undefined || typeof actual !== "number") {
            value = undefined;
          } else {
            const a = actual;
            const b = e.value;
            value = op === "atLeast" ? a >= b : op === "above" ? a > b : op === "atMost" ? a <= b : a < b;
          }
        }
      }
    }
    const result: TestResult = {
      fact: test.fact,
      op,
      expected: shown,
      actual,
      value,
      params,
      text: describeTest(test, expectedText),
    };
    return {
      value,
      missing,
      missingParams,
      tests: [result],
      decisive: value === false ? result : undefined,
    };
  };
}

function merge(results: CondResult[], value: Tri, decisive?: TestResult): CondResult {
  const missing = new Set<string>();
  const missingParams = new Set<string>();
  // A settled result does not depend on the unknown parts, so they are not worth asking for.
  if (value === undefined) {
    for (const r of results) {
      if (r.value === undefined) {
        for (const m of r.missing) missing.add(m);
        for (const m of r.missingParams) missingParams.add(m);
      }
    }
  }
  return { value, missing, missingParams, tests: results.flatMap((r) => r.tests), decisive };
}

export function compileCondition(c: Condition): CompiledCondition {
  if (isFactTest(c)) return compileTest(c);
  if ("all" in c) return compileAll(c.all);
  if ("any" in c) {
    const parts = c.any.map(compileCondition);
    return (env) => {
      const rs = parts.map((p) => p(env));
      if (rs.some((r) => r.value === true)) return merge(rs, true);
      if (rs.some((r) => r.value === undefined)) return merge(rs, undefined);
      return merge(rs, false, rs[0]?.decisive);
    };
  }
  const inner = compileCondition(c.not);
  return (env) => {
    const r = inner(env);
    const value = r.value === undefined ? undefined : !r.value;
    return { ...r, value, decisive: value === false ? r.tests[0] : undefined };
  };
}

export function compileAll(conditions: Condition[]): CompiledCondition {
  const parts = conditions.map(compileCondition);
  return (env) => {
    const rs = parts.map((p) => p(env));
    const firstFalse = rs.find((r) => r.value === false);
    if (firstFalse) return merge(rs, false, firstFalse.decisive);
    if (rs.some((r) => r.value === undefined)) return merge(rs, undefined);
    return merge(rs, true);
  };
}

/** Every fact test in a condition tree, for references and static checks. */
export function factTests(conditions: Condition[]): FactTest[] {
  const out: FactTest[] = [];
  const walk = (c: Condition) => {
    if (isFactTest(c)) out.push(c);
    else if ("all" in c) c.all.forEach(walk);
    else if ("any" in c) c.any.forEach(walk);
    else walk(c.not);
  };
  conditions.forEach(walk);
  return out;
}

export function exprRefs(expr: Expr): { facts: string[]; params: string[] } {
  const facts: string[] = [];
  const params: string[] = [];
  const walk = (e: Expr) => {
    if (typeof e === "number") return;
    if (typeof e === "string") {
      if (e.startsWith("$")) params.push(e.slice(1));
      else facts.push(e);
      return;
    }
    const parts = "sum" in e ? e.sum : "multiply" in e ? e.multiply : "subtract" in e ? e.subtract : e.divide;
    parts.forEach(walk);
  };
  walk(expr);
  return { facts, params };
}

import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Document, isMap, isSeq, parseDocument, type YAMLMap } from "yaml";
import { runCases } from "../src/rules/cases.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { listRegionIds, loadRegion, regionsRoot } from "../src/rules/load.ts";

/**
 * Mutation check for the region models: do the test cases beside the rules notice when a rule changes?
 * Copies regions/ to a temporary folder, changes one thing at a time (a threshold parameter, an operator
 * at a threshold, a whole rule), runs every region's cases against the changed copy and counts the cases
 * that fail. A mutation that no case notices "survives": the cases do not pin that part of the model down.
 * A surviving threshold mutation is an error (exit code 1); a surviving rule removal is reported.
 *
 * Run with `npm run mutation` (or `npx tsx scripts/mutation-check.ts <regions-map>` for another folder).
 */

/** The parameters whose values decide a threshold; each value is mutated by ±1 and ×1,1. */
export const THRESHOLD_PARAMETERS = [
  "drempel-begeleiding",
  "drempel-behandeling",
  "marge-bijna-vuistregel",
  "leeftijdsgrens",
] as const;

/** Rules whose `atLeast` thresholds are flipped to `above` (is the boundary value itself tested?). */
export const FLIP_RULES = /^s1-vuistregel-/;

export type MutationKind = "parameter" | "operator" | "regel-weg";

export interface Mutation {
  /** Readable description, e.g. "hart-van-brabant: drempel-begeleiding 300 → 301". */
  id: string;
  kind: MutationKind;
  /** A surviving threshold mutation fails the check. */
  threshold: boolean;
  /** The model file to change, relative to the regions folder. */
  file: string;
  /** Changes the parsed file in place; "delete-file" removes the file instead. */
  edit(doc: Document): undefined | "delete-file";
}

export interface MutationResult {
  mutation: Mutation;
  /** Names of the failing cases, as "region: case name". */
  failing: string[];
  /** Number of cases run in total (over all regions). */
  total: number;
  /** The mutated model did not load or compile (counts as killed). */
  loadErrors: string[];
  killed: boolean;
}

export interface MutationReport {
  /** Failures of the unmutated cases; a mutation check on a red suite means nothing. */
  baselineFailures: string[];
  results: MutationResult[];
  ms: number;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

function decisionFiles(root: string, layer: string): string[] {
  const dir = join(root, layer, "decisions");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => join(layer, "decisions", f));
}

function readDoc(root: string, file: string): Document {
  return parseDocument(readFileSync(join(root, file), "utf8"));
}

/** Sets value number `index` of a parameter (all values when index is undefined) with `change`. */
export function parameterMutation(
  layer: string,
  name: string,
  change: (value: number) => number,
  label: string,
  index?: number,
): Mutation {
  return {
    id: `${layer}: ${name} ${label}`,
    kind: "parameter",
    threshold: true,
    file: join(layer, "parameters.yaml"),
    edit(doc) {
      const values = doc.getIn(["parameters", name, "values"], true);
      if (!isSeq(values)) throw new Error(`parameter '${name}' niet gevonden in ${layer}/parameters.yaml`);
      values.items.forEach((_item, i) => {
        if (index !== undefined && i !== index) return;
        const v = doc.getIn(["parameters", name, "values", i, "value"]);
        if (typeof v === "number") doc.setIn(["parameters", name, "values", i, "value"], round(change(v)));
      });
      return undefined;
    },
  };
}

/** Replaces every value of a parameter by `value`, e.g. drempel-begeleiding 300 → 301. */
export function setParameter(layer: string, name: string, value: number): Mutation {
  return parameterMutation(layer, name, () => value, `→ ${value}`);
}

/** Flips every `atLeast` in one rule to `above`, keeping the threshold. */
export function flipAtLeastMutation(
  file: string,
  ruleIndex: number,
  ruleId: string,
  layer: string,
): Mutation {
  return {
    id: `${layer}: ${ruleId} ten minste → meer dan`,
    kind: "operator",
    threshold: true,
    file,
    edit(doc) {
      const when = doc.getIn(["rules", ruleIndex, "when"], true);
      if (flipAtLeast(when) === 0) throw new Error(`regel '${ruleId}' heeft geen atLeast`);
      return undefined;
    },
  };
}

function flipAtLeast(node: unknown): number {
  if (isSeq(node)) return node.items.reduce<number>((n, item) => n + flipAtLeast(item), 0);
  if (!isMap(node)) return 0;
  const map = node as YAMLMap;
  let flipped = 0;
  if (map.has("atLeast")) {
    const threshold = map.get("atLeast", true);
    map.delete("atLeast");
    map.set("above", threshold);
    flipped++;
  }
  for (const key of ["all", "any", "not"]) {
    if (map.has(key)) flipped += flipAtLeast(map.get(key, true));
  }
  return flipped;
}

/** Removes one rule; a decision with only this rule loses its whole file. */
export function removeRuleMutation(
  file: string,
  ruleIndex: number,
  ruleId: string,
  layer: string,
  onlyRule: boolean,
): Mutation {
  return {
    id: `${layer}: regel ${ruleId} weg`,
    kind: "regel-weg",
    threshold: false,
    file,
    edit(doc) {
      if (onlyRule) return "delete-file";
      if (!doc.deleteIn(["rules", ruleIndex])) throw new Error(`regel ${ruleIndex} niet gevonden in ${file}`);
      return undefined;
    },
  };
}

/** All mutations of the check: thresholds ±1 and ×1,1, operator flips, and each rule removed in turn. */
export function defaultMutations(root = regionsRoot()): Mutation[] {
  const mutations: Mutation[] = [];
  const layers = listRegionIds(root);
  for (const layer of layers) {
    const pFile = join(layer, "parameters.yaml");
    if (!existsSync(join(root, pFile))) continue;
    const data = readDoc(root, pFile).toJS() as {
      parameters?: Record<string, { values?: { value?: unknown; from?: string }[] }>;
    };
    for (const name of THRESHOLD_PARAMETERS) {
      const values = data.parameters?.[name]?.values;
      if (!values) continue;
      values.forEach((entry, i) => {
        const v = entry.value;
        if (typeof v !== "number") return;
        const at = values.length > 1 ? ` (vanaf ${entry.from})` : "";
        const steps: [string, (x: number) => number][] = [
          [`${v} → ${round(v + 1)}${at}`, (x) => x + 1],
          [`${v} → ${round(v - 1)}${at}`, (x) => x - 1],
          [`${v} → ${round(v * 1.1)} (×1,1)${at}`, (x) => x * 1.1],
        ];
        if (!Number.isInteger(v)) {
          steps.push([`${v} → ${round(v + 0.01)}${at}`, (x) => x + 0.01]);
          steps.push([`${v} → ${round(v - 0.01)}${at}`, (x) => x - 0.01]);
        }
        for (const [label, change] of steps) mutations.push(parameterMutation(layer, name, change, label, i));
      });
    }
  }
  for (const layer of layers) {
    for (const file of decisionFiles(root, layer)) {
      const doc = readDoc(root, file);
      const rules = doc.get("rules", true);
      if (!isSeq(rules)) continue;
      rules.items.forEach((rule, i) => {
        const id = isMap(rule) ? String(rule.get("id")) : `#${i}`;
        if (FLIP_RULES.test(id) && flipAtLeast(readDoc(root, file).getIn(["rules", i, "when"], true)) > 0) {
          mutations.push(flipAtLeastMutation(file, i, id, layer));
        }
      });
      rules.items.forEach((rule, i) => {
        const id = isMap(rule) ? String(rule.get("id")) : `#${i}`;
        mutations.push(removeRuleMutation(file, i, id, layer, rules.items.length === 1));
      });
    }
  }
  return mutations;
}

interface SuiteRun {
  failing: string[];
  total: number;
  loadErrors: string[];
}

function runAllCases(root: string): SuiteRun {
  const out: SuiteRun = { failing: [], total: 0, loadErrors: [] };
  for (const id of listRegionIds(root)) {
    try {
      const runs = runCases(compileRegion(loadRegion(id, root)));
      out.total += runs.length;
      for (const r of runs) if (r.failures.length > 0) out.failing.push(`${id}: ${r.name}`);
    } catch (e) {
      out.loadErrors.push(`${id}: ${(e as Error).message.split("\n").slice(0, 3).join(" ")}`);
    }
  }
  return out;
}

/**
 * Applies each mutation to a fresh state of a temporary copy of the regions folder and runs all cases.
 * The source folder is never changed.
 */
export function runMutations(mutations: Mutation[], options: { root?: string } = {}): MutationReport {
  const started = performance.now();
  const source = options.root ?? regionsRoot();
  const tmp = mkdtempSync(join(tmpdir(), "wegwijzer-mutatie-"));
  try {
    cpSync(source, tmp, { recursive: true });
    const baseline = runAllCases(tmp);
    const baselineFailures = [...baseline.loadErrors, ...baseline.failing];
    const results = mutations.map((mutation): MutationResult => {
      const path = join(tmp, mutation.file);
      const original = readFileSync(path, "utf8");
      try {
        const doc = parseDocument(original);
        if (mutation.edit(doc) === "delete-file") rmSync(path);
        else writeFileSync(path, doc.toString());
        const run = runAllCases(tmp);
        return {
          mutation,
          failing: run.failing,
          total: run.total,
          loadErrors: run.loadErrors,
          killed: run.failing.length > 0 || run.loadErrors.length > 0,
        };
      } finally {
        writeFileSync(path, original);
      }
    });
    return { baselineFailures, results, ms: performance.now() - started };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const kindLabel: Record<MutationKind, string> = {
  parameter: "drempel",
  operator: "operator",
  "regel-weg": "regel weg",
};

export function formatReport(report: MutationReport): string {
  const rows = report.results.map((r) => [
    r.mutation.id,
    kindLabel[r.mutation.kind],
    `${r.failing.length}/${r.total}${r.loadErrors.length > 0 ? ` + laadt niet: ${r.loadErrors.map((e) => e.split(":")[0]).join(", ")}` : ""}`,
    r.killed ? "gedood" : r.mutation.threshold ? "OVERLEEFT (fout)" : "overleeft",
  ]);
  const head = ["Mutatie", "Soort", "Falende casussen", "Uitkomst"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  const survived = report.results.filter((r) => !r.killed);
  out.push(
    "",
    `${report.results.length} mutaties, ${report.results.length - survived.length} gedood, ${survived.length} overleven (${(report.ms / 1000).toFixed(1)} s).`,
  );
  for (const r of survived) {
    out.push(
      `- overleeft: ${r.mutation.id}${r.mutation.threshold ? " — een drempel die geen casus vastlegt" : ""}`,
    );
  }
  if (report.baselineFailures.length > 0) {
    out.push("", "De casussen falen al zonder mutatie; de mutatiecheck zegt dan niets:");
    for (const f of report.baselineFailures) out.push(`- ${f}`);
  }
  return out.join("\n");
}

/** True when the check passes: the cases are green and every threshold mutation is killed. */
export function reportPasses(report: MutationReport): boolean {
  return (
    report.baselineFailures.length === 0 && report.results.every((r) => r.killed || !r.mutation.threshold)
  );
}

function main(): void {
  const root = process.argv[2] ? resolve(process.argv[2]) : regionsRoot();
  const report = runMutations(defaultMutations(root), { root });
  console.log(formatReport(report));
  process.exitCode = reportPasses(report) ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

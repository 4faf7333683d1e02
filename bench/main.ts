import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cleanUp } from "./cleanup.ts";
import {
  type BenchOptions,
  formatMachine,
  formatTable,
  machine,
  PART_NAMES,
  type PartName,
  ratioOf,
  type Row,
} from "./table.ts";

/**
 * `npm run bench [-- --quick] [--only ijw,http,startup] [--json file]`: issue 9's table of our figures
 * next to a peer's or a limit's, measured in the same run, with their ratio. docs/development.md
 * ("Benchmarks") says how each row is measured. Progress goes to stderr, the table to stdout.
 */

type Part = (options: BenchOptions) => Promise<Row[]>;

/**
 * The parts, in table order. Item 1 (advice: our engine with its full trace against the same decisions
 * in json-rules-engine and @gorules/zen-engine, one at a time and in flight, and against a generated
 * straight-line function as the limit) lives in bench/advice/ (measure.ts; bench/advice/main.ts runs it alone).
 */
const PARTS: Partial<Record<PartName, () => Promise<Part>>> = {
  // Loaded when asked for: `--only startup` need not load the registry or the server.
  advice: async () => (await import("./advice/measure.ts")).adviceRows,
  ijw: async () => (await import("./ijw.ts")).ijwRows,
  http: async () => (await import("./http.ts")).httpRows,
  startup: async () => (await import("./startup.ts")).startupRows,
};

export interface BenchRun {
  machine: ReturnType<typeof machine>;
  quick: boolean;
  rows: Row[];
  /** Parts asked for that do not exist yet. */
  notBuilt: PartName[];
}

function parseParts(only: string | undefined): PartName[] {
  if (!only) return [...PART_NAMES];
  const names = only.split(",").map((s) => s.trim());
  for (const name of names)
    if (!(PART_NAMES as readonly string[]).includes(name))
      throw new Error(`--only: unknown part '${name}' (parts: ${PART_NAMES.join(", ")})`);
  return PART_NAMES.filter((p) => names.includes(p));
}

export async function runBench(parts: PartName[], options: BenchOptions): Promise<BenchRun> {
  const run: BenchRun = { machine: machine(), quick: options.quick, rows: [], notBuilt: [] };
  for (const name of parts) {
    const load = PARTS[name];
    if (!load) {
      run.notBuilt.push(name);
      continue;
    }
    options.log(`${name}: measuring…`);
    const part = await load();
    run.rows.push(...(await part(options)));
  }
  return run;
}

export function formatRun(run: BenchRun): string {
  return [
    ...formatMachine(run.machine),
    ...(run.quick ? ["Mode: --quick (small counts: a smoke test, not figures to quote)"] : []),
    "",
    formatTable(run.rows),
    ...run.notBuilt.map((p) => `\nNot measured yet: ${p}${p === "advice" ? " (issue 9, item 1)" : ""}.`),
  ].join("\n");
}

/** Set on SIGINT/SIGTERM: the part that fails because its store was closed under it is no error. */
let interrupted = false;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      json: { type: "string" },
    },
    strict: true,
  });
  const parts = parseParts(values.only);
  const stopped = async (signal: string) => {
    interrupted = true;
    console.error(`bench: ${signal}, cleaning up`);
    await cleanUp();
    process.exit(130);
  };
  process.once("SIGINT", () => void stopped("SIGINT"));
  process.once("SIGTERM", () => void stopped("SIGTERM"));
  try {
    const started = performance.now();
    const log = (line: string) =>
      console.error(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
    // stdout holds the header and the table alone: what the code under measurement logs (a library's
    // deprecation notice) goes to stderr with the progress lines.
    console.log = (...args: unknown[]) => console.error(...args);
    const run = await runBench(parts, { quick: values.quick, log });
    process.stdout.write(`${formatRun(run)}\n`);
    if (values.json) {
      const rows = run.rows.map((r) => ({ ...r, ratio: ratioOf(r) }));
      writeFileSync(values.json, `${JSON.stringify({ ...run, rows }, null, 2)}\n`);
    }
  } finally {
    await cleanUp();
  }
}

// Only when run (npm run bench); a test may import runBench and formatRun without starting a bench.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().then(
    // Nothing may keep the process alive after the table (a pool, a timer): the bench stops by itself.
    () => process.exit(0),
    (error: unknown) => {
      if (!interrupted) console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(interrupted ? 130 : 1);
    },
  );

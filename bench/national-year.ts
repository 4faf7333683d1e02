import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SingleBar } from "cli-progress";
import pg from "pg";
import { REPORT_NAMES, type ReportName } from "../src/monitoring/reports.ts";
import { openStore, type Store } from "../src/store/database.ts";
import { generateIntoStore, type GenerateSummary } from "../src/store/generate.ts";
import { loadReportCatalogue, reportRows } from "../src/store/reports.ts";
import { BsnVault } from "../src/store/vault.ts";

/**
 * Issue 8: a national-scale synthetic year (default 500,000 clients) loaded into PostgreSQL and into PGlite
 * (with a data folder, as `npm start` runs it), then every monitoring report timed on each, printed next
 * to the load time and with the PGlite/PostgreSQL ratio. Each report runs once cold and then `--runs`
 * times; the median of those is its figure.
 *
 *   npm run bench:national [-- --clients 500000 --year 2026 --engines postgres,pglite --runs 3 --json out.json]
 *
 * PostgreSQL at WEGWIJZER_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres): the bench makes
 * a database of its own and drops it, also when interrupted.
 */

type Engine = "postgres" | "pglite";

interface EngineResult {
  engine: Engine;
  summary: GenerateSummary;
  loadMillis: number;
  reports: Record<ReportName, { coldMillis: number; medianMillis: number; rows: number }>;
}

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "500000" },
    year: { type: "string", default: "2026" },
    seed: { type: "string", default: "1" },
    engines: { type: "string", default: "postgres,pglite" },
    runs: { type: "string", default: "3" },
    json: { type: "string" },
  },
});

const clients = Number(args.clients);
const year = Number(args.year);
const seed = Number(args.seed);
const runs = Number(args.runs);
const engines = args.engines.split(",").map((e) => e.trim()) as Engine[];
for (const e of engines) {
  if (e !== "postgres" && e !== "pglite") throw new Error(`--engines: onbekende engine '${e}'`);
}
if (!Number.isInteger(clients) || clients < 1) throw new Error("--clients: een geheel getal vanaf 1");

const adminUrl = process.env.WEGWIJZER_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const cleanups: (() => Promise<void>)[] = [];
process.on("SIGINT", () => {
  void Promise.allSettled(cleanups.map((c) => c())).then(() => process.exit(130));
});

async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

async function open(engine: Engine): Promise<{ store: Store; done(): Promise<void> }> {
  const bsnKey = BsnVault.newKey();
  if (engine === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "wegwijzer-bench-"));
    const store = await openStore({ dataDir: dir, bsnKey });
    const done = async () => {
      await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    };
    cleanups.push(done);
    return { store, done };
  }
  const name = `wegwijzer_bench_${process.pid}_${Date.now()}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ url: url.toString(), bsnKey });
  const done = async () => {
    await store.close().catch(() => undefined);
    await adminQuery(`drop database if exists ${name} with (force)`);
  };
  cleanups.push(done);
  return { store, done };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function measure(engine: Engine): Promise<EngineResult> {
  const { store, done } = await open(engine);
  try {
    const bar = process.stderr.isTTY
      ? new SingleBar({ format: `${engine} laden {bar} {value}/{total} cliënten`, stream: process.stderr })
      : undefined;
    bar?.start(clients, 0);
    const started = performance.now();
    const summary = await generateIntoStore(store, {
      clients,
      year,
      seed,
      onProgress: (n) => bar?.update(n),
    });
    const loadMillis = performance.now() - started;
    bar?.stop();
    const catalogue = loadReportCatalogue();
    const query = { year, asOf: `${year}-12-31` };
    const reports = {} as EngineResult["reports"];
    for (const name of REPORT_NAMES) {
      let t = performance.now();
      const first = await reportRows(store, name, query, catalogue);
      const coldMillis = performance.now() - t;
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        t = performance.now();
        await reportRows(store, name, query, catalogue);
        times.push(performance.now() - t);
      }
      reports[name] = { coldMillis, medianMillis: median(times), rows: first.rijen.length };
      process.stderr.write(`${engine} ${name}: ${Math.round(median(times))} ms\n`);
    }
    return { engine, summary, loadMillis, reports };
  } finally {
    await done();
  }
}

const fmt = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${Math.round(ms)} ms`);

const results: EngineResult[] = [];
for (const engine of engines) results.push(await measure(engine));

const cpu = cpus();
console.log(
  `Wegwijzer landelijk jaar: ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu[0]?.model ?? "?"} (${cpu.length} kernen)`,
);
const s = results[0]!.summary;
console.log(
  `${s.clients} cliënten (${s.clientsWithoutBsn} zonder BSN), ${s.allocations} toewijzingen, ${s.declarations} declaraties, ${s.declarationLines} declaratieregels, ${s.providers} aanbieders; jaar ${year}, seed ${seed}`,
);
const header = ["", ...results.map((r) => r.engine), ...(results.length === 2 ? ["verhouding"] : [])];
const rows: string[][] = [
  [
    "laden (genereren en schrijven)",
    ...results.map((r) => fmt(r.loadMillis)),
    ...(results.length === 2 ? [(results[1]!.loadMillis / results[0]!.loadMillis).toFixed(2)] : []),
  ],
];
for (const name of REPORT_NAMES) {
  rows.push([
    `rapport ${name} (${results[0]!.reports[name].rows} rijen; mediaan, koud)`,
    ...results.map((r) => `${fmt(r.reports[name].medianMillis)} (${fmt(r.reports[name].coldMillis)})`),
    ...(results.length === 2
      ? [(results[1]!.reports[name].medianMillis / results[0]!.reports[name].medianMillis).toFixed(2)]
      : []),
  ]);
}
const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? "").length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
if (results.length === 2) console.log(`verhouding: ${results[1]!.engine} / ${results[0]!.engine}`);
if (args.json) {
  writeFileSync(
    args.json,
    JSON.stringify({ date: new Date().toISOString(), clients, year, seed, results }, null, 2),
  );
}

import { parseCase } from "../../src/domain/case.ts";
import { compileRegion } from "../../src/rules/engine.ts";
import { listRegionIds, loadRegion } from "../../src/rules/load.ts";
import { type BenchOptions, percentile, type Row } from "../table.ts";
import { jreRunner } from "./jre.ts";
import { limitRunner } from "./peers.ts";
import { decideWith, planRegion, type StageRunner } from "./plan.ts";
import { zenRunner } from "./zen.ts";

/**
 * Issue 9, item 1: per region model, evaluations per second and p50/p99 latency of our advice (with the
 * full trace, `advise` as the API calls it) against the same decision in zen-engine and
 * json-rules-engine, one call at a time and with calls in flight, and against the generated
 * straight-line function (the limit, one call at a time: it never yields, so calls in flight mean
 * nothing for it). The cases are the region's own test cases, cycled. No assertion on time anywhere.
 */

export interface AdviceBenchOptions extends BenchOptions {
  /** Only these region models (default: all). */
  regions?: string[];
  /** Calls in flight for the concurrent runs. */
  concurrency?: number;
}

export interface Sample {
  calls: number;
  seconds: number;
  evalsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

type Call = (i: number) => unknown;

/** One call at a time, each awaited, for at least `seconds` (and at least `minCalls`). */
export async function sequential(call: Call, seconds: number, minCalls: number): Promise<Sample> {
  const latencies: number[] = [];
  const start = performance.now();
  const until = start + seconds * 1000;
  let i = 0;
  while (performance.now() < until || i < minCalls) {
    const t = performance.now();
    await call(i++);
    latencies.push(performance.now() - t);
  }
  return sampleOf(latencies, (performance.now() - start) / 1000);
}

/** `concurrency` calls in flight: each worker starts its next call when its last one resolves. */
export async function inFlight(
  call: Call,
  seconds: number,
  minCalls: number,
  concurrency: number,
): Promise<Sample> {
  const latencies: number[] = [];
  const start = performance.now();
  const until = start + seconds * 1000;
  let i = 0;
  const worker = async () => {
    while (performance.now() < until || i < minCalls) {
      const t = performance.now();
      await call(i++);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return sampleOf(latencies, (performance.now() - start) / 1000);
}

function sampleOf(latencies: number[], seconds: number): Sample {
  return {
    calls: latencies.length,
    seconds,
    evalsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

const PEER_LABEL: Record<string, string> = {
  "zen-engine": "@gorules/zen-engine 0.52 (same decision, JDM, its trace on)",
  "json-rules-engine": "json-rules-engine 7.3 (same decision)",
  limit: "limit: generated straight-line TS, no trace",
};

/** The rows of the advice part: ours vs each peer, per region model and mode. */
export async function adviceRows(options: AdviceBenchOptions): Promise<Row[]> {
  const seconds = options.quick ? 0.15 : 2;
  const warmUp = options.quick ? 50 : 2000;
  const minCalls = options.quick ? 20 : 200;
  const concurrency = options.concurrency ?? 32;
  const rows: Row[] = [];
  for (const id of options.regions ?? listRegionIds()) {
    const model = loadRegion(id);
    const region = compileRegion(model);
    const plan = planRegion(model);
    if (plan.excluded.length > 0) {
      options.log(`advice ${id}: not compared, untranslatable: ${plan.excluded.join("; ")}`);
      continue;
    }
    const cases = model.cases.map((c) => ({
      facts: parseCase(c.case.facts),
      options: c.case.asOf ? { asOf: c.case.asOf } : {},
      asOf: c.case.asOf,
    }));
    const at = (i: number) => cases[i % cases.length]!;
    const ours: Call = (i) => {
      const c = at(i);
      return region.advise(c.facts, c.options);
    };
    const oursAsync: Call = async (i) => ours(i);
    const through =
      (runner: StageRunner): Call =>
      (i) => {
        const c = at(i);
        return decideWith(plan, runner, c.facts, c.asOf);
      };
    const basis = (s: Sample, t: Sample, mode: string) =>
      `${mode}; ${s.calls} vs ${t.calls} calls in ${s.seconds.toFixed(1)}/${t.seconds.toFixed(1)} s, ${cases.length} cases cycled, warm-up ${warmUp}`;

    const warm = async (call: Call) => {
      for (let i = 0; i < warmUp; i++) await call(i);
    };
    await warm(ours);
    options.log(`advice ${id}: ours, sequential`);
    const oursSeq = await sequential(ours, seconds, minCalls);
    options.log(`advice ${id}: ours, ${concurrency} in flight`);
    const oursPar = await inFlight(oursAsync, seconds, minCalls, concurrency);

    const peers: StageRunner[] = [zenRunner(plan), jreRunner(plan)];
    const limit = limitRunner(plan);
    for (const runner of [...peers, ...(limit ? [limit] : [])]) {
      const call = through(runner);
      await warm(call);
      options.log(`advice ${id}: ${runner.name}, sequential`);
      const seq = await sequential(call, seconds, minCalls);
      const peer = PEER_LABEL[runner.name] ?? runner.name;
      const key = `advice.${id}.${runner.name}`;
      const mode = "one call at a time";
      rows.push(
        row(
          `${key}.seq.rate`,
          `${id}: advice with full trace, ${mode}`,
          oursSeq.evalsPerSecond,
          peer,
          seq.evalsPerSecond,
          "eval/s",
          "higher",
          basis(oursSeq, seq, mode),
        ),
        row(
          `${key}.seq.p50`,
          `${id}: p50 latency, ${mode}`,
          oursSeq.p50Ms,
          peer,
          seq.p50Ms,
          "ms",
          "lower",
          basis(oursSeq, seq, mode),
        ),
        row(
          `${key}.seq.p99`,
          `${id}: p99 latency, ${mode}`,
          oursSeq.p99Ms,
          peer,
          seq.p99Ms,
          "ms",
          "lower",
          basis(oursSeq, seq, mode),
        ),
      );
      if (runner.name === "limit") continue;
      options.log(`advice ${id}: ${runner.name}, ${concurrency} in flight`);
      const par = await inFlight(call, seconds, minCalls, concurrency);
      const pmode = `${concurrency} calls in flight`;
      rows.push(
        row(
          `${key}.par.rate`,
          `${id}: advice with full trace, ${pmode}`,
          oursPar.evalsPerSecond,
          peer,
          par.evalsPerSecond,
          "eval/s",
          "higher",
          basis(oursPar, par, pmode),
        ),
        row(
          `${key}.par.p99`,
          `${id}: p99 latency, ${pmode}`,
          oursPar.p99Ms,
          peer,
          par.p99Ms,
          "ms",
          "lower",
          basis(oursPar, par, pmode),
        ),
      );
    }
  }
  return rows;
}

function row(
  id: string,
  measure: string,
  ours: number,
  peer: string,
  theirs: number,
  unit: string,
  better: Row["better"],
  basis: string,
): Row {
  return {
    part: "advice",
    id,
    measure,
    ours: { value: ours, unit },
    peer,
    peerFigure: { value: theirs, unit },
    better,
    basis,
  };
}

import { startChild } from "./child.ts";
import { loadAndCompileAll, modelFiles, readAndParseAll } from "./startup-work.ts";
import { type BenchOptions, median, type Row, timeMs } from "./table.ts";

/**
 * Item 4: the time to load and compile every region model (listRegionIds, loadRegion, compileRegion),
 * against reading and YAML-parsing the same files without validating, merging or compiling them (the
 * I/O + parse limit). Cold: the first time in a fresh process (a child per measurement, compile and
 * parse alternating, median over the children). Warm: the same work again in this process after
 * warm-up rounds, median over the rounds.
 */

interface Rounds {
  coldChildren: number;
  warmUp: number;
  warm: number;
}

const roundsFor = (quick: boolean): Rounds =>
  quick ? { coldChildren: 1, warmUp: 1, warm: 1 } : { coldChildren: 5, warmUp: 3, warm: 20 };

async function coldMs(mode: "compile" | "parse"): Promise<number> {
  const child = startChild("bench/startup-child.ts", [mode]);
  try {
    const [, ms = ""] = await child.line(/^RESULT (\d+(?:\.\d+)?)$/, 120_000);
    await child.exited;
    return Number(ms);
  } finally {
    await child.stop();
  }
}

export async function startupRows(options: BenchOptions): Promise<Row[]> {
  const rounds = roundsFor(options.quick);
  const cold = { compile: [] as number[], parse: [] as number[] };
  for (let i = 0; i < rounds.coldChildren; i++) {
    // Alternating, so a burst of other work on the machine falls on both alike.
    cold.compile.push(await coldMs("compile"));
    cold.parse.push(await coldMs("parse"));
  }
  options.log(
    `startup: cold compile ${cold.compile.map(Math.round).join(", ")} ms; parse ${cold.parse.map(Math.round).join(", ")} ms`,
  );

  const files = modelFiles();
  const warm = { compile: [] as number[], parse: [] as number[] };
  for (let i = 0; i < rounds.warmUp; i++) {
    loadAndCompileAll();
    readAndParseAll(files);
  }
  for (let i = 0; i < rounds.warm; i++) {
    warm.compile.push(await timeMs(loadAndCompileAll));
    warm.parse.push(await timeMs(() => readAndParseAll(files)));
  }
  options.log(
    `startup: warm compile median ${Math.round(median(warm.compile))} ms; parse ${Math.round(median(warm.parse))} ms`,
  );

  const peer = `read + YAML-parse the same ${files.length} files (limit)`;
  return [
    {
      part: "startup",
      id: "startup.cold",
      measure: "load + compile all region models, first time in a fresh process",
      ours: { value: median(cold.compile), unit: "ms" },
      peer,
      peerFigure: { value: median(cold.parse), unit: "ms" },
      better: "lower",
      basis: `median of ${rounds.coldChildren} fresh processes each`,
    },
    {
      part: "startup",
      id: "startup.warm",
      measure: "load + compile all region models, again in a warm process",
      ours: { value: median(warm.compile), unit: "ms" },
      peer,
      peerFigure: { value: median(warm.parse), unit: "ms" },
      better: "lower",
      basis: `median of ${rounds.warm} rounds after ${rounds.warmUp} warm-up`,
    },
  ];
}

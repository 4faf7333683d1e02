import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { compileRegion } from "../src/rules/engine.ts";
import { listRegionIds, loadRegion, regionsRoot } from "../src/rules/load.ts";

/**
 * The two pieces of work the start-up row times (bench/startup.ts), in a module of their own so a fresh
 * child (bench/startup-child.ts) loads nothing else first.
 */

/** Ours: every region model loaded (YAML, zod, baseline merge) and compiled, as a server start does. */
export function loadAndCompileAll(): number {
  let rules = 0;
  for (const id of listRegionIds()) rules += compileRegion(loadRegion(id)).model.decisions.length;
  return rules;
}

const LAYER_FILES = ["region.yaml", "municipalities.yaml", "parameters.yaml", "segments.yaml"];
const LAYER_FOLDERS = ["decisions", "cases", "partner-cases"];

/**
 * The YAML files `loadRegion` reads for every region, as often as it reads them (a baseline once per
 * region that extends it). The chain is found with a regular expression, not the YAML parser, so that
 * listing the files does not warm the parser the limit then times.
 */
export function modelFiles(root = regionsRoot()): string[] {
  const files: string[] = [];
  for (const id of listRegionIds(root)) {
    const seen = new Set<string>();
    for (let layer: string | undefined = id; layer && !seen.has(layer);) {
      seen.add(layer);
      const dir = join(root, layer);
      for (const f of LAYER_FILES) if (existsSync(join(dir, f))) files.push(join(dir, f));
      for (const folder of LAYER_FOLDERS) {
        const d = join(dir, folder);
        if (!existsSync(d)) continue;
        for (const f of readdirSync(d).sort()) if (/\.ya?ml$/.test(f)) files.push(join(d, f));
      }
      layer = /^extends:\s*["']?([\w-]+)/m.exec(readFileSync(join(dir, "region.yaml"), "utf8"))?.[1];
    }
  }
  return files;
}

/** The limit: the same files read and parsed by the same YAML library, without validation or compiling. */
export function readAndParseAll(files: readonly string[]): number {
  let keys = 0;
  for (const file of files) {
    const data: unknown = parse(readFileSync(file, "utf8"));
    if (data && typeof data === "object") keys += Object.keys(data).length;
  }
  return keys;
}

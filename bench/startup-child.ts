import { loadAndCompileAll, modelFiles, readAndParseAll } from "./startup-work.ts";

/**
 * One cold measurement in a fresh process (bench/startup.ts starts it): the modules are loaded first and
 * not timed (tsx compiles them on the fly, which says nothing about the engine); then the first
 * `compile` (load and compile every region model) or `parse` (read and YAML-parse the same files) this
 * process ever does is timed. Prints `RESULT <milliseconds>`.
 *
 *   node --import tsx bench/startup-child.ts compile|parse
 */

const mode = process.argv[2];
let ms: number;
if (mode === "compile") {
  const start = performance.now();
  loadAndCompileAll();
  ms = performance.now() - start;
} else if (mode === "parse") {
  const files = modelFiles();
  const start = performance.now();
  readAndParseAll(files);
  ms = performance.now() - start;
} else {
  throw new Error("usage: startup-child.ts compile|parse");
}
process.stdout.write(`RESULT ${ms}\n`);

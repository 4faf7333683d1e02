import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { lineFinder } from "../yaml-path.ts";

/**
 * Finds the line of a path inside a model file, for places the loader does not keep (one value of a
 * parameter, one product of a segment, the `exhaustive` key of a decision). Files are read once.
 */
export class YamlLines {
  private readonly docs = new Map<string, ((path: (string | number)[]) => number) | undefined>();

  constructor(private readonly root: string) {}

  /** The line of `path` in `file` (relative to the root); the nearest existing parent when it is absent. */
  lineOf(file: string, path: (string | number)[], fallback?: number): number | undefined {
    if (!this.docs.has(file)) this.docs.set(file, this.parse(file));
    return this.docs.get(file)?.(path) ?? fallback;
  }

  private parse(file: string): ((path: (string | number)[]) => number) | undefined {
    const abs = join(this.root, file);
    if (!existsSync(abs)) return undefined;
    const lineCounter = new LineCounter();
    const doc = parseDocument(readFileSync(abs, "utf8"), { lineCounter });
    if (doc.errors.length > 0) return undefined;
    return lineFinder(doc, lineCounter);
  }
}

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";

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
    const lineAt = (offset: number) => lineCounter.linePos(offset).line;
    return (path) => {
      let node: unknown = doc.contents;
      let best = 1;
      for (const key of path) {
        const range = (node as Node | undefined)?.range;
        if (range) best = lineAt(range[0]);
        if (isMap(node)) {
          const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
          if (!pair) return best;
          const keyRange = (pair.key as Node | null)?.range;
          if (keyRange) best = lineAt(keyRange[0]);
          node = pair.value;
        } else if (isSeq(node) && typeof key === "number") {
          node = node.items[key];
        } else {
          return best;
        }
      }
      const range = (node as Node | undefined)?.range;
      return range ? lineAt(range[0]) : best;
    };
  }
}

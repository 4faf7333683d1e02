import { type Document, isMap, isSeq, type LineCounter, type Node } from "yaml";

export type LineOf = (path: (string | number)[]) => number;

/**
 * The line of a path (keys and indexes) in a parsed YAML document: the line of the last map key on the
 * path (a key whose value is a block map sits on its own line), else the start of the node; for a path
 * that does not exist, the nearest parent that does. Shared by the loader and the static checker.
 */
export function lineFinder(doc: Document, lineCounter: LineCounter): LineOf {
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  return (path) => {
    let node: unknown = doc.contents;
    let best = 1;
    let keyLine: number | undefined;
    for (const key of path) {
      const range = (node as Node | undefined)?.range;
      if (range) best = lineAt(range[0]);
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        if (!pair) return best;
        const keyRange = (pair.key as Node | null)?.range;
        if (keyRange) best = lineAt(keyRange[0]);
        keyLine = best;
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number") {
        keyLine = undefined;
        node = node.items[key];
      } else {
        return best;
      }
    }
    if (keyLine !== undefined) return keyLine;
    const range = (node as Node | undefined)?.range;
    return range ? lineAt(range[0]) : best;
  };
}

import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { mulberry32 } from "../../src/monitoring/generate.ts";

/**
 * Random, reproducible damage to an XML document, over fast-xml-parser's ordered tree: an element
 * removed, doubled, swapped with its next sibling, moved to the other namespace, its content replaced
 * by an edge-case value, or an unknown element added after it. Shared by the tests that feed damaged
 * messages in (the importer's fuzz test) and the one that has libxml2 judge them (the validator's).
 */

export type XmlNode = Record<string, unknown> & { ":@"?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  parseTagValue: false,
  trimValues: true,
});
const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, processEntities: true });

export const EDGE_VALUES = [
  "",
  " ",
  "x",
  "0",
  "-1",
  "1.5",
  "12345678",
  "123456789",
  "0363",
  "0855",
  "0796",
  "999990019",
  "2026-02-29",
  "2024-02-29",
  "2026-03-09",
  "1900-01-01",
  "9999-12-31",
  "2026-01-01Z",
  "2026-01-01+01:00",
  "12:00:00",
  "24:00:00",
  "12:00:00Z",
  "99999999",
  "99999999999999",
  "2147483648",
  "0.1.0",
  "01",
  "02",
  "06",
  "54",
  "54001",
  "D",
  "C",
  "é",
  "a b",
  " 12 ",
  "<&>\"'",
  "x".repeat(201),
];

const tagOf = (n: XmlNode) => Object.keys(n).find((k) => k !== ":@" && k !== "#text");

/** Every element with the list it sits in, depth first. */
function elements(list: XmlNode[], out: { list: XmlNode[]; index: number }[] = []) {
  list.forEach((node, index) => {
    const tag = tagOf(node);
    if (!tag || tag.startsWith("?")) return;
    out.push({ list, index });
    elements(node[tag] as XmlNode[], out);
  });
  return out;
}

function rootPrefix(doc: XmlNode[]): string {
  const root = doc.find((n) => tagOf(n) && !tagOf(n)!.startsWith("?"))!;
  return tagOf(root)!.split(":")[0]!;
}

function mutateOnce(doc: XmlNode[], rnd: () => number): void {
  const all = elements(doc).slice(1); // never the root itself
  if (all.length === 0) return;
  const pick = all[Math.floor(rnd() * all.length)]!;
  const node = pick.list[pick.index]!;
  const tag = tagOf(node)!;
  const children = node[tag] as XmlNode[];
  switch (Math.floor(rnd() * 6)) {
    case 0:
      pick.list.splice(pick.index, 1);
      break;
    case 1:
      pick.list.splice(pick.index, 0, structuredClone(node));
      break;
    case 2: {
      const other = pick.list[pick.index + 1];
      if (other) [pick.list[pick.index], pick.list[pick.index + 1]] = [other, node];
      else pick.list.splice(pick.index, 1);
      break;
    }
    case 3: {
      const [prefix, local] = tag.split(":");
      pick.list[pick.index] = { [`${prefix === "ijw" ? rootPrefix(doc) : "ijw"}:${local}`]: children };
      break;
    }
    case 4:
      node[tag] = [{ "#text": EDGE_VALUES[Math.floor(rnd() * EDGE_VALUES.length)]! }];
      break;
    default:
      pick.list.splice(pick.index + 1, 0, { [`${tag.split(":")[0]}:Onbekend`]: [{ "#text": "1" }] });
  }
}

/** `count` random mutations of an XML document, the same for the same seed. */
export function mutateXml(xml: string, seed: number, count: number): string {
  if (count === 0) return xml;
  const rnd = mulberry32(seed);
  const doc = parser.parse(xml) as XmlNode[];
  for (let i = 0; i < count; i++) mutateOnce(doc, rnd);
  return builder.build(doc) as string;
}

/** `n` variants of an XML document with one random mutation each, drawn in turn from one seed. */
export function mutatedVariants(xml: string, seed: number, n: number): string[] {
  const rnd = mulberry32(seed);
  const doc = parser.parse(xml) as XmlNode[];
  return Array.from({ length: n }, () => {
    const copy = structuredClone(doc);
    mutateOnce(copy, rnd);
    return builder.build(copy) as string;
  });
}

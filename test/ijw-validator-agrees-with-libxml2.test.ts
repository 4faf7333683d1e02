import { readFileSync } from "node:fs";
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { readMessage } from "../src/ijw/codec.ts";
import { MESSAGE_TYPES } from "../src/ijw/xsd-model.ts";
import { libxml2Valid } from "./support/libxml2.ts";

/**
 * Our XSD validator is compiled from the schemas; libxml2 is the reference. Both judge the same
 * mutated messages (elements removed, doubled, swapped, moved to the other namespace, values replaced
 * by edge cases) and must give the same verdict on every one.
 */

type Node = Record<string, unknown> & { ":@"?: Record<string, string> };
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  parseTagValue: false,
  trimValues: true,
});
const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, processEntities: true });

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tagOf = (n: Node) => Object.keys(n).find((k) => k !== ":@" && k !== "#text");

/** Every element with the list it sits in, depth first. */
function elements(list: Node[], out: { list: Node[]; index: number }[] = []) {
  list.forEach((node, index) => {
    const tag = tagOf(node);
    if (!tag || tag.startsWith("?")) return;
    out.push({ list, index });
    elements(node[tag] as Node[], out);
  });
  return out;
}

const EDGE_VALUES = [
  "",
  " ",
  "x",
  "0",
  "-1",
  "1.5",
  "12345678",
  "123456789",
  "0363",
  "999990019",
  "2026-02-29",
  "2024-02-29",
  "2026-01-01Z",
  "2026-01-01+01:00",
  "12:00:00",
  "24:00:00",
  "12:00:00Z",
  "99999999999999",
  "0.1.0",
  "01",
  "D",
  "C",
  "é",
  "a b",
  " 12 ",
  "x".repeat(201),
];

function mutate(doc: Node[], rnd: () => number): Node[] {
  const copy = structuredClone(doc);
  const all = elements(copy).slice(1); // never the root itself
  const pick = all[Math.floor(rnd() * all.length)]!;
  const node = pick.list[pick.index]!;
  const tag = tagOf(node)!;
  const children = node[tag] as Node[];
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
      pick.list[pick.index] = { [`${prefix === "ijw" ? rootPrefix(copy) : "ijw"}:${local}`]: children };
      break;
    }
    case 4:
      node[tag] = [{ "#text": EDGE_VALUES[Math.floor(rnd() * EDGE_VALUES.length)]! }];
      break;
    default:
      pick.list.splice(pick.index + 1, 0, { [`${tag.split(":")[0]}:Onbekend`]: [{ "#text": "1" }] });
  }
  return copy;
}

function rootPrefix(doc: Node[]) {
  const root = doc.find((n) => tagOf(n) && !tagOf(n)!.startsWith("?"))!;
  return tagOf(root)!.split(":")[0]!;
}

describe("the schema-model validator gives libxml2's verdict", () => {
  for (const type of MESSAGE_TYPES) {
    it(`${type}: on 60 mutations of each example`, async () => {
      const documents: string[] = [];
      for (const variant of ["minimaal", "volledig"]) {
        const source = readFileSync(
          new URL(`./fixtures/ijw/${type}-${variant}.xml`, import.meta.url),
          "utf8",
        );
        const doc = parser.parse(source) as Node[];
        const rnd = random(type.charCodeAt(4) * 1000 + variant.length);
        for (let i = 0; i < 60; i++) documents.push(builder.build(mutate(doc, rnd)) as string);
      }
      const reference = await libxml2Valid(type, documents);
      const ours = documents.map((d) => readMessage(d).ok);
      const disagreements = documents
        .map((d, i) => ({ d, libxml2: reference[i], ours: ours[i], issues: readMessage(d) }))
        .filter((x) => x.libxml2 !== x.ours);
      expect(disagreements.slice(0, 2)).toEqual([]);
      // The mutations must actually produce both verdicts, or the comparison says little.
      expect(reference.filter(Boolean).length).toBeGreaterThan(2);
      expect(reference.filter((v) => !v).length).toBeGreaterThan(30);
    });
  }
});

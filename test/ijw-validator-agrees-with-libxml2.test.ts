import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readMessage } from "../src/ijw/codec.ts";
import { MESSAGE_TYPES } from "../src/ijw/xsd-model.ts";
import { libxml2Valid } from "./support/libxml2.ts";
import { mutatedVariants } from "./support/xml-mutations.ts";

/**
 * Our XSD validator is compiled from the schemas; libxml2 is the reference. Both judge the same
 * mutated messages (test/support/xml-mutations.ts: elements removed, doubled, swapped, moved to the other
 * namespace, values replaced by edge cases, unknown elements added) and must give the same verdict on
 * every one.
 */

describe("the schema-model validator gives libxml2's verdict", () => {
  for (const type of MESSAGE_TYPES) {
    it(`${type}: on 60 mutations of each example`, async () => {
      const documents: string[] = [];
      for (const variant of ["minimaal", "volledig"]) {
        const source = readFileSync(
          new URL(`./fixtures/ijw/${type}-${variant}.xml`, import.meta.url),
          "utf8",
        );
        documents.push(...mutatedVariants(source, type.charCodeAt(4) * 1000 + variant.length, 60));
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

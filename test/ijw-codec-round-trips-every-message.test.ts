import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readMessage, writeMessage } from "../src/ijw/codec.ts";
import { MESSAGE_TYPES, type MessageType } from "../src/ijw/xsd-model.ts";
import { libxml2Valid } from "./support/libxml2.ts";

const dir = new URL("./fixtures/ijw/", import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith(".xml"));

describe("every iJw 3.2 message type reads, writes XSD-valid XML and reads back equal", () => {
  it("has a minimal and a full example of each of the 14 message types", () => {
    for (const type of MESSAGE_TYPES) {
      expect(fixtures).toContain(`${type}-minimaal.xml`);
      expect(fixtures).toContain(`${type}-volledig.xml`);
    }
  });

  for (const type of MESSAGE_TYPES) {
    it(`${type}: write ⇒ valid for libxml2 ⇒ read ⇒ equal`, async () => {
      const written: string[] = [];
      for (const variant of ["minimaal", "volledig"]) {
        const source = readFileSync(new URL(`${type}-${variant}.xml`, dir), "utf8");
        const first = readMessage(source);
        if (!first.ok) throw new Error(JSON.stringify(first.issues));
        expect(first.type).toBe(type);
        const xml = writeMessage(type as MessageType, first.bericht as never);
        written.push(xml);
        expect(xml.startsWith("<?xml")).toBe(true);
        const again = readMessage(xml);
        expect(again).toEqual(first);
      }
      expect(await libxml2Valid(type, written)).toEqual([true, true]);
    });
  }
});

describe("free text survives writing and reading unchanged", () => {
  it("line ends, carriage returns, markup characters and any Unicode in Commentaar", () => {
    const source = readFileSync(new URL("JW301-volledig.xml", dir), "utf8");
    const first = readMessage(source);
    if (!first.ok) throw new Error("voorbeeld ongeldig");
    const piece = fc.oneof(
      fc.constantFrom("\r", "\n", "\r\n", "\t", " ", "&", "<", ">", '"', "'", "]]>", "&amp;", "é", "😀"),
      fc.string({ unit: "grapheme", maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = `x${pieces.join("")}`;
        const bericht = structuredClone(first.bericht) as { Client: { Commentaar?: string } };
        bericht.Client.Commentaar = text;
        const back = readMessage(writeMessage("JW301", bericht as never));
        expect(back.ok && (back.bericht.Client as { Commentaar?: string }).Commentaar).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

import { validateXML } from "xmllint-wasm";
import { readXsdFiles } from "../../src/ijw/schemas.ts";
import type { MessageType } from "../../src/ijw/xsd-model.ts";

/**
 * libxml2's own XSD validation (xmllint compiled to WebAssembly), the independent judge for our
 * schema-model validator and writer. One call validates a batch of documents of one message type, so the
 * schema is compiled once per batch.
 */
const xsd = readXsdFiles();

export async function libxml2Valid(type: MessageType, documents: string[]): Promise<boolean[]> {
  if (documents.length === 0) return [];
  const names = documents.map((_, i) => `m${i}.xml`);
  const result = await validateXML({
    xml: documents.map((contents, i) => ({ fileName: names[i]!, contents })),
    schema: { fileName: `${type}.xsd`, contents: xsd.get(`${type}.xsd`)! },
    preload: [{ fileName: "basisschema.xsd", contents: xsd.get("basisschema.xsd")! }],
    maxMemoryPages: 4096,
  });
  // xmllint ends its report on every rejected document with "<file> fails to validate" (or, when the
  // document does not even parse, with an error located in that file).
  const invalid = new Set<string>();
  for (const e of result.errors) {
    const failed = /(m\d+\.xml) fails to validate/.exec(e.rawMessage);
    if (failed) invalid.add(failed[1]!);
    else if (e.loc?.fileName) invalid.add(e.loc.fileName);
  }
  return names.map((n) => !invalid.has(n));
}

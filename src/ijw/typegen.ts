import {
  BASIS_NAMESPACE,
  type ComplexType,
  type ElementDecl,
  MESSAGE_TYPES,
  type MessageSchema,
  type MessageType,
  type SimpleType,
} from "./xsd-model.ts";

/**
 * TypeScript types for every iJw message, generated from the compiled XSDs, so the typed objects can
 * never drift from the schema (`npm run ijw:types` writes src/ijw/messages.generated.ts; a test fails
 * when the committed file is stale).
 */

const tsName = (type: ComplexType, message: MessageType) =>
  type.namespace === BASIS_NAMESPACE
    ? type.name
    : `${message[0]}${message.slice(1).toLowerCase()}${type.name}`;

const comment = (doc: string | undefined, indent: string) =>
  doc ? `${indent}/** ${doc.replace(/\*\//g, "* /").replace(/\s+/g, " ").trim()} */\n` : "";

function simpleTs(type: SimpleType, names: Map<string, string>, out: string[]): string {
  const last = type.layers[type.layers.length - 1];
  const literal =
    last && last.patterns.length === 1 && /^[0-9A-Za-z]+$/.test(last.patterns[0]!.source)
      ? last.patterns[0]!.source
      : undefined;
  if (literal !== undefined) return type.base === "integer" ? literal : JSON.stringify(literal);
  const enumLayer = [...type.layers].reverse().find((l) => l.enumeration);
  if (enumLayer?.enumeration && type.name.startsWith("LDT_")) {
    if (!names.has(type.name)) {
      names.set(type.name, type.name);
      const members = enumLayer.enumeration
        .map(
          (e) => `${comment(e.doc, "  ")}  | ${type.base === "integer" ? e.value : JSON.stringify(e.value)}`,
        )
        .join("\n");
      out.push(`export type ${type.name} =\n${members};\n`);
    }
    return type.name;
  }
  return type.base === "integer" ? "number" : "string";
}

export function generateMessageTypes(schemas: Map<MessageType, MessageSchema>): string {
  const out: string[] = [];
  const names = new Map<string, string>();
  const complex = (type: ComplexType, message: MessageType): string => {
    const name = tsName(type, message);
    if (names.has(name)) return name;
    names.set(name, name);
    const fields = type.children.map((child: ElementDecl) => {
      const inner =
        child.type.kind === "complex" ? complex(child.type, message) : simpleTs(child.type, names, out);
      const ts = child.maxOccurs > 1 ? `${inner}[]` : inner;
      return `${comment(child.doc, "  ")}  ${child.name}${child.minOccurs === 0 ? "?" : ""}: ${ts};`;
    });
    out.push(`export interface ${name} {\n${fields.join("\n")}\n}\n`);
    return name;
  };
  const roots: string[] = [];
  for (const type of MESSAGE_TYPES) {
    const schema = schemas.get(type)!;
    if (schema.root.type.kind !== "complex") throw new Error(`${type}: Bericht is geen groep`);
    roots.push(`  ${type}: ${complex(schema.root.type, type)};`);
  }
  return [
    "// Generated from the iJw 3.2 XSDs in src/ijw/xsd by `npm run ijw:types`. Do not edit.\n",
    ...out,
    `/** Every iJw 3.2 message type with the type of its Bericht element. */\nexport interface Berichten {\n${roots.join("\n")}\n}\n`,
  ].join("\n");
}

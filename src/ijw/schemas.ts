import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileIjwSchemas, type MessageSchema, type MessageType } from "./xsd-model.ts";

/**
 * The iJw 3.2 XSDs as published (copied unchanged from the shared specification folder into
 * src/ijw/xsd/), compiled once per process.
 */
export const XSD_DIR = fileURLToPath(new URL("./xsd/", import.meta.url));

let compiled: Map<MessageType, MessageSchema> | undefined;

export function readXsdFiles(dir = XSD_DIR): Map<string, string> {
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith(".xsd"))
      .map((f) => [f, readFileSync(`${dir}/${f}`, "utf8")]),
  );
}

export function ijwSchemas(): Map<MessageType, MessageSchema> {
  compiled ??= compileIjwSchemas(readXsdFiles());
  return compiled;
}

export function ijwSchema(type: MessageType): MessageSchema {
  const schema = ijwSchemas().get(type);
  if (!schema) throw new Error(`geen schema voor ${type}`);
  return schema;
}

import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import type { Berichten } from "./messages.generated.ts";
import { ijwSchema } from "./schemas.ts";
import {
  type IjwObject,
  type IjwValue,
  type OrderedNode,
  TreeValidator,
  type XsdIssue,
} from "./xsd-validate.ts";
import {
  BASIS_NAMESPACE,
  type ElementDecl,
  MESSAGE_TYPES,
  type MessageType,
  messageNamespace,
} from "./xsd-model.ts";

/**
 * Reading and writing iJw 3.2 messages. Reading checks, in this order, the file (UTF-8 without BOM, no
 * DOCTYPE, no characters XML forbids), well-formedness, and the XSD of the message type named by the
 * root element's namespace; only then is the message returned as a typed object. Writing builds the
 * XML in schema order and reads it back through the same checks, so nothing invalid ever leaves.
 */

export type ReadStage = "bestand" | "xml" | "xsd";

export type ReadResult =
  | { ok: true; type: MessageType; bericht: IjwObject }
  | { ok: false; stage: ReadStage; type?: MessageType; issues: XsdIssue[] };

export class IjwWriteError extends Error {
  constructor(
    readonly type: MessageType,
    readonly issues: XsdIssue[],
  ) {
    super(
      `${type} is niet geldig volgens de XSD: ${issues
        .slice(0, 5)
        .map((i) => `${i.path}: ${i.reason}${i.value === undefined ? "" : ` (${JSON.stringify(i.value)})`}`)
        .join("; ")}`,
    );
  }
}

// Typed as the wrapper `Symbol` by the library; it is a plain symbol.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // An empty map keeps XML's five entities and numeric references, and decodes no HTML names. The
  // option accepts a map at run time; its typings only say boolean.
  htmlEntities: {} as unknown as boolean,
  captureMetaData: true,
});

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  indentBy: "  ",
  processEntities: true,
  suppressEmptyNode: false,
});

// XML 1.0 `Char`: these code points may not occur in a document at all, not even as a reference.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+))?;?/g;

function lineAt(text: string, index: number): number {
  return lineFinder(text)(index);
}

/** Line numbers by offset, in O(log n) per question: a message may have a hundred thousand elements. */
function lineFinder(text: string): (index: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function fileIssues(text: string): XsdIssue[] {
  const issues: XsdIssue[] = [];
  const declaration = /^<\?xml[^?]*encoding\s*=\s*["']([^"']+)["']/.exec(text);
  if (declaration && declaration[1]!.toUpperCase() !== "UTF-8")
    issues.push({ path: "/", reason: `codering moet UTF-8 zijn, niet ${declaration[1]}`, line: 1 });
  if (/<!DOCTYPE/i.test(text))
    issues.push({ path: "/", reason: "een DOCTYPE is niet toegestaan in een iJw-bericht", line: 1 });
  const forbidden = FORBIDDEN_CHAR.exec(text);
  if (forbidden)
    issues.push({
      path: "/",
      reason: `teken U+${forbidden[0].codePointAt(0)!.toString(16).padStart(4, "0")} is niet toegestaan in XML`,
      line: lineAt(text, forbidden.index),
    });
  for (const m of text.matchAll(ENTITY)) {
    const [whole, named, dec, hex] = m;
    const ok =
      whole.endsWith(";") &&
      (named !== undefined ||
        ((dec ?? hex) !== undefined && isAllowedCodePoint(parseInt((dec ?? hex)!, dec ? 10 : 16))));
    if (!ok) {
      issues.push({ path: "/", reason: `ongeldige entiteit ${whole}`, line: lineAt(text, m.index) });
      break;
    }
  }
  return issues;
}

const isAllowedCodePoint = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

function decode(input: string | Uint8Array): { text?: string; issues: XsdIssue[] } {
  if (typeof input === "string") {
    if (input.charCodeAt(0) === 0xfeff)
      return {
        issues: [{ path: "/", reason: "het bestand begint met een BOM; dat mag niet (UTF-8 zonder BOM)" }],
      };
    return { text: input, issues: [] };
  }
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf)
    return {
      issues: [{ path: "/", reason: "het bestand begint met een BOM; dat mag niet (UTF-8 zonder BOM)" }],
    };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(input), issues: [] };
  } catch {
    return { issues: [{ path: "/", reason: "het bestand is geen geldige UTF-8" }] };
  }
}

const typeByNamespace = new Map(MESSAGE_TYPES.map((t) => [messageNamespace(t), t] as const));

/** Read an iJw message: the file, XML and XSD checks, then the message as an object. */
export function readMessage(input: string | Uint8Array): ReadResult {
  const decoded = decode(input);
  if (decoded.text === undefined) return { ok: false, stage: "bestand", issues: decoded.issues };
  const text = decoded.text;
  const fileProblems = fileIssues(text);
  if (fileProblems.length > 0) return { ok: false, stage: "bestand", issues: fileProblems };
  let nodes: OrderedNode[];
  try {
    const wellFormed = XMLValidator.validate(text);
    if (wellFormed !== true)
      return {
        ok: false,
        stage: "xml",
        issues: [
          { path: "/", reason: `geen goed gevormde XML: ${wellFormed.err.msg}`, line: wellFormed.err.line },
        ],
      };
    nodes = parser.parse(text) as OrderedNode[];
  } catch (e) {
    // The parser refuses documents beyond its limits (nesting depth, entity expansion); no iJw message
    // comes near them, so such a document is simply not a message.
    return {
      ok: false,
      stage: "xml",
      issues: [{ path: "/", reason: `XML niet te lezen: ${(e as Error).message}` }],
    };
  }
  const roots = nodes.filter((n) => {
    const view = TreeValidator.view(n);
    return view && !view.tag.startsWith("?");
  });
  if (roots.length !== 1)
    return {
      ok: false,
      stage: "xml",
      issues: [{ path: "/", reason: "er moet precies één hoofdelement zijn" }],
    };
  const root = roots[0]!;
  const view = TreeValidator.view(root)!;
  const scope = TreeValidator.scope(new Map(), view.attributes);
  const { ns, local } = TreeValidator.qualified(view.tag, scope);
  const type = ns ? typeByNamespace.get(ns) : undefined;
  if (!type || local !== "Bericht")
    return {
      ok: false,
      stage: "xsd",
      issues: [
        {
          path: `/${local}`,
          reason: `het hoofdelement is geen iJw 3.2-bericht (namespace ${ns ?? "geen"}, naam ${local})`,
          line: 1,
        },
      ],
    };
  const lineOf = lineFinder(text);
  const validator = new TreeValidator((node) => {
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
    return meta?.startIndex === undefined ? undefined : lineOf(meta.startIndex);
  });
  const bericht = validator.element(root, ijwSchema(type).root, new Map(), "Bericht") as IjwObject;
  if (validator.issues.length > 0) return { ok: false, stage: "xsd", type, issues: validator.issues };
  return { ok: true, type, bericht };
}

/** Read a message and require a given type; throws with the reasons otherwise. */
export function readMessageOf<T extends MessageType>(type: T, input: string | Uint8Array): Berichten[T] {
  const result = readMessage(input);
  if (!result.ok)
    throw new IjwReadError(
      `bericht niet leesbaar (${result.stage}): ${result.issues
        .slice(0, 5)
        .map((i) => `${i.path}: ${i.reason}`)
        .join("; ")}`,
    );
  if (result.type !== type) throw new IjwReadError(`verwacht ${type}, gelezen ${result.type}`);
  return result.bericht as unknown as Berichten[T];
}

export class IjwReadError extends Error {}

function buildElement(
  decl: ElementDecl,
  value: IjwValue,
  prefix: (ns: string) => string,
  path: string,
  unknown: XsdIssue[],
): OrderedNode {
  const tag = `${prefix(decl.namespace)}:${decl.name}`;
  if (decl.type.kind === "simple") {
    if (typeof value !== "string" && typeof value !== "number") {
      unknown.push({ path, reason: "verwacht een tekst of getal" });
      return { [tag]: [] } as OrderedNode;
    }
    if (FORBIDDEN_CHAR.test(String(value))) {
      unknown.push({ path, reason: "bevat een teken dat XML niet toestaat", value: String(value) });
      return { [tag]: [] } as OrderedNode;
    }
    // A carriage return would be read back as a line feed; the marker becomes a character reference.
    return { [tag]: [{ "#text": String(value).replace(/\r/g, "\u0000") }] } as OrderedNode;
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    unknown.push({ path, reason: "verwacht een groep met elementen" });
    return { [tag]: [] } as OrderedNode;
  }
  const known = new Set(decl.type.children.map((c) => c.name));
  for (const key of Object.keys(value))
    if (!known.has(key) && value[key] !== undefined)
      unknown.push({ path: `${path}/${key}`, reason: "onbekend element voor dit berichttype" });
  const children: OrderedNode[] = [];
  for (const child of decl.type.children) {
    const v = value[child.name];
    if (v === undefined) continue;
    const items = child.maxOccurs > 1 && Array.isArray(v) ? v : [v];
    for (const item of items)
      children.push(buildElement(child, item, prefix, `${path}/${child.name}`, unknown));
  }
  return { [tag]: children } as OrderedNode;
}

/** Write a message as UTF-8 XML text (no BOM). Throws IjwWriteError when the object is not XSD-valid. */
export function writeMessage<T extends MessageType>(type: T, bericht: Berichten[T]): string {
  const schema = ijwSchema(type);
  const messagePrefix = type.toLowerCase();
  const prefix = (ns: string) => (ns === BASIS_NAMESPACE ? "ijw" : messagePrefix);
  const problems: XsdIssue[] = [];
  const root = buildElement(schema.root, bericht as unknown as IjwObject, prefix, "Bericht", problems);
  if (problems.length > 0) throw new IjwWriteError(type, problems);
  root[":@"] = { [`@_xmlns:${messagePrefix}`]: schema.namespace, "@_xmlns:ijw": BASIS_NAMESPACE };
  // The standard asks for CR/LF line ends (OP192); a reader turns them back into line feeds.
  const body = (builder.build([root]) as string).trim().replace(/\n/g, "\r\n").replaceAll("\u0000", "&#13;");
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\r\n${body}\r\n`;
  const check = readMessage(xml);
  if (!check.ok) throw new IjwWriteError(type, check.issues);
  return xml;
}

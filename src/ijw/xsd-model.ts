import { XMLParser } from "fast-xml-parser";
import { compileXsdPattern } from "./xsd-regex.ts";

/**
 * The iJw 3.2 XSDs compiled into a small model: for every message, the tree of elements with their
 * namespace, order, occurrence and simple type. The codec reads and writes through it and the validator
 * checks against it, so the published schemas stay the single source of the message structure.
 *
 * The iJw schemas use a small part of XML Schema (sequences of elements, named and anonymous simple types
 * restricted by pattern, enumeration, length and inclusive bounds). Anything else is refused here, so a
 * newer schema that needs more fails loudly when compiled instead of being validated wrongly.
 */

export const BASIS_NAMESPACE = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema";
export const MESSAGE_TYPES = [
  "JW301",
  "JW302",
  "JW305",
  "JW306",
  "JW307",
  "JW308",
  "JW315",
  "JW316",
  "JW317",
  "JW318",
  "JW319",
  "JW320",
  "JW323",
  "JW325",
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const messageNamespace = (type: MessageType) =>
  `http://www.istandaarden.nl/ijw/3_2/${type.toLowerCase()}/schema`;

export type SimpleBase = "string" | "integer" | "date" | "time";

export interface FacetLayer {
  /** Any one of these must match (XSD: patterns in one derivation step are alternatives). */
  patterns: { source: string; regex: RegExp }[];
  enumeration?: { value: string; doc?: string }[];
  minLength?: number;
  maxLength?: number;
  minInclusive?: bigint;
  maxInclusive?: bigint;
}

export interface SimpleType {
  kind: "simple";
  /** Qualified name of the named type this is (or derives from, for an anonymous type). */
  name: string;
  base: SimpleBase;
  /** Every layer must hold: one per derivation step. */
  layers: FacetLayer[];
}

export interface ComplexType {
  kind: "complex";
  name: string;
  namespace: string;
  children: ElementDecl[];
}

export interface ElementDecl {
  name: string;
  namespace: string;
  minOccurs: number;
  maxOccurs: number;
  type: SimpleType | ComplexType;
  doc?: string;
}

export interface MessageSchema {
  type: MessageType;
  namespace: string;
  root: ElementDecl;
  xsdVersion: { bericht: string; basisschema: string };
}

export class XsdModelError extends Error {}

type XsdNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  isArray: (name) =>
    ["xs:element", "xs:complexType", "xs:simpleType", "xs:enumeration", "xs:pattern", "xs:import"].includes(
      name,
    ),
});

interface SchemaDoc {
  namespace: string;
  prefixes: Map<string, string>;
  complexTypes: Map<string, XsdNode>;
  simpleTypes: Map<string, XsdNode>;
  topElements: Map<string, XsdNode>;
  appinfo: XsdNode;
}

function readSchema(text: string, fileName: string): SchemaDoc {
  const doc = parser.parse(text) as XsdNode;
  const schema = doc["xs:schema"] as XsdNode | undefined;
  if (!schema) throw new XsdModelError(`${fileName}: geen xs:schema`);
  const prefixes = new Map<string, string>();
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith("@xmlns:")) prefixes.set(k.slice("@xmlns:".length), String(v));
  }
  const byName = (list: unknown) =>
    new Map(((list as XsdNode[] | undefined) ?? []).map((n) => [String(n["@name"]), n]));
  const annotation = schema["xs:annotation"] as XsdNode | undefined;
  return {
    namespace: String(schema["@targetNamespace"]),
    prefixes,
    complexTypes: byName(schema["xs:complexType"]),
    simpleTypes: byName(schema["xs:simpleType"]),
    topElements: byName(schema["xs:element"]),
    appinfo: (annotation?.["xs:appinfo"] as XsdNode | undefined) ?? {},
  };
}

const XS_BASES: Record<string, SimpleBase> = {
  "xs:string": "string",
  "xs:integer": "integer",
  "xs:date": "date",
  "xs:time": "time",
};

const ALLOWED_RESTRICTION_KEYS = new Set([
  "@base",
  "xs:pattern",
  "xs:enumeration",
  "xs:minLength",
  "xs:maxLength",
  "xs:minInclusive",
  "xs:maxInclusive",
  "xs:annotation",
]);

function documentation(node: XsdNode): string | undefined {
  const ann = node["xs:annotation"] as XsdNode | undefined;
  const doc = ann?.["xs:documentation"];
  return typeof doc === "string" ? doc : undefined;
}

class Compiler {
  private readonly simpleCache = new Map<string, SimpleType>();
  private readonly complexCache = new Map<string, ComplexType>();

  constructor(private readonly docs: Map<string, SchemaDoc>) {}

  private resolve(qname: string, from: SchemaDoc): { ns: string; local: string } {
    const [prefix, local] = qname.includes(":") ? qname.split(":", 2) : ["", qname];
    const ns = prefix === "xs" ? "xs" : from.prefixes.get(prefix!);
    if (!ns) throw new XsdModelError(`onbekend voorvoegsel in ${qname}`);
    return { ns, local: local! };
  }

  private docFor(ns: string): SchemaDoc {
    const doc = this.docs.get(ns);
    if (!doc) throw new XsdModelError(`geen schema voor namespace ${ns}`);
    return doc;
  }

  simpleByName(qname: string, from: SchemaDoc): SimpleType {
    const { ns, local } = this.resolve(qname, from);
    const key = `${ns}#${local}`;
    const cached = this.simpleCache.get(key);
    if (cached) return cached;
    const doc = this.docFor(ns);
    const node = doc.simpleTypes.get(local);
    if (!node) throw new XsdModelError(`simpleType ${qname} niet gevonden`);
    const type = this.simple(node, doc, `${local}`);
    this.simpleCache.set(key, type);
    return type;
  }

  simple(node: XsdNode, doc: SchemaDoc, name: string): SimpleType {
    const restriction = node["xs:restriction"] as XsdNode | undefined;
    if (!restriction) throw new XsdModelError(`${name}: alleen xs:restriction wordt ondersteund`);
    for (const key of Object.keys(restriction)) {
      if (!ALLOWED_RESTRICTION_KEYS.has(key))
        throw new XsdModelError(`${name}: facet ${key} niet ondersteund`);
    }
    const baseName = String(restriction["@base"]);
    const layer: FacetLayer = {
      patterns: ((restriction["xs:pattern"] as XsdNode[] | undefined) ?? []).map((p) => {
        const source = String(p["@value"]);
        return { source, regex: compileXsdPattern(source) };
      }),
    };
    const enums = restriction["xs:enumeration"] as XsdNode[] | undefined;
    if (enums) layer.enumeration = enums.map((e) => ({ value: String(e["@value"]), doc: documentation(e) }));
    const facet = (key: string) => (restriction[key] as XsdNode | undefined)?.["@value"];
    const num = (key: string) => (facet(key) === undefined ? undefined : Number(facet(key)));
    const big = (key: string) => (facet(key) === undefined ? undefined : BigInt(String(facet(key))));
    if (num("xs:minLength") !== undefined) layer.minLength = num("xs:minLength");
    if (num("xs:maxLength") !== undefined) layer.maxLength = num("xs:maxLength");
    if (big("xs:minInclusive") !== undefined) layer.minInclusive = big("xs:minInclusive");
    if (big("xs:maxInclusive") !== undefined) layer.maxInclusive = big("xs:maxInclusive");
    const xsBase = XS_BASES[baseName];
    if (xsBase) return { kind: "simple", name, base: xsBase, layers: [layer] };
    if (baseName.startsWith("xs:"))
      throw new XsdModelError(`${name}: basistype ${baseName} niet ondersteund`);
    const parent = this.simpleByName(baseName, doc);
    return { kind: "simple", name, base: parent.base, layers: [...parent.layers, layer] };
  }

  complexByName(qname: string, from: SchemaDoc): ComplexType {
    const { ns, local } = this.resolve(qname, from);
    const key = `${ns}#${local}`;
    const cached = this.complexCache.get(key);
    if (cached) return cached;
    const doc = this.docFor(ns);
    const node = doc.complexTypes.get(local);
    if (!node) throw new XsdModelError(`complexType ${qname} niet gevonden`);
    const type: ComplexType = { kind: "complex", name: local, namespace: ns, children: [] };
    this.complexCache.set(key, type);
    for (const key2 of Object.keys(node)) {
      if (!["@name", "xs:sequence", "xs:annotation"].includes(key2))
        throw new XsdModelError(`${local}: ${key2} niet ondersteund`);
    }
    const sequence = node["xs:sequence"] as XsdNode | undefined;
    if (!sequence) throw new XsdModelError(`${local}: alleen xs:sequence wordt ondersteund`);
    for (const el of (sequence["xs:element"] as XsdNode[] | undefined) ?? []) {
      type.children.push(this.element(el, doc));
    }
    return type;
  }

  element(el: XsdNode, doc: SchemaDoc): ElementDecl {
    const name = String(el["@name"]);
    const max = el["@maxOccurs"];
    const decl = {
      name,
      namespace: doc.namespace,
      minOccurs: el["@minOccurs"] === undefined ? 1 : Number(el["@minOccurs"]),
      maxOccurs: max === undefined ? 1 : max === "unbounded" ? Infinity : Number(max),
      doc: documentation(el),
    };
    const typeName = el["@type"];
    if (typeof typeName === "string") {
      const { ns, local } = this.resolve(typeName, doc);
      if (ns === "xs") throw new XsdModelError(`${name}: direct xs-type niet ondersteund`);
      const target = this.docFor(ns);
      const type = target.complexTypes.has(local)
        ? this.complexByName(typeName, doc)
        : this.simpleByName(typeName, doc);
      return { ...decl, type };
    }
    const inline = (el["xs:simpleType"] as XsdNode[] | undefined)?.[0];
    if (!inline) throw new XsdModelError(`${name}: geen type`);
    const restriction = inline["xs:restriction"] as XsdNode | undefined;
    const baseName = String(restriction?.["@base"] ?? "");
    return { ...decl, type: this.simple(inline, doc, this.resolve(baseName, doc).local) };
  }
}

function appinfoVersion(doc: SchemaDoc, key: string): string {
  const value = doc.appinfo[`ijw:${key}`];
  if (typeof value !== "string" || !/^\d+\.\d+\.\d+$/.test(value))
    throw new XsdModelError(`appinfo ${key} ontbreekt of is ongeldig`);
  return value;
}

/** Compile every message schema from the XSD texts, keyed by file name (JW301.xsd, basisschema.xsd). */
export function compileIjwSchemas(files: Map<string, string>): Map<MessageType, MessageSchema> {
  const basis = files.get("basisschema.xsd");
  if (basis === undefined) throw new XsdModelError("basisschema.xsd ontbreekt");
  const result = new Map<MessageType, MessageSchema>();
  const basisDoc = readSchema(basis, "basisschema.xsd");
  for (const type of MESSAGE_TYPES) {
    const text = files.get(`${type}.xsd`);
    if (text === undefined) throw new XsdModelError(`${type}.xsd ontbreekt`);
    const doc = readSchema(text, `${type}.xsd`);
    if (doc.namespace !== messageNamespace(type))
      throw new XsdModelError(`${type}.xsd: onverwachte namespace ${doc.namespace}`);
    const compiler = new Compiler(
      new Map([
        [basisDoc.namespace, basisDoc],
        [doc.namespace, doc],
      ]),
    );
    const rootNode = doc.topElements.get("Bericht");
    if (!rootNode) throw new XsdModelError(`${type}.xsd: geen element Bericht`);
    result.set(type, {
      type,
      namespace: doc.namespace,
      root: compiler.element(rootNode, doc),
      xsdVersion: {
        bericht: appinfoVersion(doc, "BerichtXsdVersie"),
        basisschema: appinfoVersion(doc, "BasisschemaXsdVersie"),
      },
    });
  }
  return result;
}

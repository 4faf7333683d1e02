import type { ComplexType, ElementDecl, FacetLayer, SimpleType } from "./xsd-model.ts";

/**
 * Checks a parsed XML element tree against the compiled schema model and, in the same walk, turns it
 * into a plain object: element names as keys, arrays where an element may repeat, numbers for xs:integer,
 * strings for everything else. An error names the element path, the value and the reason in Dutch.
 */

/** One node of fast-xml-parser's ordered output. */
export type OrderedNode = { [tag: string]: OrderedNode[] | string | Record<string, string> | undefined } & {
  "#text"?: string;
  ":@"?: Record<string, string>;
};

export interface XsdIssue {
  path: string;
  reason: string;
  value?: string;
  /** 1-based line in the document, where known. */
  line?: number;
}

export type IjwValue = string | number | IjwObject | IjwValue[];
export interface IjwObject {
  [name: string]: IjwValue | undefined;
}

export interface ElementView {
  tag: string;
  children: OrderedNode[];
  attributes: Record<string, string>;
  line?: number;
}

const XSI = "http://www.w3.org/2001/XMLSchema-instance";

export class TreeValidator {
  readonly issues: XsdIssue[] = [];

  constructor(private readonly lineOf: (node: OrderedNode) => number | undefined) {}

  private issue(path: string, reason: string, line?: number, value?: string) {
    this.issues.push({ path, reason, ...(value === undefined ? {} : { value }), ...(line ? { line } : {}) });
  }

  static view(node: OrderedNode): ElementView | undefined {
    const tag = Object.keys(node).find((k) => k !== ":@" && k !== "#text");
    if (!tag) return undefined;
    return { tag, children: (node[tag] as OrderedNode[]) ?? [], attributes: node[":@"] ?? {} };
  }

  /** Namespace scope after this element's own declarations. */
  static scope(parent: Map<string, string>, attributes: Record<string, string>): Map<string, string> {
    let scope = parent;
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "@_xmlns" || name.startsWith("@_xmlns:")) {
        if (scope === parent) scope = new Map(parent);
        scope.set(name === "@_xmlns" ? "" : name.slice("@_xmlns:".length), value);
      }
    }
    return scope;
  }

  static qualified(tag: string, scope: Map<string, string>): { ns: string | undefined; local: string } {
    const colon = tag.indexOf(":");
    if (colon < 0) return { ns: scope.get(""), local: tag };
    return { ns: scope.get(tag.slice(0, colon)), local: tag.slice(colon + 1) };
  }

  element(node: OrderedNode, decl: ElementDecl, parentScope: Map<string, string>, path: string): IjwValue {
    const view = TreeValidator.view(node)!;
    const line = this.lineOf(node);
    const scope = TreeValidator.scope(parentScope, view.attributes);
    for (const name of Object.keys(view.attributes)) {
      if (name === "@_xmlns" || name.startsWith("@_xmlns:")) continue;
      const { ns } = TreeValidator.qualified(name.slice(2), scope);
      if (name.includes(":") && ns === XSI) continue;
      this.issue(path, `attribuut ${name.slice(2)} is niet toegestaan`, line);
    }
    return decl.type.kind === "complex"
      ? this.complex(view, decl.type, scope, path, line)
      : this.simple(view, decl.type, path, line, decl.name === "Bsn");
  }

  private complex(
    view: ElementView,
    type: ComplexType,
    scope: Map<string, string>,
    path: string,
    line: number | undefined,
  ): IjwObject {
    const out: IjwObject = {};
    let position = 0;
    let count = 0;
    const missing = (decl: ElementDecl, at: number | undefined) =>
      this.issue(`${path}/${decl.name}`, "verplicht element ontbreekt", at);
    for (const child of view.children) {
      const childView = TreeValidator.view(child);
      if (!childView) {
        const text = child["#text"] ?? "";
        if (text.trim() !== "")
          this.issue(
            path,
            "tekst is hier niet toegestaan, alleen elementen",
            this.lineOf(child) ?? line,
            text,
          );
        continue;
      }
      const { ns, local } = TreeValidator.qualified(
        childView.tag,
        TreeValidator.scope(scope, childView.attributes),
      );
      const childLine = this.lineOf(child) ?? line;
      const found = type.children.findIndex(
        (d, i) => i >= position && d.name === local && d.namespace === ns,
      );
      if (found < 0) {
        const known = type.children.find((d) => d.name === local);
        const reason = !known
          ? "element is hier niet toegestaan"
          : known.namespace !== ns
            ? `element hoort in namespace ${known.namespace}`
            : "element staat op de verkeerde plaats of komt te vaak voor";
        this.issue(`${path}/${local}`, reason, childLine);
        continue;
      }
      if (found !== position) {
        if (count < type.children[position]!.minOccurs) missing(type.children[position]!, childLine);
        for (let i = position + 1; i < found; i++)
          if (type.children[i]!.minOccurs > 0) missing(type.children[i]!, childLine);
        position = found;
        count = 0;
      }
      const decl = type.children[position]!;
      count++;
      const childPath = `${path}/${local}${decl.maxOccurs > 1 ? `[${count}]` : ""}`;
      if (count > decl.maxOccurs) {
        this.issue(childPath, `komt vaker voor dan toegestaan (${decl.maxOccurs})`, childLine);
        continue;
      }
      const value = this.element(child, decl, scope, childPath);
      if (decl.maxOccurs > 1) ((out[local] ??= []) as IjwValue[]).push(value);
      else out[local] = value;
    }
    if (type.children.length > 0) {
      if (count < (type.children[position]?.minOccurs ?? 0)) missing(type.children[position]!, line);
      for (let i = position + 1; i < type.children.length; i++)
        if (type.children[i]!.minOccurs > 0) missing(type.children[i]!, line);
    }
    return out;
  }

  private simple(
    view: ElementView,
    type: SimpleType,
    path: string,
    line: number | undefined,
    secret: boolean,
  ): string | number {
    let raw = "";
    for (const child of view.children) {
      if (TreeValidator.view(child)) {
        this.issue(path, "dit element mag geen elementen bevatten", line);
        return "";
      }
      raw += child["#text"] ?? "";
    }
    const problem = simpleValueProblem(raw, type);
    if (problem) {
      // A BSN is never repeated in a message that may end up in a log.
      this.issue(path, problem, line, secret ? undefined : raw);
      return raw;
    }
    return type.base === "integer" ? Number(collapse(raw)) : type.base === "string" ? raw : collapse(raw);
  }
}

const collapse = (s: string) => s.replace(/[ \t\n\r]+/g, " ").trim();

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const TZ = "(Z|[+-](?:(?:0\\d|1[0-3]):[0-5]\\d|14:00))?";
const DATE = new RegExp(`^(-?(?:[1-9]\\d{4,}|\\d{4}))-(\\d{2})-(\\d{2})${TZ}$`);
const TIME = new RegExp(`^(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?${TZ}$`);

function lexicalProblem(value: string, type: SimpleType): string | undefined {
  if (type.base === "integer") {
    if (!/^[+-]?\d+$/.test(value)) return "is geen geheel getal";
    if (!Number.isSafeInteger(Number(value))) return "getal is te groot";
  } else if (type.base === "date") {
    const m = DATE.exec(value);
    if (!m) return "is geen datum (jjjj-mm-dd)";
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y === 0) return "jaar 0000 bestaat niet";
    if (mo < 1 || mo > 12) return "maand bestaat niet";
    const max = mo === 2 && leap(y) ? 29 : DAYS_IN_MONTH[mo - 1]!;
    if (d < 1 || d > max) return "dag bestaat niet in deze maand";
  } else if (type.base === "time") {
    const m = TIME.exec(value);
    if (!m) return "is geen tijd (uu:mm:ss)";
    const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const fractionZero = !m[4] || /^\.0+$/.test(m[4]);
    if (h === 24 ? mi !== 0 || s !== 0 || !fractionZero : h > 23) return "uur bestaat niet";
    if (mi > 59 || s > 59) return "minuut of seconde bestaat niet";
  }
  return undefined;
}

function layerProblem(value: string, lexical: string, base: SimpleType["base"], layer: FacetLayer) {
  const length = [...value].length;
  if (layer.minLength !== undefined && length < layer.minLength)
    return `is te kort (minimaal ${layer.minLength} tekens)`;
  if (layer.maxLength !== undefined && length > layer.maxLength)
    return `is te lang (maximaal ${layer.maxLength} tekens)`;
  if (base === "integer" && (layer.minInclusive !== undefined || layer.maxInclusive !== undefined)) {
    const n = BigInt(lexical);
    if (layer.minInclusive !== undefined && n < layer.minInclusive)
      return `is kleiner dan ${layer.minInclusive}`;
    if (layer.maxInclusive !== undefined && n > layer.maxInclusive)
      return `is groter dan ${layer.maxInclusive}`;
  }
  if (layer.enumeration && !layer.enumeration.some((e) => enumEquals(e.value, lexical, base)))
    return `is geen toegestane waarde (${layer.enumeration.map((e) => e.value).join(", ")})`;
  if (layer.patterns.length > 0 && !layer.patterns.some((p) => p.regex.test(lexical)))
    return `voldoet niet aan het patroon ${layer.patterns.map((p) => p.source).join(" of ")}`;
  return undefined;
}

const enumEquals = (allowed: string, value: string, base: SimpleType["base"]) =>
  base === "integer" ? BigInt(allowed) === BigInt(value) : allowed === value;

/** Why a text is not a valid value of the simple type, or undefined when it is. */
export function simpleValueProblem(raw: string, type: SimpleType): string | undefined {
  const lexical = type.base === "string" ? raw : collapse(raw);
  const lexicalIssue = lexicalProblem(lexical, type);
  if (lexicalIssue) return lexicalIssue;
  for (const layer of type.layers) {
    const problem = layerProblem(lexical, lexical, type.base, layer);
    if (problem) return problem;
  }
  return undefined;
}

import type { IsoDate } from "../domain/dates.ts";
import type { Berichten } from "./messages.generated.ts";
import type { RuleFinding } from "./message-rules.ts";
import { XSLT_REJECTION } from "./message-rules.ts";
import { ijwSchema } from "./schemas.ts";
import type { IjwObject, IjwValue } from "./xsd-validate.ts";
import type { ComplexType, MessageType } from "./xsd-model.ts";

/**
 * The retour (acknowledgement) of a heenbericht, built from the message and the rule findings
 * (IV028, OP065). A message without findings gets a retour of only the header. A finding of the XSLT
 * level (0001) rejects the whole message: header only, with 0001. Otherwise the whole body comes back,
 * and every class (every element that has RetourCodes in the retour schema) carries the codes of the
 * findings on it, or 0200 (no remark).
 */

export const RETOUR_OF = {
  JW301: "JW302",
  JW305: "JW306",
  JW307: "JW308",
  JW315: "JW316",
  JW317: "JW318",
  JW319: "JW320",
} as const satisfies Partial<Record<MessageType, MessageType>>;

export type HeenType = keyof typeof RETOUR_OF;
export type RetourType<T extends HeenType> = (typeof RETOUR_OF)[T];

export const isHeenType = (type: MessageType): type is HeenType => type in RETOUR_OF;

export const NO_REMARK = "0200";

const BERICHTCODE: Record<MessageType, string> = {
  JW301: "436",
  JW302: "437",
  JW305: "438",
  JW306: "439",
  JW307: "440",
  JW308: "441",
  JW315: "446",
  JW316: "447",
  JW317: "486",
  JW318: "487",
  JW319: "488",
  JW320: "489",
  JW323: "490",
  JW325: "491",
};

export const berichtCode = (type: MessageType) => BERICHTCODE[type];

export interface RetourMeta {
  identificatie: string;
  dagtekening: IsoDate;
}

function classPaths(type: ComplexType, value: IjwObject, path: string, out: string[]) {
  if (type.children.some((c) => c.name === "RetourCodes")) out.push(path);
  for (const child of type.children) {
    if (child.type.kind !== "complex" || child.name === "RetourCodes") continue;
    const v = value[child.name];
    if (v === undefined) continue;
    const items = Array.isArray(v) ? v : [v];
    items.forEach((item, i) =>
      classPaths(
        child.type as ComplexType,
        item as IjwObject,
        `${path ? `${path}/` : ""}${child.name}${child.maxOccurs > 1 ? `[${i + 1}]` : ""}`,
        out,
      ),
    );
  }
}

function withCodes(
  type: ComplexType,
  value: IjwObject,
  path: string,
  codes: Map<string, string[]>,
): IjwObject {
  const out: IjwObject = {};
  for (const child of type.children) {
    if (child.name === "RetourCodes") {
      out.RetourCodes = { RetourCode: codes.get(path) ?? [NO_REMARK] };
      continue;
    }
    const v = value[child.name];
    if (v === undefined) continue;
    if (child.type.kind !== "complex") {
      out[child.name] = v;
      continue;
    }
    const childType = child.type;
    const at = (i: number) =>
      `${path ? `${path}/` : ""}${child.name}${child.maxOccurs > 1 ? `[${i + 1}]` : ""}`;
    out[child.name] = Array.isArray(v)
      ? v.map((item, i): IjwValue => withCodes(childType, item as IjwObject, at(i), codes))
      : withCodes(childType, v as IjwObject, at(0), codes);
  }
  return out;
}

/** The retour message for a heenbericht with the findings of the rules on it. */
export function buildRetour<T extends HeenType>(
  heenType: T,
  heen: Berichten[T],
  findings: RuleFinding[],
  meta: RetourMeta,
): Berichten[RetourType<T>] {
  const retourType = RETOUR_OF[heenType] as MessageType;
  const schema = ijwSchema(retourType);
  const root = schema.root.type as ComplexType;
  const heenObject = heen as unknown as IjwObject;
  const heenHeader = heenObject.Header as IjwObject;
  const rejected = findings.some((f) => f.retourcode === XSLT_REJECTION);
  const header: IjwObject = {
    ...heenHeader,
    BerichtCode: berichtCode(retourType),
    IdentificatieRetour: meta.identificatie,
    DagtekeningRetour: meta.dagtekening,
    XsdVersieRetour: {
      BasisschemaXsdVersie: schema.xsdVersion.basisschema,
      BerichtXsdVersie: schema.xsdVersion.bericht,
    },
    ...(rejected ? { RetourCodes: { RetourCode: [XSLT_REJECTION] } } : {}),
  };
  const result: IjwObject = { Header: header };
  if (!rejected && findings.length > 0) {
    const body = root.children.find((c) => c.name !== "Header")!;
    const bodyType = body.type as ComplexType;
    const bodyValue = heenObject[body.name] as IjwObject;
    const classes: string[] = [];
    classPaths(bodyType, bodyValue, body.name, classes);
    const codes = new Map<string, string[]>();
    for (const finding of findings) {
      const owner = classes
        .filter((c) => finding.path === c || finding.path.startsWith(`${c}/`))
        .sort((a, b) => b.length - a.length)[0];
      const at = owner ?? body.name;
      const list = codes.get(at) ?? [];
      if (!list.includes(finding.retourcode)) list.push(finding.retourcode);
      codes.set(at, list);
    }
    result[body.name] = withCodes(bodyType, bodyValue, body.name, codes);
  }
  return result as unknown as Berichten[RetourType<T>];
}

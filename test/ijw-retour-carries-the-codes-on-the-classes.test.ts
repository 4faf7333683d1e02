import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readMessageOf, writeMessage } from "../src/ijw/codec.ts";
import { checkMessageRules } from "../src/ijw/message-rules.ts";
import type { Berichten } from "../src/ijw/messages.generated.ts";
import { buildRetour, type HeenType } from "../src/ijw/retour.ts";
import { libxml2Valid } from "./support/libxml2.ts";

const ctx = { today: "2026-11-22" };
const meta = { identificatie: "R-000001", dagtekening: "2026-11-22" };
const example = <T extends HeenType>(type: T, variant = "volledig"): Berichten[T] =>
  readMessageOf(
    type,
    readFileSync(new URL(`./fixtures/ijw/${type}-${variant}.xml`, import.meta.url), "utf8"),
  );

describe("a retour answers a heenbericht with the findings of the rules", () => {
  it("a message without findings gets a retour of only the header, with sender and receiver unchanged", async () => {
    const heen = example("JW301");
    const retour = buildRetour("JW301", heen, checkMessageRules("JW301", heen, ctx), meta);
    expect(retour.Client).toBeUndefined();
    expect(retour.Header).toMatchObject({
      BerichtCode: "437",
      Afzender: heen.Header.Afzender,
      Ontvanger: heen.Header.Ontvanger,
      BerichtIdentificatie: heen.Header.BerichtIdentificatie,
      IdentificatieRetour: "R-000001",
      DagtekeningRetour: "2026-11-22",
    });
    expect(retour.Header.RetourCodes).toBeUndefined();
    expect(await libxml2Valid("JW302", [writeMessage("JW302", retour)])).toEqual([true]);
  });

  it("a finding with a code of its own returns the whole client, that code on its class and 0200 elsewhere", async () => {
    const heen = example("JW315");
    delete heen.Client.AangevraagdeProducten.AangevraagdProduct[0]!.Omvang;
    const findings = checkMessageRules("JW315", heen, ctx);
    expect(findings.map((f) => f.retourcode)).toEqual(["9411"]);
    const retour = buildRetour("JW315", heen, findings, meta);
    const products = retour.Client!.AangevraagdeProducten.AangevraagdProduct;
    expect(products.map((p) => p.RetourCodes.RetourCode)).toEqual([["9411"], ["0200"]]);
    expect(retour.Client!.RetourCodes.RetourCode).toEqual(["0200"]);
    expect(products[1]!.ReferentieAanbieder).toBe(
      heen.Client.AangevraagdeProducten.AangevraagdProduct[1]!.ReferentieAanbieder,
    );
    expect(await libxml2Valid("JW316", [writeMessage("JW316", retour)])).toEqual([true]);
  });

  it("an XSLT-level finding rejects the whole message: header only, with 0001", async () => {
    const heen = example("JW319");
    heen.Antwoord.VerzoekAntwoord = "2";
    const retour = buildRetour("JW319", heen, checkMessageRules("JW319", heen, ctx), meta);
    expect(retour.Antwoord).toBeUndefined();
    expect(retour.Header.RetourCodes?.RetourCode).toEqual(["0001"]);
    expect(await libxml2Valid("JW320", [writeMessage("JW320", retour)])).toEqual([true]);
  });

  it("findings on several classes of a start message each land on their own class", () => {
    const heen = example("JW305");
    const starts = heen.Client.StartProducten.StartProduct;
    const retour = buildRetour(
      "JW305",
      heen,
      [
        { rule: "X", retourcode: "9074", path: "Client/StartProducten/StartProduct[2]", text: "" },
        { rule: "Y", retourcode: "9019", path: "Client/StartProducten/StartProduct[2]/Product", text: "" },
      ],
      meta,
    );
    expect(retour.Client!.StartProducten.StartProduct.map((p) => p.RetourCodes.RetourCode)).toEqual(
      starts.map((_, i) => (i === 1 ? ["9074", "9019"] : ["0200"])),
    );
  });
});

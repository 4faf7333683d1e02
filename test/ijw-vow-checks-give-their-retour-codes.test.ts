import { describe, expect, it } from "vitest";
import type { Jw317Verzoek } from "../src/ijw/messages.generated.ts";
import { type CurrentAllocation, checkChangeRequest, resolveNewProduct } from "../src/ijw/vow.ts";
import { hvb } from "./support/registry.ts";

/** The checks on a request for change (JW317) across messages, and the plan they give, without a database. */

const weekly: CurrentAllocation = {
  id: "a1",
  nummer: 1000001,
  category: "54",
  code: "54001",
  startDate: "2026-03-09",
  endDate: "2026-12-31",
  volume: 2,
  unit: "04",
  frequency: "2",
  budget: null,
};
const total: CurrentAllocation = {
  ...weekly,
  id: "a2",
  nummer: 1000002,
  code: "54002",
  volume: 40,
  frequency: "6",
};
const budget: CurrentAllocation = {
  ...weekly,
  id: "a3",
  nummer: 1000003,
  category: "45",
  volume: null,
  unit: null,
  frequency: null,
  budget: 500000,
};
delete budget.code;

const verzoek = (products: Omit<Jw317Verzoek, "ReferentieAanbieder" | "RedenVerzoek">): Jw317Verzoek => ({
  ReferentieAanbieder: "W-1",
  RedenVerzoek: "1",
  ...products,
});
const check = (v: Jw317Verzoek, current = [weekly]) =>
  checkChangeRequest(v, { dagtekening: "2026-06-01", current });
const codes = (r: ReturnType<typeof check>) => r.findings.map((f) => [f.retourcode, f.path]);
const TE_WIJZIGEN = "Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct";

describe("checks on a request for change (VOW)", () => {
  it("an OngewijzigdProduct that is no current allocation gets 9350, and the missing one 9349", () => {
    const r = check(verzoek({ OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: 7 }] } }));
    expect(codes(r)).toEqual([
      ["9350", "Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct[1]"],
      ["9349", "Client/Verzoek"],
    ]);
  });

  it("a desired start in the past is refused (9357) unless it is the allocation's own start", () => {
    const past = {
      ToewijzingNummer: weekly.nummer,
      GewensteIngangsdatum: "2026-05-01",
      Einddatum: "2027-01-31",
    };
    expect(codes(check(verzoek({ TeWijzigenProducten: { TeWijzigenProduct: [past] } })))).toEqual([
      ["9357", `${TE_WIJZIGEN}[1]`],
    ]);
    const own = { ...past, GewensteIngangsdatum: weekly.startDate };
    expect(check(verzoek({ TeWijzigenProducten: { TeWijzigenProduct: [own] } })).findings).toEqual([]);
  });

  it("a budget changes from the allocation's own start only (9373)", () => {
    const later = { ToewijzingNummer: budget.nummer, GewensteIngangsdatum: "2026-07-01", Budget: 600000 };
    expect(codes(check(verzoek({ TeWijzigenProducten: { TeWijzigenProduct: [later] } }), [budget]))).toEqual([
      ["9373", `${TE_WIJZIGEN}[1]`],
    ]);
    const own = { ...later, GewensteIngangsdatum: budget.startDate };
    const r = check(verzoek({ TeWijzigenProducten: { TeWijzigenProduct: [own] } }), [budget]);
    expect(r.plan).toEqual([expect.objectContaining({ kind: "wijzigen", delta: { budget: 600000 } })]);
  });

  it("a new product that overlaps the same product in the desired situation gets 9361", () => {
    const r = check(
      verzoek({
        OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: weekly.nummer }] },
        NieuweProducten: {
          NieuwProduct: [
            {
              Product: { Categorie: "54", Code: "54001" },
              GewensteIngangsdatum: "2026-07-01",
              Einddatum: "2026-12-31",
              Omvang: { Volume: 1, Eenheid: "04", Frequentie: "2" },
            },
          ],
        },
      }),
    );
    expect(codes(r)).toEqual([["9361", "Client/Verzoek/NieuweProducten/NieuwProduct[1]"]]);
  });

  it("a new product that starts after a shortened one ends does not overlap it", () => {
    const r = check(
      verzoek({
        TeWijzigenProducten: {
          TeWijzigenProduct: [
            {
              ToewijzingNummer: weekly.nummer,
              GewensteIngangsdatum: weekly.startDate,
              Einddatum: "2026-06-30",
            },
          ],
        },
        NieuweProducten: {
          NieuwProduct: [
            {
              Product: { Categorie: "54", Code: "54001" },
              GewensteIngangsdatum: "2026-07-01",
              Einddatum: "2026-12-31",
              Omvang: { Volume: 3, Eenheid: "04", Frequentie: "2" },
            },
          ],
        },
      }),
    );
    expect(r.findings).toEqual([]);
    expect(r.plan.map((p) => p.kind)).toEqual(["wijzigen", "nieuw"]);
  });

  it("a volume changes in place only when it is a total over the period (frequency 6); a weekly one is replaced", () => {
    const r = check(
      verzoek({
        TeWijzigenProducten: {
          TeWijzigenProduct: [
            {
              ToewijzingNummer: weekly.nummer,
              GewensteIngangsdatum: "2026-07-01",
              Einddatum: "2026-12-31",
              Omvang: { Volume: 3, Eenheid: "04", Frequentie: "2" },
            },
            {
              ToewijzingNummer: total.nummer,
              GewensteIngangsdatum: "2026-07-01",
              Einddatum: "2026-12-31",
              Omvang: { Volume: 60, Eenheid: "04", Frequentie: "6" },
            },
          ],
        },
      }),
      [weekly, total],
    );
    expect(r.findings).toEqual([]);
    expect(r.plan.map((p) => [p.kind, "delta" in p ? p.delta : undefined])).toEqual([
      ["vervangen", { volume: 3 }],
      ["wijzigen", { volume: 60 }],
    ]);
  });

  it("a new product without a contract is refused with reason 3", () => {
    expect(
      resolveNewProduct(
        { product: { category: "45", code: "45A03" }, startDate: "2026-07-01" },
        { model: hvb.model, contracts: [] },
      ),
    ).toMatchObject({ kind: "afwijzen", reden: "3" });
  });
});

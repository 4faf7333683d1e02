import { addDays, addYears } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toDate, toIso } from "../src/domain/dates.ts";
import {
  addTermYears,
  DEFAULT_POLICY,
  type DossierDates,
  policyFromEnv,
  refusalProblems,
  requestDeadline,
  requestProblems,
  RetentionConfigError,
  retentionOf,
} from "../src/registry/retention.ts";

/** The destruction date of a dossier from its dates: per dossier type, never early, leap days included. */

const ended = (over: Partial<DossierDates> = {}): DossierDates => ({
  hasCare: true,
  careOpen: false,
  lastCareEnd: "2026-12-31",
  lastChange: "2027-01-15",
  ...over,
});

describe("the destruction date per dossier type", () => {
  it("keeps a jeugdhulp dossier 20 years after the later of the end of care and the last change (Jeugdwet 7.3.8)", () => {
    const later = retentionOf(ended(), "2030-01-01");
    expect(later).toMatchObject({
      type: "jeugdhulp",
      years: 20,
      legalBasis: "Jeugdwet art. 7.3.8 lid 3",
      countsFrom: "2027-01-15",
      destructionDate: "2047-01-15",
      due: false,
      running: false,
    });
    // A change recorded with an earlier date than the end of care: the end of care counts.
    expect(retentionOf(ended({ lastChange: "2026-06-01" }), "2030-01-01").destructionDate).toBe("2046-12-31");
    expect(retentionOf(ended(), "2047-01-14").due).toBe(false);
    expect(retentionOf(ended(), "2047-01-15").due).toBe(true);
  });

  it("keeps a dossier of the access team without care 5 years by default, counted from the last change", () => {
    const r = retentionOf(
      { hasCare: false, careOpen: false, lastCareEnd: null, lastChange: "2026-03-02" },
      "2031-03-02",
    );
    expect(r).toMatchObject({ type: "toegang", years: 5, destructionDate: "2031-03-02", due: true });
    expect(r.legalBasis).toContain("Archiefwet");
  });

  it("gives a dossier with running care no destruction date, whether open-ended or ending later", () => {
    expect(retentionOf(ended({ careOpen: true, lastCareEnd: null }), "2090-01-01")).toMatchObject({
      running: true,
      destructionDate: null,
      due: false,
    });
    expect(retentionOf(ended({ lastCareEnd: "2027-06-30" }), "2027-06-30").destructionDate).toBeNull();
    expect(retentionOf(ended({ lastCareEnd: "2027-06-30" }), "2027-07-01").destructionDate).toBe(
      "2047-06-30",
    );
  });

  it("rolls 29 February forward to 1 March in a common year, never back to 28 February", () => {
    expect(addTermYears("2024-02-29", 20)).toBe("2044-02-29");
    expect(addTermYears("2024-02-29", 5)).toBe("2029-03-01");
    expect(addTermYears("2023-02-28", 1)).toBe("2024-02-28");
    expect(addTermYears("2023-03-01", 1)).toBe("2024-03-01");
  });

  const isoDate = fc
    .date({
      min: new Date("1990-01-01T00:00:00Z"),
      max: new Date("2060-12-31T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const leapDay = fc.integer({ min: 0, max: 17 }).map((n) => `${1992 + 4 * n}-02-29`);
  const someDate = fc.oneof(isoDate, leapDay);

  it("never gives a date before the last change plus the term, nor before the end of care plus the term (property)", () => {
    fc.assert(
      fc.property(
        someDate,
        fc.option(someDate, { nil: null }),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        (lastChange, lastCareEnd, hasCare, jeugdhulp, toegang) => {
          const policy = {
            jeugdhulp: { ...DEFAULT_POLICY.jeugdhulp, years: jeugdhulp },
            toegang: { ...DEFAULT_POLICY.toegang, years: toegang },
          };
          const d = { hasCare, careOpen: false, lastCareEnd: hasCare ? lastCareEnd : null, lastChange };
          const r = retentionOf(d, "2200-01-01", policy);
          const years = hasCare ? jeugdhulp : toegang;
          expect(r.destructionDate).not.toBeNull();
          const date = r.destructionDate ?? "";
          // Going back the term from the destruction date never lands before the start: the full term ran.
          expect(toIso(addYears(toDate(date), -years)) >= lastChange).toBe(true);
          if (hasCare && lastCareEnd) expect(toIso(addYears(toDate(date), -years)) >= lastCareEnd).toBe(true);
          // And it is the plain anniversary, or the day after it when the start was 29 February.
          const from = r.countsFrom ?? "";
          const plain = toIso(addYears(toDate(from), years));
          if (date !== plain) {
            expect(from.slice(5)).toBe("02-29");
            expect(date).toBe(toIso(addDays(toDate(plain), 1)));
          }
          expect(r.due).toBe(date <= "2200-01-01");
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("the terms are configurable per dossier type", () => {
  it("reads the terms in whole years from the environment", () => {
    const p = policyFromEnv({
      WEGWIJZER_BEWAARTERMIJN_JEUGDHULP: "25",
      WEGWIJZER_BEWAARTERMIJN_TOEGANG: " 3 ",
    });
    expect(p.jeugdhulp.years).toBe(25);
    expect(p.toegang.years).toBe(3);
    expect(policyFromEnv({})).toEqual(DEFAULT_POLICY);
  });

  it("refuses a term that is not a whole number of years, shorter than the law allows, or absurdly long", () => {
    const attempt = (env: Record<string, string>) => {
      try {
        policyFromEnv(env);
      } catch (e) {
        expect(e).toBeInstanceOf(RetentionConfigError);
        return (e as Error).message;
      }
      return "";
    };
    expect(attempt({ WEGWIJZER_BEWAARTERMIJN_TOEGANG: "drie" })).toBe(
      "WEGWIJZER_BEWAARTERMIJN_TOEGANG moet een heel aantal jaren zijn (bijvoorbeeld 5), niet 'drie'",
    );
    expect(attempt({ WEGWIJZER_BEWAARTERMIJN_TOEGANG: "2.5" })).toContain("heel aantal jaren");
    expect(attempt({ WEGWIJZER_BEWAARTERMIJN_JEUGDHULP: "15" })).toBe(
      "WEGWIJZER_BEWAARTERMIJN_JEUGDHULP = 15 is korter dan de wettelijke 20 jaar (Jeugdwet art. 7.3.8 lid 3)",
    );
    expect(attempt({ WEGWIJZER_BEWAARTERMIJN_TOEGANG: "0" })).toContain("korter dan de wettelijke 1 jaar");
    expect(attempt({ WEGWIJZER_BEWAARTERMIJN_JEUGDHULP: "200" })).toContain("tikfout");
  });
});

describe("destruction on request, as data", () => {
  it("gives a deadline 3 months after the request; a month without the day ends on its last day", () => {
    expect(requestDeadline("2026-05-15")).toBe("2026-08-15");
    expect(requestDeadline("2026-11-30")).toBe("2027-02-28");
    expect(requestDeadline("2027-11-30")).toBe("2028-02-29");
  });

  it("lets a child of 12 ask itself, not a child of 11; a parent may always ask", () => {
    const ask = (relation: string, birthDate: string | null) =>
      requestProblems({ relation, requestedOn: "2026-05-15", birthDate }).map((p) => p.rule);
    expect(ask("jeugdige", "2014-05-15")).toEqual([]);
    expect(ask("jeugdige", "2014-05-16")).toEqual(["leeftijd-verzoeker"]);
    expect(ask("ouder/gezaghebber", "2020-01-01")).toEqual([]);
    expect(ask("buurman", null)).toEqual(["verzoeker"]);
  });

  it("refuses a refusal without a known ground or without an explanation", () => {
    expect(refusalProblems({ ground: "belang-ander", reason: "Het dossier is nodig voor de zus." })).toEqual(
      [],
    );
    expect(refusalProblems({ ground: "wettelijk-voorschrift", reason: "  " }).map((p) => p.rule)).toEqual([
      "weigerreden",
    ]);
    expect(
      refusalProblems({ ground: "geen-zin", reason: "Het dossier is nodig." }).map((p) => p.rule),
    ).toEqual(["weigergrond"]);
  });
});

import { describe, expect, it } from "vitest";
import { CaseValidationError, caseJsonSchema, caseSchema, parseCase } from "../src/domain/case.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { loadRegion } from "../src/rules/load.ts";

/** The issues parseCase throws for an input; fails the test when the input is accepted. */
function issuesOf(input: unknown) {
  try {
    parseCase(input);
  } catch (e) {
    expect(e).toBeInstanceOf(CaseValidationError);
    return (e as CaseValidationError).issues;
  }
  throw new Error(`de casus ${JSON.stringify(input)} is ten onrechte geaccepteerd`);
}

/** A reason a Dutch professional can read: Dutch words, none of zod's English default messages. */
const englishZod = /\b(Too small|Too big|Invalid|expected|must|received|characters|int)\b/;
const dutchWord = /\b(moet|mag|verwacht|onbekend|een|niet|zijn|getal|tekst|lijst|datum)\b/;

describe("parseCase refuses a malformed case with field, value and a Dutch reason", () => {
  it.each([
    ["unknown field", { naam: "Sam" }, "naam", "Sam", /onbekend veld/],
    ["unknown nested field", { estimatedHours: { uren: 3 } }, "estimatedHours.uren", 3, /onbekend veld/],
    ["a number where text is expected", { municipality: 855 }, "municipality", 855, /verwacht tekst/],
    [
      "text where a number is expected",
      { estimatedHours: { begeleiding: "veel" } },
      "estimatedHours.begeleiding",
      "veel",
      /verwacht een getal/,
    ],
    ["text where yes/no is expected", { crisis: "ja" }, "crisis", "ja", /ja\/nee/],
    ["text where a list is expected", { requestedCare: "mst" }, "requestedCare", "mst", /verwacht een lijst/],
    ["a date in Dutch order", { birthDate: "01-05-2012" }, "birthDate", "01-05-2012", /JJJJ-MM-DD/],
    ["a date that does not exist", { requestDate: "2024-02-30" }, "requestDate", "2024-02-30", /JJJJ-MM-DD/],
    [
      "a CBS code of three digits",
      { municipality: "855" },
      "municipality",
      "855",
      /CBS-gemeentecode van 4 cijfers/,
    ],
    [
      "a municipality name instead of a CBS code",
      { municipality: "Tilburg" },
      "municipality",
      "Tilburg",
      /CBS-gemeentecode/,
    ],
    [
      "negative hours",
      { estimatedHours: { begeleiding: -1 } },
      "estimatedHours.begeleiding",
      -1,
      /mag niet negatief zijn/,
    ],
    [
      "an improbable number of hours",
      { estimatedHours: { behandeling: 100_001 } },
      "estimatedHours.behandeling",
      100_001,
      /onwaarschijnlijk groot/,
    ],
    [
      "an unknown referrer",
      { referrer: "buurman" },
      "referrer",
      "buurman",
      /moet een van deze waarden zijn: .*huisarts/,
    ],
    [
      "an unknown care form in a list",
      { requestedCare: ["mst", "yoga"] },
      "requestedCare.1",
      "yoga",
      /moet een van deze waarden zijn/,
    ],
    [
      "an unknown field in a current care entry",
      { currentCare: [{ segment: "4", sinds: "2024-01-01" }] },
      "currentCare.0.sinds",
      "2024-01-01",
      /onbekend veld/,
    ],
  ])("%s", (_what, input, field, value, reason) => {
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toEqual({ field, value, reason: expect.stringMatching(reason) });
    expect(issues[0]?.reason).not.toMatch(englishZod);
  });

  it.each([{ input: null }, { input: [] }, { input: "casus" }, { input: 42 }, { input: true }])(
    "a case that is not an object ($input)",
    ({ input }) => {
      expect(issuesOf(input)).toEqual([
        { field: "(casus)", value: input, reason: "een casus moet een JSON-object zijn" },
      ]);
    },
  );

  it("lists every problem of a case at once, and names field, value and reason in the message", () => {
    const input = { municipality: "855", crisis: "ja", leeftijd: 12 };
    let error: unknown;
    try {
      parseCase(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CaseValidationError);
    const { issues, message } = error as CaseValidationError;
    expect(issues.map((i) => i.field).sort()).toEqual(["crisis", "leeftijd", "municipality"]);
    expect(message).toMatch(/^De casus is niet goed gevormd/);
    expect(message).toContain('- municipality = "855": moet een CBS-gemeentecode van 4 cijfers zijn');
    expect(message).toContain("- leeftijd = 12: onbekend veld");
  });

  // Regression, found and fixed (src/domain/case.ts): these constraints have no Dutch error text, so zod's English
  // default reaches the professional ("Too small: expected number to be >=0", "verwacht int",
  // "Too small: expected string to have >=1 characters").
  it.each([
    ["months below zero", { outlook: { expectedMonths: -1 } }, "outlook.expectedMonths", -1],
    ["months above twenty years", { outlook: { expectedMonths: 241 } }, "outlook.expectedMonths", 241],
    ["months that are not whole", { outlook: { expectedMonths: 1.5 } }, "outlook.expectedMonths", 1.5],
    ["an empty segment in current care", { currentCare: [{ segment: "" }] }, "currentCare.0.segment", ""],
    ["an empty segment of a sibling", { siblings: [{ segment: "" }] }, "siblings.0.segment", ""],
  ])("%s is refused with a Dutch reason", (_what, input, field, value) => {
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field, value });
    expect(issues[0]?.reason).toMatch(dutchWord);
    expect(issues[0]?.reason).not.toMatch(englishZod);
  });
});

describe("an incomplete case is accepted and gets an advice with Dutch questions", () => {
  it("accepts a case with only a municipality", () => {
    expect(parseCase({ municipality: "0855" })).toEqual({ municipality: "0855" });
    expect(parseCase({})).toEqual({});
  });

  it("Hart van Brabant: advice for only a municipality is not complete and asks Dutch questions", () => {
    const region = compileRegion(loadRegion("hart-van-brabant"));
    const advice = region.advise(parseCase({ municipality: "0855" }), { asOf: "2024-03-01" });
    expect(advice.complete).toBe(false);
    expect(advice.missing.length).toBeGreaterThan(0);
    for (const m of advice.missing) {
      expect(m.question, m.fact).toMatch(/\?$/);
      expect(m.question, `'${m.fact}' heeft alleen de standaardvraag`).not.toBe(`Wat is ${m.fact}?`);
      expect(m.question, m.fact).toMatch(
        /\b(Wat|Wie|Welke|Is|Zijn|Hoeveel|Heeft|Krijgen|In welke|Volgt|Staat)\b/,
      );
      expect(m.neededBy.length, m.fact).toBeGreaterThan(0);
    }
  });

  it("in Hart van Brabant asks for the date of birth and whether there is a crisis", () => {
    const region = compileRegion(loadRegion("hart-van-brabant"));
    const advice = region.advise(parseCase({ municipality: "0855" }), { asOf: "2024-03-01" });
    const facts = advice.missing.map((m) => m.fact);
    expect(facts).toEqual(expect.arrayContaining(["birthDate", "crisis", "requestedCare"]));
    expect(advice.missing.find((m) => m.fact === "birthDate")?.question).toBe(
      "Wat is de geboortedatum van de jeugdige?",
    );
  });
});

describe("caseJsonSchema", () => {
  const schema = caseJsonSchema() as {
    $schema: string;
    type: string;
    additionalProperties: boolean;
    description?: string;
    properties: Record<string, Record<string, unknown>>;
    required?: string[];
  };

  it("is a draft 2020-12 JSON Schema of a closed object", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required ?? []).toEqual([]);
    expect(schema.description).toMatch(/Casusfeiten/);
  });

  it("has a property for every field of the case, with its Dutch description", () => {
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(caseSchema.shape).sort());
    for (const [name, prop] of Object.entries(schema.properties)) {
      expect(prop.description, name).toEqual(expect.any(String));
    }
  });

  it("carries the constraints: CBS pattern, dates, enums and non-negative hours", () => {
    const p = schema.properties;
    expect(p.municipality).toMatchObject({ type: "string", pattern: "^\\d{4}$" });
    expect(p.birthDate).toMatchObject({ type: "string", format: "date" });
    expect(p.referrer?.enum).toEqual(expect.arrayContaining(["huisarts", "gi", "rechter"]));
    expect(p.estimatedHours).toMatchObject({
      type: "object",
      additionalProperties: false,
      properties: {
        begeleiding: { type: "number", minimum: 0 },
        behandeling: { type: "number", minimum: 0 },
      },
    });
    expect(p.currentCare).toMatchObject({ type: "array", items: { type: "object", required: ["segment"] } });
  });
});

import { z } from "zod";
import type { Advice } from "../domain/advice.ts";
import { caseSchema } from "../domain/case.ts";
import "../domain/zod-nl.ts";
import { aspects, type CaseComparison } from "../rules/compare.ts";
import type { Finding } from "../rules/check/index.ts";
import { ROLES } from "../registry/access.ts";

/**
 * The API's input and output as zod schemas: Fastify validates requests and responses with them and
 * the OpenAPI document is generated from them. Output schemas drop any key they do not name, so a
 * field added to the engine's output is published only when it is added here (data minimisation).
 * The compile-time checks at the bottom keep them in step with the engine's types.
 */

/** A product's iJw category, code and unit, as a region model states them (each may be unknown). */
const ijwProductSchema = z.object({
  category: z.string().optional(),
  code: z.string().optional(),
  unit: z.string().optional(),
});

const isoDate = z.iso.date({ error: "moet een bestaande datum zijn in de vorm JJJJ-MM-DD" });
const dateText = z.string().describe("datum JJJJ-MM-DD");

/** Region ids are folder names: lower case, digits and '-', so an id can never be a path. */
export const regionIdSchema = z
  .string()
  .max(64, { error: "een regio-id is ten hoogste 64 tekens" })
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "een regio-id heeft alleen kleine letters, cijfers en '-'" });

const municipalityCode = z
  .string()
  .regex(/^\d{4}$/, { error: "moet een CBS-gemeentecode van 4 cijfers zijn, bijvoorbeeld 0855" });

export const regionParamsSchema = z.strictObject({
  id: regionIdSchema.describe("regio-id, zie GET /regions"),
});

// ---------------------------------------------------------------------------------------------------
// Input

/** No route takes query parameters; an unknown one is refused rather than silently ignored. */
export const noQuerySchema = z.strictObject({});

export const adviceRequestSchema = z
  .strictObject({
    regionId: regionIdSchema.optional().describe("de regio; of geef municipality"),
    municipality: municipalityCode
      .optional()
      .describe("kies de regio bij deze gemeente (CBS-code) op de peildatum; of geef regionId"),
    date: isoDate.optional().describe("peildatum JJJJ-MM-DD; standaard de aanmelddatum van de casus"),
    case: caseSchema,
  })
  .meta({ id: "AdviceRequest", description: "Een casus en de regio of gemeente waarvoor advies nodig is" });

export const compareRequestSchema = z
  .strictObject({
    regionIds: z
      .array(regionIdSchema)
      .min(2, { error: "geef ten minste twee regio's" })
      .max(10, { error: "vergelijk ten hoogste tien regio's tegelijk" })
      .describe("de regio's om te vergelijken"),
    date: isoDate.optional().describe("peildatum JJJJ-MM-DD; standaard de aanmelddatum van de casus"),
    keepMunicipality: z
      .boolean()
      .optional()
      .describe(
        "beoordeel met de gemeente uit de casus, ook in regio's waar die niet bij hoort; standaard wordt de casus beoordeeld alsof de jeugdige in de regio woont",
      ),
    case: caseSchema,
  })
  .meta({ id: "CompareRequest", description: "Eén casus, beoordeeld in meerdere regio's" });

// ---------------------------------------------------------------------------------------------------
// Regions

const sourceSchema = z.object({
  id: z.string(),
  title: z.string(),
  file: z.string().optional().describe("bestandsnaam van het brondocument"),
  url: z.string().optional(),
});

const sourceRefSchema = z
  .object({ doc: z.string(), section: z.string().optional(), quote: z.string().optional() })
  .describe("verwijzing naar een bron uit sources");

export const regionListSchema = z
  .object({
    regions: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: z.enum(["baseline", "region"]).describe("baseline: basis waar regio's op bouwen"),
        version: z.string(),
        validFrom: dateText.nullable(),
        validTo: dateText.nullable(),
        extends: z.string().nullable().describe("het basismodel waar deze regio op bouwt"),
        segments: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: "RegionList" });

const parameterValueSchema = z.object({
  from: dateText,
  to: dateText.optional(),
  value: z
    .union([z.number(), z.string(), z.boolean(), z.null()])
    .describe("null: de bron noemt een waarde die onbekend is"),
  source: sourceRefSchema.optional(),
});

export const regionSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(["baseline", "region"]),
    version: z.string(),
    description: z.string(),
    validFrom: dateText.optional(),
    validTo: dateText.optional(),
    extends: z.string().optional(),
    modelHash: z.string().describe("hash over de modelbestanden (zonder testgevallen)"),
    layers: z.array(z.object({ id: z.string(), version: z.string(), hash: z.string() })),
    sources: z.array(sourceSchema),
    municipalities: z.array(
      z.object({
        cbs: z.string(),
        name: z.string(),
        from: dateText,
        to: dateText.optional(),
        segments: z
          .array(z.string())
          .optional()
          .describe("alleen deze segmenten koopt de gemeente via de regio in"),
      }),
    ),
    segments: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        description: z.string(),
        validFrom: dateText.optional(),
        validTo: dateText.optional(),
        subsegments: z.array(z.object({ id: z.string(), name: z.string() })),
        products: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            subsegment: z.string().optional(),
            careForms: z.array(z.string()),
            ijw: ijwProductSchema.optional(),
            maxDuration: z.string().optional(),
          }),
        ),
        supersedes: z.array(z.string()),
        financing: z.object({
          type: z.string(),
          unit: z.string().optional(),
          budgetCeiling: z.string().optional(),
          description: z.string(),
        }),
        duration: z.object({ noEndDate: z.boolean(), max: z.string().optional(), guideline: z.string() }),
        deadlines: z.array(
          z.object({
            id: z.string(),
            label: z.string(),
            from: z.string(),
            period: z.string(),
            consequence: z.string().optional(),
          }),
        ),
        profiles: z.array(z.object({ id: z.string(), name: z.string() })),
        intensities: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            guideline: z.string(),
            payment: z.string().optional(),
          }),
        ),
        purchaseAreas: z.array(
          z.object({ id: z.string(), name: z.string(), municipalities: z.array(z.string()) }),
        ),
        provider: z.string().optional(),
        source: sourceRefSchema.optional(),
      }),
    ),
    parameters: z.array(
      z.object({
        name: z.string(),
        description: z.string(),
        unit: z.string().optional(),
        localChoice: z
          .object({ reason: z.string() })
          .optional()
          .describe("de bron laat het getal open; dit is een keuze van Wegwijzer, geen beleid"),
        values: z.array(parameterValueSchema).describe("waarden met hun geldigheid"),
      }),
    ),
  })
  .meta({
    id: "RegionSummary",
    description: "Samenvatting van een regiomodel: segmenten, parameters, bronnen",
  });

const findingSchema = z.object({
  severity: z.enum(["error", "warning", "info"]),
  code: z.string(),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  rule: z.string().optional(),
  decision: z.string().optional(),
});

export const regionCheckSchema = z
  .object({
    region: z.string(),
    errors: z.number().int(),
    warnings: z.number().int(),
    infos: z.number().int(),
    findings: z.array(findingSchema).describe("fouten eerst, dan per bestand en regel"),
  })
  .meta({ id: "RegionCheck", description: "Bevindingen van de statische controle van een regiomodel" });

// ---------------------------------------------------------------------------------------------------
// Advice (the engine's Advice, design.md §4)

const citedSourceSchema = z
  .object({
    doc: z.string(),
    title: z.string(),
    file: z.string().optional(),
    url: z.string().optional(),
    section: z.string().optional(),
    quote: z.string().optional(),
  })
  .nullable();

const traceEntrySchema = z.object({
  decision: z.string(),
  decisionTitle: z.string(),
  rule: z.string(),
  layer: z.string(),
  applied: z.boolean(),
  status: z.enum(["toegepast", "niet-van-toepassing", "onbekend", "overschaduwd", "niet-geldig"]),
  explanation: z.string(),
  ruleText: z.string().optional(),
  decidingCondition: z.string().optional(),
  conditions: z.array(
    z.object({
      text: z.string(),
      fact: z.string(),
      // A stored advice (a referral) went through JSON, which drops an unknown fact's undefined value.
      actual: z
        .unknown()
        .optional()
        .describe("de waarde van het feit in de casus; ontbreekt als die onbekend is"),
      expected: z.unknown(),
      result: z.enum(["waar", "onwaar", "onbekend"]),
    }),
  ),
  source: citedSourceSchema,
  origin: z.string(),
  overrides: z.object({ rule: z.string(), layer: z.string(), reason: z.string() }).optional(),
  counterfactual: z.string().optional(),
  localChoices: z.array(z.string()).optional(),
  unknownParameters: z.array(z.string()).optional(),
});

const receiptSchema = z.object({
  engine: z.string(),
  engineVersion: z.string(),
  region: z.string(),
  modelVersion: z.string(),
  modelHash: z.string(),
  layers: z.array(z.object({ id: z.string(), version: z.string(), hash: z.string() })),
  asOf: dateText,
  caseHash: z.string(),
});

export const adviceSchema = z
  .object({
    region: z.object({ id: z.string(), name: z.string() }),
    asOf: dateText,
    referenceDate: dateText,
    eligible: z.boolean().nullable().describe("null: nog niet te zeggen, zie missing"),
    eligibility: z.object({ reason: z.string(), code: z.string().optional(), source: citedSourceSchema }),
    complete: z.boolean(),
    segments: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        subsegment: z.string().optional(),
        subsegmentName: z.string().optional(),
        profile: z.string().optional(),
        intensity: z.string().optional(),
        products: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            ijw: ijwProductSchema.optional(),
          }),
        ),
        purchaseArea: z.object({ id: z.string(), name: z.string() }).optional(),
        provider: z.string().optional(),
      }),
    ),
    whyNot: z.array(z.object({ segment: z.string(), name: z.string(), reasons: z.array(z.string()) })),
    route: z
      .object({
        referTo: z.string(),
        decidedBy: z.string().optional(),
        decisionBy: z.string().optional(),
        request: z.string().optional(),
        because: z.string(),
      })
      .nullable(),
    coordination: z.array(z.object({ coordinator: z.string(), level: z.string(), because: z.string() })),
    duration: z.array(
      z.object({
        segment: z.string(),
        noEndDate: z.boolean(),
        max: z.string().optional(),
        maxText: z.string().optional(),
        latestEnd: dateText.optional(),
        guideline: z.string(),
        source: citedSourceSchema,
      }),
    ),
    financing: z.array(
      z.object({
        segment: z.string(),
        type: z.string(),
        unit: z.string().optional(),
        description: z.string(),
        budgetCeiling: z.object({ parameter: z.string(), value: z.unknown() }).optional(),
        source: citedSourceSchema,
      }),
    ),
    deadlines: z.array(
      z.object({
        id: z.string(),
        segment: z.string(),
        label: z.string(),
        from: dateText,
        period: z.string(),
        due: dateText,
        consequence: z.string().optional(),
        source: citedSourceSchema,
      }),
    ),
    warnings: z.array(
      z.object({ code: z.string(), severity: z.string(), message: z.string(), source: citedSourceSchema }),
    ),
    missing: z
      .array(z.object({ fact: z.string(), question: z.string(), neededBy: z.array(z.string()) }))
      .describe("feiten die de uitkomst nog kunnen veranderen, met de vraag om te stellen"),
    whatWouldChange: z.array(z.string()),
    localChoices: z.array(
      z.object({ name: z.string(), value: z.unknown(), description: z.string(), reason: z.string() }),
    ),
    unknownParameters: z.array(z.object({ name: z.string(), description: z.string() })),
    trace: z.array(traceEntrySchema).describe("elke regel die is bekeken: of hij gold, waarom, en de bron"),
    receipt: receiptSchema.describe("alles om dit advies later opnieuw te maken"),
  })
  .meta({ id: "Advice", description: "Advies voor één casus, regio en peildatum, met uitleg en bronnen" });

export const comparisonSchema = z
  .object({
    regions: z.array(z.object({ id: z.string(), name: z.string() })),
    asOf: z.array(dateText),
    aspects: z.array(
      z.object({
        aspect: z.enum(aspects),
        label: z.string(),
        differs: z.boolean(),
        values: z.array(
          z.object({
            region: z.string(),
            value: z.string(),
            because: z.array(z.object({ rule: z.string(), source: z.string() })),
          }),
        ),
      }),
    ),
    differences: z.array(z.string()),
    moved: z
      .array(z.object({ region: z.string(), municipality: z.object({ cbs: z.string(), name: z.string() }) }))
      .describe("regio's waarin de casus is beoordeeld alsof de jeugdige in deze gemeente woont"),
  })
  .meta({ id: "Comparison", description: "Eén casus in meerdere regio's naast elkaar" });

// ---------------------------------------------------------------------------------------------------
// iJw

export const ijwValidationSchema = z
  .object({
    valid: z.boolean().describe("true: geen XSD-fouten en geen bevindingen van de berichtregels"),
    stage: z
      .enum(["bestand", "xml", "xsd", "regels"])
      .describe(
        "waar de controle stopte: bestand, xml of xsd (ongeldig, geen retour), of regels (XSD geldig)",
      ),
    messageType: z.string().optional().describe("berichttype, bijvoorbeeld JW315"),
    messageName: z
      .string()
      .optional()
      .describe("naam van het berichttype, bijvoorbeeld verzoek om toewijzing"),
    issues: z.array(
      z.object({
        path: z.string(),
        reason: z.string(),
        line: z.number().int().optional(),
      }),
    ),
    findings: z.array(
      z.object({
        rule: z.string().describe("regelcode, bijvoorbeeld TR301"),
        retourcode: z.string(),
        path: z.string(),
        text: z.string(),
      }),
    ),
  })
  .meta({ id: "IjwValidation", description: "Uitkomst van de controle van één iJw-bericht" });

export const healthSchema = z
  .object({
    status: z.literal("ok"),
    version: z.string().describe("versie van Wegwijzer"),
    regions: z.number().int().describe("aantal regiomodellen"),
  })
  .meta({ id: "Health" });

// ---------------------------------------------------------------------------------------------------
// Sessions (src/server/routes-session.ts)

export const sessionSchema = z
  .object({
    userId: z.string().describe("gebruikers-id in Wegwijzer"),
    name: z.string().describe("naam van de gebruiker"),
    role: z.enum(ROLES).describe("rol: bepaalt welke handelingen mogen"),
    roleName: z.string().describe("de rol in woorden"),
    organisation: z.string().describe("organisatie, bijvoorbeeld gemeente:0855 of aanbieder:12345678"),
    municipality: z.string().nullable().describe("bij rol toegang: de gemeente (CBS-code)"),
    providerAgb: z.string().nullable().describe("bij rol aanbieder: de AGB-code van de aanbieder"),
    regionId: z.string().nullable().describe("bij rol coalitie: de regio"),
    segment: z.string().nullable().describe("bij rol coalitie: het segment"),
    csrfToken: z
      .string()
      .describe("stuur dit mee in de kopregel X-CSRF-Token bij elk POST-, PUT-, PATCH- of DELETE-verzoek"),
    expiresAt: z
      .string()
      .describe(
        "tijdstip (ISO 8601) waarop de sessie eindigt als u tot dan niets doet; elk verzoek verlengt",
      ),
  })
  .meta({ id: "Session", description: "Wie is aangemeld, met welke rol en organisatie" });

export const demoLoginRequestSchema = z
  .strictObject({
    gebruiker: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, { error: "een gebruikers-id, bijvoorbeeld demo-toegang" })
      .describe("id van een demogebruiker, bijvoorbeeld demo-toegang"),
  })
  .meta({ id: "DemoLoginRequest", description: "Aanmelden als demogebruiker (alleen op een demoserver)" });

/**
 * A path on this server: one leading slash, so never another host ("//x") or a scheme, and only the
 * characters RFC 3986 allows in a path, query and fragment (no backslash, space or control character,
 * which browsers read in their own ways).
 */
export const localPathSchema = z
  .string()
  .max(500, { error: "een pad is ten hoogste 500 tekens" })
  .regex(/^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@/%?#]*$/, {
    error: "moet een pad op deze server zijn dat met één / begint, bijvoorbeeld /toewijzingen",
  })
  .refine((path) => new URL(path, "http://wegwijzer.invalid").host === "wegwijzer.invalid", {
    error: "moet een pad op deze server zijn, geen ander adres",
  });

export const oidcLoginQuerySchema = z.strictObject({
  terug: localPathSchema.optional().describe("waar de browser na het aanmelden heen gaat; standaard /"),
});

const idpParameter = z.string().max(4096).optional();
/** The IdP's answer; it may add parameters of its own (Keycloak's session_state), which are ignored. */
export const oidcCallbackQuerySchema = z.looseObject({
  code: idpParameter.describe("de autorisatiecode"),
  state: idpParameter.describe("de state van het aanmeldverzoek"),
  iss: idpParameter.describe("de uitgever (RFC 9207)"),
  error: idpParameter.describe("foutcode van de aanmeldserver"),
  error_description: idpParameter.describe("uitleg van de aanmeldserver bij de fout"),
});

export const csrfHeaderSchema = z.looseObject({
  "x-csrf-token": z
    .string()
    .optional()
    .describe("het csrfToken uit GET /sessie; verplicht als het verzoek met een sessiecookie komt"),
});

// ---------------------------------------------------------------------------------------------------
// The engine's types must fit the schemas (the handlers would not compile otherwise); these lines
// say so next to the schemas, so a changed type fails here first.
type Fits<T, S extends z.ZodType> = T extends z.input<S> ? true : never;
export const schemasFitEngineTypes: [
  Fits<Advice, typeof adviceSchema>,
  Fits<CaseComparison, typeof comparisonSchema>,
  Fits<Finding, typeof findingSchema>,
] = [true, true, true];

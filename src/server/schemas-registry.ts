import { z } from "zod";
import { caseSchema } from "../domain/case.ts";
import "../domain/zod-nl.ts";
import { ROLES } from "../registry/access.ts";
import { REPORT_NAMES } from "../monitoring/reports.ts";
import { adviceSchema, regionIdSchema } from "./schemas.ts";

/**
 * Input and output of the registry routes. Output schemas name every field they publish: a field the
 * store adds later stays inside until it is added here (data minimisation, as in schemas.ts).
 */

const isoDate = z.iso.date({ error: "moet een bestaande datum zijn in de vorm JJJJ-MM-DD" });
const dateText = z.string().describe("datum JJJJ-MM-DD");
const uuid = z.uuid({ error: "moet een id zijn zoals de API die geeft (uuid)" });
const municipalityCode = z
  .string()
  .regex(/^\d{4}$/, { error: "moet een CBS-gemeentecode van 4 cijfers zijn, bijvoorbeeld 0855" });
const agb = z.string().regex(/^\d{8}$/, { error: "moet een AGB-code van 8 cijfers zijn" });
/** The BSN only ever travels in a body; 8 or 9 digits (an 8-digit one gets its leading 0). */
const bsn = z
  .string()
  .regex(/^\s*\d{8,9}\s*$/, { error: "moet een BSN van 9 cijfers zijn" })
  .describe("burgerservicenummer; alleen in de inhoud van een verzoek, nooit in een adres");
const key = z
  .string()
  .min(1, { error: "is verplicht" })
  .max(100, { error: "is ten hoogste 100 tekens" })
  .describe("sleutel die u zelf kiest: hetzelfde verzoek twee keer heeft één effect");

export const idParamsSchema = z.strictObject({ id: uuid });
export const numberParamsSchema = z.strictObject({
  nummer: z
    .string()
    // At most 8 digits: a 9-digit number could be a BSN typed in the wrong place.
    .regex(/^T?\d{1,8}$/, { error: "moet een toewijzingsnummer zijn, bijvoorbeeld T1000001" }),
});
export const userParamsSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, { error: "is geen gebruikers-id" }),
});

export const clientSearchSchema = z.strictObject({ bsn }).meta({ id: "ClientSearch" });
export const breakGlassRequestSchema = z
  .strictObject({
    bsn,
    reden: z.string().max(500).describe("waarom u nu toegang nodig hebt; komt in het logboek"),
  })
  .meta({ id: "BreakGlassRequest" });

export const clientSummarySchema = z
  .object({
    id: z.string(),
    municipality: z.string().describe("CBS-code van de gemeente"),
    birthDate: dateText.nullable(),
    bsn: z.string().optional().describe("alleen voor rollen die het nodig hebben"),
    name: z.string().optional(),
  })
  .meta({ id: "ClientSummary" });

const referralItem = z.object({
  id: z.string(),
  clientId: z.string(),
  regionId: z.string(),
  municipality: z.string(),
  requestDate: dateText,
  segments: z.array(z.string()),
  referredBy: z.string().nullable().describe("gebruikers-id van wie verwees"),
});
export const referralListSchema = z
  .object({ verwijzingen: z.array(referralItem) })
  .meta({ id: "ReferralList" });
/** The advice of a referral the synthetic-data generator made (npm run cli -- generate): no engine ran. */
const generatedAdviceSchema = z
  .object({
    generated: z.literal(true),
    regionId: z.string(),
    segments: z.array(z.object({ id: z.string() })),
    deadlines: z.array(z.unknown()),
  })
  .meta({
    id: "GeneratedAdvice",
    description: "advies van een verzonnen verwijzing (synthetische gegevens)",
  });

export const referralSchema = referralItem
  .extend({
    advice: z.union([adviceSchema, generatedAdviceSchema]),
    facts: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "Referral" });

export const allocationSchema = z
  .object({
    id: z.string(),
    number: z.string().describe("toewijzingsnummer"),
    clientId: z.string(),
    referralId: z.string().nullable(),
    municipality: z.string(),
    regionId: z.string(),
    segment: z.string(),
    product: z.string(),
    providerAgb: z.string(),
    startDate: dateText,
    endDate: dateText.nullable(),
    volume: z.number().nullable(),
    unit: z.string().nullable(),
    frequency: z.string().nullable(),
    budget: z.number().nullable(),
    status: z.enum(["actief", "beeindigd"]),
    endReason: z.string().nullable(),
    taskBased: z.boolean(),
    decisionId: z.string().nullable(),
  })
  .meta({ id: "Allocation" });
export const allocationListSchema = z
  .object({ toewijzingen: z.array(allocationSchema) })
  .meta({ id: "AllocationList" });

export const clientFileSchema = z
  .object({
    client: clientSummarySchema,
    referrals: z.array(referralItem),
    decisions: z.array(
      z.object({
        id: z.string(),
        referralId: z.string(),
        decidedOn: dateText,
        segments: z.array(z.string()),
        validFrom: dateText,
        validTo: dateText.nullable(),
      }),
    ),
    allocations: z.array(allocationSchema),
    deliveries: z.array(
      z.object({
        allocationNumber: z.string(),
        startedOn: dateText,
        stoppedOn: dateText.nullable(),
        stopReason: z.string().nullable(),
      }),
    ),
    viaBreakGlass: z.boolean().describe("true: u ziet dit dossier alleen door noodtoegang"),
    family: z
      .object({
        id: z.string(),
        members: z.array(
          z.object({
            id: z.string(),
            self: z.boolean().describe("true: deze cliënt"),
            name: z.string().optional(),
            birthDate: dateText.nullable(),
          }),
        ),
        segments: z
          .array(z.string())
          .describe("segmenten van de toewijzingen die vandaag lopen in het gezin"),
        coordinators: z.array(z.object({ coordinator: z.string(), because: z.string() })),
      })
      .nullable()
      .describe("het gezin en de regie op gezinsniveau; alleen voor de Toegang, anders null"),
  })
  .meta({ id: "ClientFile" });

export const accessLogSchema = z
  .object({
    regels: z.array(
      z.object({
        at: z.string().describe("tijdstip (ISO 8601)"),
        actorName: z.string().nullable().describe("null: het systeem zelf"),
        role: z.enum(ROLES).nullable(),
        roleName: z.string().nullable(),
        organisation: z.string().nullable(),
        action: z.string(),
        resource: z.string(),
        purpose: z.string(),
        purposeText: z.string(),
        outcome: z.string(),
      }),
    ),
    maximum: z.number().int().describe("ten hoogste zoveel regels, de nieuwste eerst"),
  })
  .meta({ id: "AccessLog" });

export const contractQuerySchema = z.strictObject({
  regio: regionIdSchema.describe("de regio van het contract"),
  segment: z.string().min(1).max(32).optional().describe("alleen contracten voor dit segment"),
  datum: isoDate.optional().describe("contracten die op deze datum gelden; standaard vandaag"),
});
export const contractListSchema = z
  .object({
    aanbieders: z.array(
      z.object({
        agb: z.string(),
        name: z.string(),
        contracts: z.array(
          z.object({
            segment: z.string(),
            product: z.string().nullable().describe("null: elk product van het segment"),
            purchaseArea: z.string().nullable().describe("null: elk inkoopgebied"),
            validFrom: dateText,
            validTo: dateText.nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "ContractList" });

export const breakGlassSchema = z
  .object({ clientId: z.string(), endsAt: z.string().describe("tot wanneer de noodtoegang loopt") })
  .meta({ id: "BreakGlass" });

export const referralRequestSchema = z
  .strictObject({ bsn, case: caseSchema, idempotencyKey: key })
  .meta({ id: "ReferralRequest", description: "Een verwijzing: het kind (BSN) en de feiten van de casus" });
export const referralCreatedSchema = z
  .object({ created: z.boolean(), verwijzing: referralSchema })
  .meta({ id: "ReferralCreated" });

export const allocationRequestSchema = z
  .strictObject({
    clientId: uuid,
    referralId: uuid.optional(),
    decisionId: uuid.optional(),
    municipality: municipalityCode,
    segment: z.string().min(1).max(32),
    product: z.string().min(1).max(64),
    providerAgb: agb,
    startDate: isoDate,
    endDate: isoDate.optional(),
    purchaseArea: z.string().max(64).optional(),
    volume: z.number().positive().optional(),
    unit: z.string().max(8).optional(),
    frequency: z.string().max(8).optional(),
    budget: z.number().int().nonnegative().optional().describe("in eurocent"),
    idempotencyKey: key,
  })
  .meta({ id: "AllocationRequest" });
export const allocationCreatedSchema = z
  .object({ created: z.boolean(), toewijzing: allocationSchema, beeindigd: z.array(allocationSchema) })
  .meta({ id: "AllocationCreated" });
export const allocationEndSchema = z
  .strictObject({ einddatum: isoDate, reden: z.string().min(1).max(200) })
  .meta({ id: "AllocationEnd" });

export const allocationQuerySchema = z.strictObject({
  client: uuid.optional().describe("alleen de toewijzingen van deze cliënt"),
  status: z.enum(["actief", "beeindigd"]).optional(),
});
export const referralQuerySchema = z.strictObject({
  client: uuid.optional().describe("alleen de verwijzingen van deze cliënt"),
});

export const deadlineListSchema = z
  .object({
    termijnen: z.array(
      z.object({
        kind: z.string(),
        subjectId: z.string(),
        municipality: z.string(),
        from: dateText,
        due: dateText,
        doneOn: dateText.optional(),
        label: z.string(),
        consequence: z.string().optional(),
        source: z.string(),
      }),
    ),
  })
  .meta({ id: "DeadlineList" });

export const deadlineQuerySchema = z.strictObject({
  client: uuid.optional().describe("alleen de termijnen van deze cliënt"),
});

export const messageQuerySchema = z.strictObject({
  client: uuid.optional().describe("alleen de berichten over deze cliënt"),
  richting: z.enum(["in", "uit"]).optional(),
  nieuw: z.enum(["true", "false"]).optional().describe("true: alleen berichten die nog niet zijn opgehaald"),
});
export const messageListSchema = z
  .object({
    berichten: z.array(
      z.object({
        id: z.string(),
        direction: z.enum(["in", "uit"]),
        type: z.string(),
        identificatie: z.string(),
        dagtekening: dateText,
        sender: z.string(),
        receiver: z.string(),
        status: z.string(),
        summary: z.string(),
        exported: z.boolean(),
      }),
    ),
  })
  .meta({ id: "MessageList" });
export const importOutcomeSchema = z
  .object({
    status: z.string().describe("verwerkt, afgekeurd, dubbel, ongeldig, niet-voor-gemeente of geweigerd"),
    type: z.string().optional(),
    identificatie: z.string().optional(),
    reasons: z.array(z.string()),
    produced: z.array(z.object({ type: z.string(), identificatie: z.string() })).optional(),
  })
  .meta({ id: "ImportOutcome" });

export const countsQuerySchema = z.strictObject({
  peildatum: isoDate.optional().describe("de telling is op de eerste dag van deze maand"),
});
export const allocationCountsSchema = z
  .object({
    peildatum: dateText,
    kleinsteAantal: z.number().int().describe("aantallen kleiner dan dit staan als null"),
    rijen: z.array(
      z.object({
        municipality: z.string(),
        regionId: z.string(),
        segment: z.string(),
        clients: z.number().int().nullable(),
        allocations: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: "AllocationCounts" });

export const reportParamsSchema = z.strictObject({
  naam: z.enum(REPORT_NAMES, { error: `moet een van deze rapporten zijn: ${REPORT_NAMES.join(", ")}` }),
});
export const reportQuerySchema = z.strictObject({
  jaar: z.coerce
    .number({ error: "moet een jaar zijn, bijvoorbeeld 2026" })
    .int({ error: "moet een jaar zijn, bijvoorbeeld 2026" })
    .min(2015, { error: "moet 2015 of later zijn" })
    .max(2100, { error: "moet 2100 of eerder zijn" })
    .optional()
    .describe("het jaar; standaard het jaar van de peildatum"),
  regio: regionIdSchema.optional().describe("alleen deze regio; standaard alle regio's"),
  peildatum: isoDate
    .optional()
    .describe("standaard vandaag: lopende toewijzingen zonder einde tellen tot deze dag"),
  formaat: z
    .enum(["json", "csv", "xlsx"], { error: "moet json, csv of xlsx zijn" })
    .optional()
    .describe("json (standaard), csv of xlsx; of kies met de header Accept"),
});
const reportCell = z.union([z.string(), z.number(), z.null()]);
export const reportSchema = z
  .object({
    naam: z.enum(REPORT_NAMES),
    titel: z.string(),
    jaar: z.number().int(),
    regio: z.string().nullable().describe("null: alle regio's"),
    peildatum: dateText,
    kleinsteAantal: z
      .number()
      .int()
      .describe("aantallen kleiner dan dit staan als null; rijen over minder cliënten zijn weggelaten"),
    kolommen: z.array(
      z.object({
        id: z.string(),
        titel: z.string(),
        soort: z.enum(["tekst", "aantal", "bedrag", "dagen", "aandeel", "getal"]),
        overKinderen: z.boolean().optional(),
      }),
    ),
    rijen: z
      .array(z.record(z.string(), reportCell))
      .describe("één object per rij, met de kolom-id's als sleutels"),
    toelichting: z.array(z.string()),
  })
  .meta({ id: "Report" });

export const userSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    organisation: z.string(),
    municipality: z.string().nullable().optional(),
    providerAgb: z.string().nullable().optional(),
    regionId: z.string().nullable().optional(),
    segment: z.string().nullable().optional(),
    oidcSubject: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: "User" });
export const userListSchema = z.object({ gebruikers: z.array(userSchema) }).meta({ id: "UserList" });
export const userInputSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    role: z.enum(ROLES),
    organisation: z.string().min(1).max(200),
    municipality: municipalityCode.nullable().optional(),
    providerAgb: agb.nullable().optional(),
    regionId: z.string().max(64).nullable().optional(),
    segment: z.string().max(32).nullable().optional(),
    oidcSubject: z.string().max(255).nullable().optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: "UserChange" });

export const auditQuerySchema = z.strictObject({
  van: z.iso.datetime({ offset: true }).or(isoDate).optional().describe("vanaf dit moment"),
  tot: z.iso.datetime({ offset: true }).or(isoDate).optional().describe("tot dit moment"),
  na: z.coerce.number().int().nonnegative().optional().describe("volgende bladzijde: na dit volgnummer"),
});
export const auditListSchema = z
  .object({
    regels: z.array(
      z.object({
        seq: z.number().int(),
        at: z.string(),
        traceId: z.string(),
        actorId: z.string().nullable(),
        actorName: z.string().nullable(),
        role: z.string().nullable(),
        organisation: z.string().nullable(),
        action: z.string(),
        resource: z.string(),
        resourceId: z.string().nullable(),
        clientId: z.string().nullable(),
        purpose: z.string(),
        purposeText: z.string(),
        reason: z.string().nullable(),
        outcome: z.string(),
        detail: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: "AuditList" });
export const auditVerificationSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    head: z.string().describe("hash van de laatste regel; bewaar die elders"),
    broken: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
  })
  .meta({ id: "AuditVerification" });

export const regionSyncSchema = z
  .object({
    regions: z.number().int().describe("regio's toegevoegd of gewijzigd"),
    municipalities: z.number().int().describe("gemeenten toegevoegd of hernoemd"),
    memberships: z.object({
      inserted: z.number().int(),
      updated: z.number().int(),
      deleted: z.number().int(),
    }),
  })
  .meta({ id: "RegionSync" });

import { z } from "zod";
import { STOP_REASON_CODES } from "../ijw/delivery-report.ts";
import type { DeliveryReportView, RequestView } from "../store/records-provider.ts";

/**
 * The provider's view (issue 7 item 4): starts and stops of an allocation, reporting one (built into a
 * JW305/JW307 and imported as an uploaded message is), and the requests with their retour and answers.
 */

const isoDate = z.iso.date({ error: "moet een bestaande datum zijn in de vorm JJJJ-MM-DD" });
const dateText = z.string().describe("datum JJJJ-MM-DD");

const deliveryReportSchema = z.object({
  kind: z.enum(["start", "stop"]),
  beginDate: dateText,
  endDate: dateText.nullable(),
  reason: z.string().nullable().describe("RedenBeeindiging (COD588) van een stop"),
  reasonText: z.string().nullable(),
  reportedOn: dateText,
});

export const deliveryReportListSchema = z
  .object({ meldingen: z.array(deliveryReportSchema) })
  .meta({ id: "DeliveryReportList", description: "Starts en stops van een toewijzing" });

export const deliveryReportRequestSchema = z
  .discriminatedUnion("soort", [
    z.strictObject({
      soort: z.literal("start"),
      begindatum: isoDate.describe("de eerste dag van de levering"),
    }),
    z.strictObject({
      soort: z.literal("stop"),
      begindatum: isoDate.describe("de begindatum van de start die stopt"),
      einddatum: isoDate.describe("de laatste dag van de levering"),
      reden: z.enum(STOP_REASON_CODES).describe("RedenBeeindiging (COD588); 20 is een tijdelijke stop"),
    }),
  ])
  .meta({ id: "DeliveryReportRequest", description: "Een start of stop van de levering melden" });

const messageRefSchema = z.object({ type: z.string(), identificatie: z.string() });

export const deliveryReportOutcomeSchema = z
  .object({
    status: z.literal("verwerkt"),
    message: messageRefSchema.describe("het JW305- of JW307-bericht dat gemaakt en verwerkt is"),
    retour: messageRefSchema.optional().describe("de retour van de gemeente (JW306, JW308)"),
    meldingen: z.array(deliveryReportSchema),
  })
  .meta({ id: "DeliveryReportOutcome" });

const linkedMessageSchema = z.object({
  id: z.string(),
  type: z.string(),
  identificatie: z.string(),
  dagtekening: dateText,
  status: z.string(),
  summary: z.string(),
});

export const requestListSchema = z
  .object({
    verzoeken: z.array(
      z.object({
        request: linkedMessageSchema.describe("het verzoek (JW315, JW317)"),
        retour: linkedMessageSchema.optional().describe("de retour (JW316, JW318)"),
        answers: z.array(linkedMessageSchema).describe("de antwoorden (JW301, JW319)"),
        products: z.array(
          z.object({
            referentie: z.string(),
            category: z.string().nullable(),
            code: z.string().nullable(),
            startDate: dateText,
            endDate: dateText.nullable(),
            status: z.enum(["open", "in_onderzoek", "toegewezen", "afgewezen"]),
            answerDue: dateText,
            answeredOn: dateText.nullable(),
            allocationNumber: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({
    id: "RequestList",
    description: "Verzoeken om toewijzing of wijziging met hun retour en antwoorden",
  });

/** The schemas describe the data layer's types: the type check fails when one no longer fits the other. */
export const providerSchemasFit: [z.ZodType<DeliveryReportView>, z.ZodType<RequestView>] = [
  deliveryReportSchema,
  requestListSchema.shape.verzoeken.element,
];

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { IsoDate } from "../domain/dates.ts";
import { validateMessage } from "../ijw/validate-message.ts";
import { problemResponses } from "./openapi.ts";
import { hideBsnLike } from "./problem.ts";
import type { RateLimit } from "./routes-advice.ts";
import { ijwValidationSchema, noQuerySchema } from "./schemas.ts";
import { MESSAGE_NAMES } from "../ijw/message-names.ts";

/** GGK and VECOZO refuse message files over 25 MB (IB003); so does the API, before reading them. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

const messageBody = z
  .custom<Buffer>((v) => Buffer.isBuffer(v), { error: "stuur het bericht als XML (application/xml)" })
  .meta({ type: "string", description: "het iJw-bericht als XML, UTF-8 zonder BOM" });

/**
 * POST /ijw/validate: checks one message as the receiving side would (file, XML, XSD, then the
 * in-message rules), without storing it. The answer names paths, lines, reasons, rules and retour
 * codes, never a value from the message: a message carries a child's BSN, name and address, and this
 * API serves no personal data. (The CLI shows the wrong value; the sender has the message.)
 */
export function ijwRoutes(options: { today: () => IsoDate; rateLimit: RateLimit }): FastifyPluginAsyncZod {
  return async (app) => {
    // Raw bytes: the codec itself checks the encoding, the BOM and forbidden characters.
    app.removeContentTypeParser("application/json");
    app.addContentTypeParser(
      ["application/xml", "text/xml", "text/plain"],
      { parseAs: "buffer" },
      (_request, body, done) => done(null, body),
    );

    app.post(
      "/ijw/validate",
      {
        bodyLimit: MAX_MESSAGE_BYTES,
        config: { rateLimit: { max: options.rateLimit.max, timeWindow: options.rateLimit.timeWindowMs } },
        schema: {
          operationId: "validateIjwMessage",
          querystring: noQuerySchema,
          tags: ["ijw"],
          summary: "Een iJw 3.2-bericht controleren",
          description: [
            "Controleert één bericht zoals de ontvanger dat doet: bestand (UTF-8 zonder BOM), XML, XSD en",
            "daarna de berichtregels (CS/CD/TR) met hun retourcodes. Het bericht wordt niet bewaard.",
            "Een ongeldig bericht geeft ook status 200: `valid` is dan false en `issues` of `findings` zegt waarom.",
            "Ten hoogste 25 MB, zoals bij het GGK.",
          ].join("\n"),
          consumes: ["application/xml", "text/xml", "text/plain"],
          body: messageBody,
          response: { 200: ijwValidationSchema, ...problemResponses(400, 413, 415, 429) },
        },
      },
      async (request) => {
        const result = validateMessage(request.body, { today: options.today() });
        return {
          valid: result.valid,
          stage: result.stage,
          ...(result.type ? { messageType: result.type, messageName: MESSAGE_NAMES[result.type] } : {}),
          issues: result.issues.map((i) => ({
            path: hideBsnLike(i.path),
            reason: hideBsnLike(i.reason),
            ...(i.line ? { line: i.line } : {}),
          })),
          findings: result.findings.map((f) => ({
            rule: f.rule,
            retourcode: f.retourcode,
            path: f.path,
            text: f.text,
          })),
        };
      },
    );
  };
}

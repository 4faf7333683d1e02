import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { API_VERSION } from "./openapi.ts";
import { PROBLEM_CONTENT_TYPE, problemTypes } from "./problem.ts";

/**
 * Fastify's clientErrorHandler: the answer to a request Node's HTTP parser refuses before Fastify sees it
 * (no HTTP at all, a broken request line or header, a non-numeric Content-Length, Content-Length together
 * with chunked transfer, a broken chunk, a header block over 16 kB, a request that took too long). Fastify
 * answers those in English JSON; every other refusal of this API is problem details in Dutch, so these are
 * too (found by test/reliability/server-process-refuses-malformed-input-at-every-edge.test.ts).
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has nobody left to answer.
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, title, detail] =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "Verzoek duurde te lang", "Het verzoek kwam niet op tijd helemaal binnen."]
      : error.code === "HPE_HEADER_OVERFLOW"
        ? [
            431,
            "Kopregels te groot",
            "De kopregels van het verzoek zijn samen groter dan deze server aanneemt.",
          ]
        : [
            400,
            "Ongeldig verzoek",
            "Dit is geen geldig HTTP-verzoek: de verzoekregel, een kopregel of de lengte van de inhoud klopt niet.",
          ];
  const body = JSON.stringify({
    // The request itself is what is wrong, whichever of the three: the status and title tell them apart.
    type: problemTypes.invalidInput,
    title,
    status,
    detail,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `API-Version: ${API_VERSION}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The request of the HTTP row, shared by the load generator (bench/http.ts) and the servers. */

export const ADVICE_PATH = "/api/v1/advice";
export const ADVICE_CASE = join(import.meta.dirname, "..", "examples", "segment-4-enkelvoudig.json");

/** The request body both servers get: the example case, by its own municipality. */
export function adviceBody(): string {
  const facts = JSON.parse(readFileSync(ADVICE_CASE, "utf8")) as { municipality: string };
  return JSON.stringify({ municipality: facts.municipality, case: facts });
}

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BsnVault } from "../../src/store/vault.ts";
import { cleanUpBatches, exitOf, targetFor } from "../support/child-batch.ts";
import {
  call,
  demoLogin,
  healthy,
  type ServerProcess,
  startServerProcess,
} from "./support/server-process.ts";

/**
 * Load (issue 9): 200 concurrent connections for 10 seconds against a real server process on 127.0.0.1
 * (npm start's main.ts, PGlite, demo mode), each cycling through public advice requests and signed-in
 * registry reads of the Toegang of Tilburg (list of allocations, list of referrals, one client file),
 * every one of which writes audit records. RATE_LIMIT_PER_MINUTE lifts the advice limit (60 a minute per
 * address by default: all 200 connections come from 127.0.0.1).
 *
 * What must hold: no connection error, no timeout, every answer 2xx, no error in the server's log, and the
 * server still healthy afterwards; and p99 latency below P99_BOUND_MS.
 *
 * The bound is generous on purpose. PGlite has one connection, so every registry read (and its audit
 * records, appended under one chain lock) waits its turn: with 200 requests in flight, the last in line
 * waits for the ~199 before it. Measured on a 2-core machine shared with other work (load average ~10):
 * p99 of 2.4–6 s. The bound catches what matters for reliability — a request starved for the server's
 * 30-second request timeout, a queue that keeps growing — not a regression of a few hundred
 * milliseconds (that is `npm run bench`'s job).
 */

const CONNECTIONS = 200;
const DURATION_S = 10;
const P99_BOUND_MS = 15_000;

/** The parts of autocannon's API used here (the package has no types of its own). */
interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
interface LoadResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: LoadRequest[];
}) => Promise<LoadResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const root = join(import.meta.dirname, "..", "..");
let server: ServerProcess & { address: string };

beforeAll(async () => {
  const bsnKey = BsnVault.newKey();
  const target = await targetFor("pglite", bsnKey, "wegwijzer-load-");
  server = await startServerProcess(target, bsnKey, { RATE_LIMIT_PER_MINUTE: "10000000" });
});
afterAll(cleanUpBatches);

it(`answers ${CONNECTIONS} concurrent clients for ${DURATION_S} s: no errors, all 2xx, p99 below ${P99_BOUND_MS} ms`, async () => {
  const session = await demoLogin(server.address, "demo-toegang");
  const allocations = await call(server.address, session, "GET", "/toewijzingen");
  expect(allocations.status).toBe(200);
  const clientId = (allocations.json as { toewijzingen: { clientId: string }[] }).toewijzingen[0]?.clientId;
  expect(clientId).toBeDefined();

  const tilburgCase = JSON.parse(
    readFileSync(join(root, "examples", "segment-4-enkelvoudig.json"), "utf8"),
  ) as Record<string, unknown>;
  const advice = (municipality: string): LoadRequest => ({
    method: "POST",
    path: "/api/v1/advice",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ municipality, case: { ...tilburgCase, municipality } }),
  });
  const read = (path: string): LoadRequest => ({
    method: "GET",
    path: `/api/v1${path}`,
    headers: { cookie: session.cookie },
  });

  const result = await autocannon({
    url: server.address,
    connections: CONNECTIONS,
    duration: DURATION_S,
    // The server's own request timeout; anything slower than that counts as an error.
    timeout: 30,
    requests: [
      advice("0855"),
      read("/toewijzingen"),
      advice("0785"),
      read("/verwijzingen"),
      advice("0855"),
      read(`/clienten/${clientId}`),
    ],
  });
  console.info(
    `load: ${result.requests.total} requests in ${DURATION_S} s (${result.requests.average}/s), ` +
      `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms, ` +
      `status ${JSON.stringify(result.statusCodeStats)}, errors ${result.errors}, timeouts ${result.timeouts}`,
  );

  expect(result.errors).toBe(0);
  expect(result.timeouts).toBe(0);
  expect(result.non2xx).toBe(0);
  expect(Object.keys(result.statusCodeStats)).toEqual(["200"]);
  expect(result.requests.total).toBeGreaterThan(CONNECTIONS);
  expect(result.latency.p99).toBeLessThan(P99_BOUND_MS);
  expect(server.errors).toEqual([]);
  expect(await healthy(server.address)).toBe(true);

  server.child.kill("SIGTERM");
  expect((await exitOf(server)).code).toBe(0);
});

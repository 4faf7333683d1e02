import autocannon, { type Result } from "autocannon";
import { startChild } from "./child.ts";
import { ADVICE_PATH, adviceBody } from "./http-request.ts";
import type { BenchOptions, Row } from "./table.ts";

/**
 * Item 3: advice requests per second and p99 latency through the API (`POST /api/v1/advice` with
 * examples/segment-4-enkelvoudig.json, as `npm start` serves it: helmet, rate limit, zod validation,
 * the engine with its full trace, the serializer), against a bare Fastify route on the same machine
 * that answers the same request with the same advice JSON. Both servers run in one child process
 * (bench/http-servers.ts), the load generator (autocannon) in this one; each server gets a warm-up run,
 * then a measured run with the same connections and duration, one after the other.
 */

interface Load {
  warmUpSeconds: number;
  seconds: number;
  connections: number;
}

const loadFor = (quick: boolean): Load =>
  quick
    ? { warmUpSeconds: 1, seconds: 1, connections: 10 }
    : { warmUpSeconds: 3, seconds: 15, connections: 10 };

async function fire(port: string, body: string, seconds: number, connections: number): Promise<Result> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${ADVICE_PATH}`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    connections,
    duration: seconds,
  });
  // A refused or failed request is cheap: the figures count only when every answer was a 2xx.
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0)
    throw new Error(
      `load on port ${port}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`,
    );
  return result;
}

export async function httpRows(options: BenchOptions): Promise<Row[]> {
  const load = loadFor(options.quick);
  const body = adviceBody();
  const servers = startChild("bench/http-servers.ts");
  try {
    const ready = await servers.line(/^READY (\d+) (\d+) (\d+)$/, 120_000);
    const [, apiPort = "", barePort = "", answerBytes = ""] = ready;
    await fire(apiPort, body, load.warmUpSeconds, load.connections);
    await fire(barePort, body, load.warmUpSeconds, load.connections);
    const api = await fire(apiPort, body, load.seconds, load.connections);
    options.log(`http: API ${Math.round(api.requests.average)} req/s, p99 ${api.latency.p99} ms`);
    const bare = await fire(barePort, body, load.seconds, load.connections);
    options.log(`http: bare ${Math.round(bare.requests.average)} req/s, p99 ${bare.latency.p99} ms`);
    const basis = `autocannon ${load.connections} connections, ${load.seconds} s after ${load.warmUpSeconds} s warm-up; answer ${answerBytes} bytes`;
    const peer = "bare Fastify route, same request, same advice JSON";
    return [
      {
        part: "http",
        id: "http.advice.rps",
        measure: "POST /api/v1/advice through the API, requests per second",
        ours: { value: api.requests.average, unit: "req/s" },
        peer,
        peerFigure: { value: bare.requests.average, unit: "req/s" },
        better: "higher",
        basis,
      },
      {
        part: "http",
        id: "http.advice.p99",
        measure: "POST /api/v1/advice through the API, p99 latency",
        ours: { value: api.latency.p99, unit: "ms" },
        peer,
        peerFigure: { value: bare.latency.p99, unit: "ms" },
        better: "lower",
        basis,
      },
    ];
  } finally {
    await servers.stop();
  }
}

import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BsnVault } from "../../src/store/vault.ts";
import { cleanUpBatches, targetFor } from "../support/child-batch.ts";
import { exchange, openSocket, type RawAnswer } from "./support/raw-http.ts";
import {
  demoLogin,
  healthy,
  type ServerProcess,
  startServerProcess,
  type WebSession,
} from "./support/server-process.ts";

/**
 * Malformed input at every edge, against a real server process through real sockets (issue 9). What the
 * API does with malformed bodies, fields, content types and sizes is tested in-process (app.inject) by
 * test/server-refuses-malformed-input-with-problem-details.test.ts (a fast-check fuzz of the public
 * routes) and test/server-registry-refuses-malformed-input.test.ts (the registry routes). Here:
 *
 * - every operation of the served OpenAPI document gets, over HTTP to the process: an unknown query
 *   parameter, a malformed percent-escape and an over-long value in each path parameter, and, where it
 *   takes a body, broken JSON or XML, invalid UTF-8, the wrong content type and a body over its limit
 *   (announced by Content-Length and never sent, so the refusal must come before the upload);
 * - what app.inject cannot send: broken request lines, a non-numeric Content-Length, Content-Length
 *   together with chunked transfer (request smuggling), a broken chunk, a header block over 16 kB, a body
 *   cut off mid-way, a chunked body over the limit, and 50 slowloris connections holding half a request.
 *
 * Every answer is below 500; every refusal is application/problem+json with a Dutch title; afterwards the
 * process is still running, still answers /api/v1/health, and its log holds no error (a 500 logs one).
 */

let server: ServerProcess & { address: string };
let session: WebSession;

beforeAll(async () => {
  const bsnKey = BsnVault.newKey();
  const target = await targetFor("pglite", bsnKey, "wegwijzer-malformed-");
  server = await startServerProcess(target, bsnKey, { RATE_LIMIT_PER_MINUTE: "100000" });
  session = await demoLogin(server.address, "demo-toegang");
});
afterAll(cleanUpBatches);

/** Words Fastify or Node would use in English; a refusal speaks Dutch. */
const english = /\b(Bad Request|Client Error|Invalid|Expected|Required|Unsupported|Exceeded|must|cannot)\b/;

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

function expectClearRefusal(answer: Answer, what: string): void {
  const where = `${what} → ${answer.status} ${answer.contentType} ${answer.body.slice(0, 300)}`;
  expect(answer.status, where).toBeGreaterThanOrEqual(400);
  expect(answer.status, where).toBeLessThan(500);
  expect(answer.contentType, where).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(answer.body) as { title?: string; detail?: string; status?: number };
  expect(problem.status, where).toBe(answer.status);
  expect(problem.title, where).toBeTruthy();
  expect(`${problem.title} ${problem.detail}`, where).not.toMatch(english);
}

/** Below 500, and when a refusal, a clear one (an XML check may answer 200 with its findings). */
function expectNoServerError(answer: Answer, what: string): void {
  expect(answer.status, `${what} → ${answer.status} ${answer.body.slice(0, 300)}`).toBeLessThan(500);
  if (answer.status >= 400) expectClearRefusal(answer, what);
}

const fromRaw = (raw: RawAnswer): Answer => ({
  status: raw.status ?? 0,
  contentType: raw.headers["content-type"] ?? "",
  body: raw.body,
});

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string }[];
  bodyTypes: string[];
}

/** The served document's operations, read the way a client reads them. */
async function operations(): Promise<Operation[]> {
  const doc = (await (await fetch(`${server.address}/api/openapi.json`)).json()) as {
    servers?: { url: string }[];
    paths: Record<
      string,
      Record<
        string,
        { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, unknown> } }
      >
    >;
  };
  const base = doc.servers?.[0]?.url ?? "/api/v1";
  const prefix = base.startsWith("http") ? new URL(base).pathname : base;
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path: `${prefix.replace(/\/$/, "")}${path}`,
      params: op.parameters ?? [],
      bodyTypes: Object.keys(op.requestBody?.content ?? {}),
    })),
  );
}

/** A valid-looking value per path parameter, so only the malformed part is wrong. */
const validParam: Record<string, string> = { nummer: "T1000001" };
const fill = (op: Operation, override?: string) =>
  op.path.replace(
    /\{(\w+)\}/g,
    (_, name: string) =>
      override ??
      (name === "id" && op.path.includes("/regions/")
        ? "hart-van-brabant"
        : (validParam[name] ?? randomUUID())),
  );

/** A request to the process as the signed-in user (not for DELETE /sessie: that would sign us out). */
async function send(
  op: Operation,
  path: string,
  init: { body?: string | Buffer; contentType?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (!(op.method === "DELETE" && op.path.endsWith("/sessie"))) {
    headers.cookie = session.cookie;
    headers["x-csrf-token"] = session.csrf;
  }
  if (init.contentType) headers["content-type"] = init.contentType;
  const res = await fetch(`${server.address}${path}`, {
    method: op.method,
    headers,
    redirect: "manual",
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === "string" ? init.body : new Uint8Array(init.body) }),
  });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: await res.text() };
}

describe("a real server process refuses malformed input at every edge", () => {
  it("every operation of the OpenAPI document: bad query and path parameters, broken and oversized bodies", async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(25);
    let checked = 0;
    for (const op of ops) {
      const what = `${op.method} ${op.path}`;
      expectClearRefusal(await send(op, `${fill(op)}?onbekend=1`), `${what} ?onbekend=1`);
      checked++;
      if (op.path.includes("{")) {
        for (const bad of ["%ZZ", "%E0%A4%A", "x".repeat(300), "..%2F..%2Fpackage.json"]) {
          expectNoServerError(
            await send(op, fill(op, bad)),
            `${what} with path parameter ${bad.slice(0, 20)}`,
          );
          checked++;
        }
      }
      for (const type of op.bodyTypes) {
        const path = fill(op);
        const xml = type.includes("xml") || type === "text/plain";
        const broken = xml ? "<Bericht><Header></Bericht" : '{"case": {"municipality": "0855",';
        expectNoServerError(
          await send(op, path, { body: broken, contentType: type }),
          `${what} broken ${type}`,
        );
        const notUtf8 = Buffer.concat([
          Buffer.from(xml ? "<a>" : '{"a":"'),
          Buffer.from([0xc3, 0x28, 0xff]),
          Buffer.from(xml ? "</a>" : '"}'),
        ]);
        expectNoServerError(
          await send(op, path, { body: notUtf8, contentType: type }),
          `${what} invalid UTF-8 ${type}`,
        );
        checked += 2;
      }
      if (op.bodyTypes.length > 0) {
        const path = fill(op);
        expectClearRefusal(
          await send(op, path, { body: "a;b\n1;2", contentType: "text/csv" }),
          `${what} text/csv`,
        );
        // Over any limit (JSON 100 kB, XML 25 MB): announced, never sent; the refusal must not wait for it.
        const huge = await exchange(
          server.address,
          `${op.method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\ncookie: ${session.cookie}\r\nx-csrf-token: ${session.csrf}\r\n` +
            `content-type: ${op.bodyTypes[0]}\r\ncontent-length: ${30 * 1024 * 1024}\r\n\r\n`,
          15_000,
        );
        expectClearRefusal(fromRaw(huge), `${what} with Content-Length 30 MB`);
        expect(huge.status).toBe(413);
        checked += 2;
      }
    }
    console.info(`malformed input: ${checked} requests over ${ops.length} operations`);
    expect(await healthy(server.address)).toBe(true);
  });

  it("broken HTTP framing, a header block too large, a cut-off and an oversized chunked body", async () => {
    const host = "Host: 127.0.0.1\r\n";
    const post = (extra: string, body: string) =>
      `POST /api/v1/advice HTTP/1.1\r\n${host}content-type: application/json\r\n${extra}\r\n${body}`;
    const framing: [string, string][] = [
      ["no HTTP at all", "HALLO WERELD\r\n\r\n"],
      ["an unknown HTTP version", "GET /api/v1/health HTTP/9.9\r\n\r\n"],
      ["a header without colon", `GET /api/v1/health HTTP/1.1\r\n${host}kapotte kopregel\r\n\r\n`],
      ["a non-numeric Content-Length", post("content-length: veel\r\n", "{}")],
      [
        "Content-Length and chunked together",
        post("content-length: 4\r\ntransfer-encoding: chunked\r\n", "2\r\n{}\r\n0\r\n\r\n"),
      ],
      ["a broken chunk size", post("transfer-encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n")],
      [
        "a header block over 16 kB",
        `GET /api/v1/health HTTP/1.1\r\n${host}x-groot: ${"a".repeat(20_000)}\r\n\r\n`,
      ],
    ];
    for (const [what, bytes] of framing) {
      const answer = await exchange(server.address, bytes);
      expectClearRefusal(fromRaw(answer), what);
    }
    // HTTP/1.1 without Host: Node itself answers a bare 400 and closes, before any hook of Fastify or
    // ours can run (http.Server's requireHostHeader); a clear refusal, though not problem details.
    const hostless = await exchange(server.address, "GET /api/v1/health HTTP/1.1\r\n\r\n");
    expect(hostless, JSON.stringify(hostless)).toMatchObject({ status: 400, closed: true });
    expect(hostless.body).toBe("0\r\n\r\n"); // an empty chunked body

    // A chunked body (no Content-Length) that grows past 100 kB: refused while it comes in.
    const big = JSON.stringify({ case: { note: "x".repeat(200_000) } });
    const chunked = await exchange(
      server.address,
      post("transfer-encoding: chunked\r\n", `${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n`),
    );
    expectClearRefusal(fromRaw(chunked), "a chunked body over 100 kB");
    expect(chunked.status).toBe(413);

    // Bodies cut off mid-way, the connection closed by the client: nothing to answer, nothing may break.
    for (let i = 0; i < 20; i++) {
      const socket = await openSocket(server.address);
      socket.write(post("content-length: 5000\r\n", '{"municipality": "08'));
      socket.destroy();
    }
    expect(await healthy(server.address)).toBe(true);
  });

  it("50 slowloris connections holding half a request do not keep others out", async () => {
    const held: Socket[] = [];
    try {
      for (let i = 0; i < 50; i++) {
        const socket = await openSocket(server.address);
        socket.on("error", () => undefined);
        socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nx-langzaam-${i}: `);
        held.push(socket);
      }
      const started = Date.now();
      expect(await healthy(server.address)).toBe(true);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      for (const socket of held) socket.destroy();
    }
  });

  it("is still the same running process afterwards, healthy, with no error in its log", async () => {
    expect(server.closed).toBeUndefined();
    expect(await healthy(server.address)).toBe(true);
    expect(server.errors).toEqual([]);
  });
});

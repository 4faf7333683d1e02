import { dirname } from "node:path";
import { csrfTokenFor } from "../../../src/server/auth/sessions.ts";
import { type ChildBatch, childEnv, startChild, type Target, waitFor } from "../../support/child-batch.ts";

/**
 * A real server process (`src/server/main.ts`, what `npm start` runs) for the reliability suite, started
 * through the crash-safety harness of test/support/child-batch.ts: cleanUpBatches (afterEach) SIGKILLs
 * it should a test fail, and it can be SIGKILLed on purpose like the CLI batches. It listens on a free
 * port of 127.0.0.1 (PORT=0) and prints its address, which is how we know it is up.
 */

/** Starting main.ts loads and compiles every region model and migrates the store: slow on a busy machine. */
const START_TIMEOUT = 120_000;

export interface ServerProcess extends ChildBatch {
  /** e.g. http://127.0.0.1:41234, once the server listens */
  address?: string;
  /** log lines at level error or worse (pino level ≥ 50): an unexpected error, a 500 */
  errors: string[];
  /** how many JSON log lines (requests) the server wrote */
  logLines: number;
}

/**
 * Starts the server on the target's PGlite folder or PostgreSQL database and waits until it listens.
 * `env` adds settings (RATE_LIMIT_PER_MINUTE, …). On PGlite it runs in demo mode (demo data and
 * users, POST /sessie/demo); on PostgreSQL there is no demo login, so sessions are made in the store.
 */
export async function startServerProcess(
  target: Target,
  bsnKey: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ServerProcess & { address: string }> {
  const childEnvironment = childEnv(bsnKey, { PORT: "0", HOST: "127.0.0.1", ...env });
  delete childEnvironment.OIDC_ISSUER;
  delete childEnvironment.WEGWIJZER_DEMO;
  // childEnv removes DATA_DIR and DATABASE_URL; the target decides. PGlite lives in <DATA_DIR>/pglite.
  if (target.dataDir) childEnvironment.DATA_DIR = dirname(target.dataDir);
  else if (target.options.url) childEnvironment.DATABASE_URL = target.options.url;
  const server = startChild<{ address?: string; errors: string[]; logLines: number }>(
    "src/server/main.ts",
    [],
    childEnvironment,
    { errors: [], logLines: 0 },
    (line, s) => {
      const listening = /^Wegwijzer API: (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(line);
      if (listening) s.address = listening[1];
      else if (line.startsWith("{")) {
        // pino: keep only what says something went wrong; a request log line per request is not kept.
        s.logLines++;
        const level = /"level":(\d+)/.exec(line)?.[1];
        if (level && Number(level) >= 50) s.errors.push(line);
      } else return false; // start-up text (demo users, …): kept in `other`
      return true;
    },
  );
  await waitFor(server, () => server.address !== undefined, START_TIMEOUT, "the server's address");
  return server as ServerProcess & { address: string };
}

export interface WebSession {
  cookie: string;
  csrf: string;
}

/** Signs in as a demo user the way a browser does (PGlite demo mode only). */
export async function demoLogin(address: string, userId: string): Promise<WebSession> {
  const res = await fetch(`${address}/api/v1/sessie/demo`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ gebruiker: userId }),
  });
  if (res.status !== 200) throw new Error(`demo login ${userId}: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-wegwijzer-sessie="));
  const cookie = setCookie?.split(";")[0];
  if (!cookie) throw new Error("demo login: no session cookie");
  const token = cookie.slice(cookie.indexOf("=") + 1);
  const body = (await res.json()) as { csrfToken: string };
  if (body.csrfToken !== csrfTokenFor(token)) throw new Error("demo login: unexpected CSRF token");
  return { cookie, csrf: body.csrfToken };
}

/** Whether the process still answers GET /api/v1/health with 200 {status: ok}. */
export async function healthy(address: string): Promise<boolean> {
  try {
    const res = await fetch(`${address}/api/v1/health`, { signal: AbortSignal.timeout(10_000) });
    return res.status === 200 && ((await res.json()) as { status?: string }).status === "ok";
  } catch {
    return false;
  }
}

/** A JSON request as the session's user: the cookie always, the CSRF token on changes. */
export async function call(
  address: string,
  session: WebSession | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    if (method !== "GET") headers["x-csrf-token"] = session.csrf;
  }
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${address}/api/v1${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: the caller sees the text
  }
  return { status: res.status, json };
}

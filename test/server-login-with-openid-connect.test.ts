import { createHash, generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, logRequest } from "../src/server/app.ts";
import { oidcProblems } from "../src/server/auth/oidc.ts";
import { listAudit } from "../src/store/audit.ts";
import type { Store } from "../src/store/database.ts";
import { saveUser } from "../src/store/users.ts";
import { freshStore } from "./support/stores.ts";

/**
 * Login with OpenID Connect against a real OpenID provider (oidc-provider, in this process on
 * 127.0.0.1), driven like a browser: our login route, the IdP's own login and consent forms, back to our
 * callback. Shows PKCE S256, state and nonce, the cookies, the subject mapped to a user, the refusals
 * with their audit records, and that no code or token reaches the audit trail or the technical log.
 */

const COOKIE = "__Host-wegwijzer-sessie";
const FLOW_COOKIE = "__Secure-wegwijzer-aanmelden";
const REDIRECT_URI = "http://127.0.0.1:3999/api/v1/sessie/oidc/callback";

let idp: Server;
let issuer: string;
const authorizationRequests: URL[] = [];

let store: Store;
let done: () => Promise<void>;
let app: FastifyInstance;
let publicApp: FastifyInstance;
const log: string[] = [];

beforeAll(async () => {
  idp = createServer();
  await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "wegwijzer",
        client_secret: "alleen-voor-deze-test",
        redirect_uris: [REDIRECT_URI],
        token_endpoint_auth_method: "client_secret_basic",
      },
      {
        client_id: "wegwijzer-publiek",
        redirect_uris: [REDIRECT_URI],
        token_endpoint_auth_method: "none",
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test", use: "sig", alg: "RS256" }] },
    cookies: { keys: ["alleen-voor-deze-test"] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    pkce: { required: () => true },
  });
  const handle = provider.callback();
  idp.on("request", (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    if (url.pathname === "/auth" && url.searchParams.has("client_id")) authorizationRequests.push(url);
    handle(req, res);
  });

  ({ store, done } = await freshStore("pglite"));
  await saveUser(store, {
    id: "a.aanmelder",
    name: "A. Aanmelder (fictief)",
    role: "toegang",
    organisation: "gemeente:0855",
    municipality: "0855",
    oidcSubject: "sub-aanmelder",
  });
  await saveUser(store, {
    id: "n.nietactief",
    name: "N. Niet-actief (fictief)",
    role: "beleid",
    organisation: "regio:hart-van-brabant",
    oidcSubject: "sub-niet-actief",
  });
  await store.db.updateTable("app_user").set({ active: false }).where("id", "=", "n.nietactief").execute();

  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      log.push(chunk.toString());
      callback();
    },
  });
  app = await buildServer({
    store,
    logger: { level: "info", serializers: { req: logRequest }, stream },
    auth: {
      oidc: {
        issuer,
        clientId: "wegwijzer",
        clientSecret: "alleen-voor-deze-test",
        redirectUri: REDIRECT_URI,
      },
      // The default (10 a minute) is tested in server-sessions-and-csrf; here it would only get in the way.
      loginRateLimit: { max: 1000, timeWindowMs: 60_000 },
    },
  });
  publicApp = await buildServer({
    store,
    auth: { oidc: { issuer, clientId: "wegwijzer-publiek", redirectUri: REDIRECT_URI } },
  });
});

afterAll(async () => {
  await app?.close();
  await publicApp?.close();
  await done?.();
  idp.closeAllConnections();
  await new Promise((resolve) => idp.close(resolve));
});

const setCookies = (res: LightMyRequestResponse): string[] => [res.headers["set-cookie"] ?? []].flat();
const cookieValue = (res: LightMyRequestResponse, name: string) =>
  setCookies(res)
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1)
    .split(";")[0];
const attributes = (res: LightMyRequestResponse, name: string) =>
  (setCookies(res).find((c) => c.startsWith(`${name}=`)) ?? "").split("; ").slice(1).sort();

/**
 * The browser at the IdP: follows redirects with its own cookies, fills in the development login form
 * with the subject and accepts the consent form, until the IdP sends it to our callback (or, with
 * `abort`, cancels the login). Returns the callback URL.
 */
async function atTheIdp(start: string, subject: string, options: { abort?: boolean } = {}): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(start);
  let method = "GET";
  let body: string | undefined;
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      method,
      redirect: "manual",
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(body ? { body } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    method = "GET";
    body = undefined;
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get("location") ?? "", url);
      if (next.href.startsWith(REDIRECT_URI)) return next;
      url = next;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`IdP ${res.status}: ${html.slice(0, 300)}`);
    if (options.abort) {
      url = new URL(`${url.pathname}/abort`, url);
      continue;
    }
    if (html.includes('value="login"')) {
      method = "POST";
      body = new URLSearchParams({ prompt: "login", login: subject, password: "x" }).toString();
    } else if (html.includes('value="consent"')) {
      method = "POST";
      body = new URLSearchParams({ prompt: "consent" }).toString();
    } else throw new Error(`onverwachte pagina van de IdP: ${html.slice(0, 300)}`);
  }
  throw new Error("de IdP stuurde niet terug");
}

/** Our login route, then the IdP: the flow cookie and the callback URL the browser ends up at. */
async function startLogin(
  server: FastifyInstance,
  subject: string,
  terug = "/",
  options: { abort?: boolean } = {},
) {
  const res = await server.inject({
    method: "GET",
    url: `/api/v1/sessie/oidc/login?terug=${encodeURIComponent(terug)}`,
  });
  expect(res.statusCode, res.body).toBe(302);
  const flow = cookieValue(res, FLOW_COOKIE);
  expect(flow).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const authorization = new URL(String(res.headers.location));
  const callback = await atTheIdp(authorization.href, subject, options);
  return { res, flow: flow ?? "", authorization, callback };
}

const callback = (server: FastifyInstance, url: URL, flow: string | undefined) =>
  server.inject({
    method: "GET",
    url: `/api/v1/sessie/oidc/callback${url.search}`,
    headers: flow ? { cookie: `${FLOW_COOKIE}=${flow}` } : {},
  });

const failures = async () => (await listAudit(store.db)).filter((r) => r.action === "inloggen-mislukt");

describe("login with OpenID Connect", () => {
  it("sends the browser to the IdP with response_type=code, PKCE S256, state and nonce, kept on the server", async () => {
    const { res, authorization } = await startLogin(app, "sub-aanmelder");
    expect(`${authorization.origin}${authorization.pathname}`).toBe(`${issuer}/auth`);
    const p = authorization.searchParams;
    expect(p.get("response_type")).toBe("code");
    expect(p.get("client_id")).toBe("wegwijzer");
    expect(p.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(p.get("scope")).toBe("openid profile");
    expect(p.get("code_challenge_method")).toBe("S256");
    expect(p.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get("state")).toBeTruthy();
    expect(p.get("nonce")).toBeTruthy();
    expect([...p.keys()].sort()).toEqual([
      "client_id",
      "code_challenge",
      "code_challenge_method",
      "nonce",
      "redirect_uri",
      "response_type",
      "scope",
      "state",
    ]);
    // The IdP received exactly that request.
    expect(authorizationRequests.at(-1)?.searchParams.get("code_challenge_method")).toBe("S256");
    // The login-flow cookie: Lax (the IdP's redirect back is a cross-site GET), short-lived, only on the OIDC routes.
    expect(attributes(res, FLOW_COOKIE)).toEqual([
      "HttpOnly",
      "Max-Age=600",
      "Path=/api/v1/sessie/oidc",
      "SameSite=Lax",
      "Secure",
    ]);
  });

  it("signs the user in: validated code exchange, the subject mapped to an active user, a Strict session cookie, back to `terug`", async () => {
    const before = (await store.db.selectFrom("app_session").select("id_hash").execute()).length;
    const {
      flow,
      authorization,
      callback: back,
    } = await startLogin(app, "sub-aanmelder", "/toewijzingen?open=1");
    // The verifier behind the challenge is on the server, in the pre-login row, not in any URL.
    const rows = await store.db.selectFrom("app_session").selectAll().where("user_id", "is", null).execute();
    const verifier = rows
      .map((r) => (typeof r.data === "string" ? JSON.parse(r.data) : r.data) as { codeVerifier?: string })
      .find(
        (d) =>
          d.codeVerifier &&
          createHash("sha256").update(d.codeVerifier).digest("base64url") ===
            authorization.searchParams.get("code_challenge"),
      )?.codeVerifier;
    expect(verifier).toBeTruthy();
    expect(authorization.href).not.toContain(verifier);
    expect(back.searchParams.get("code")).toBeTruthy();

    const res = await callback(app, back, flow);
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe("/toewijzingen?open=1");
    expect(attributes(res, COOKIE)).toEqual(["HttpOnly", "Path=/", "SameSite=Strict", "Secure"]);
    expect(attributes(res, FLOW_COOKIE)).toEqual(
      expect.arrayContaining(["Max-Age=0", "Path=/api/v1/sessie/oidc"]),
    );
    const token = cookieValue(res, COOKIE) ?? "";

    const me = await app.inject({
      method: "GET",
      url: "/api/v1/sessie",
      headers: { cookie: `${COOKIE}=${token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ userId: "a.aanmelder", role: "toegang", municipality: "0855" });

    const login = (await listAudit(store.db, { actorId: "a.aanmelder" }))
      .filter((r) => r.action === "inloggen")
      .at(-1);
    expect(login).toMatchObject({ purpose: "inloggen", outcome: "ok", detail: { method: "oidc" } });
    // The pre-login row is gone; one session row was added.
    expect((await store.db.selectFrom("app_session").select("id_hash").execute()).length).toBe(before + 1);

    // No code, state or token in the audit trail or the technical log.
    const code = back.searchParams.get("code") ?? "";
    const state = back.searchParams.get("state") ?? "";
    const everything = JSON.stringify(await listAudit(store.db)) + log.join("");
    for (const secret of [code, state, token, verifier ?? ""]) expect(everything).not.toContain(secret);
    expect(log.join("")).toContain("/api/v1/sessie/oidc/callback?code=…");

    // The same answer again: the pre-login row was used up.
    const replay = await callback(app, back, flow);
    expect(replay.statusCode).toBe(400);

    const logout = await app.inject({
      method: "DELETE",
      url: "/api/v1/sessie",
      headers: { cookie: `${COOKIE}=${token}`, "x-csrf-token": me.json<{ csrfToken: string }>().csrfToken },
    });
    expect(logout.statusCode).toBe(204);
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/sessie", headers: { cookie: `${COOKIE}=${token}` } }))
        .statusCode,
    ).toBe(401);
  });

  it("works for a public client too (PKCE without a client secret)", async () => {
    const { flow, callback: back } = await startLogin(publicApp, "sub-aanmelder");
    const res = await callback(publicApp, back, flow);
    expect(res.statusCode, res.body).toBe(302);
    expect(cookieValue(res, COOKIE)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses an answer whose state does not match (400), with an audit record and no session", async () => {
    const { flow, callback: back } = await startLogin(app, "sub-aanmelder");
    back.searchParams.set("state", "een-andere-state");
    const res = await callback(app, back, flow);
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json().detail).toContain("state klopt niet");
    expect(cookieValue(res, COOKIE)).toBeUndefined();
    expect((await failures()).at(-1)).toMatchObject({
      outcome: "geweigerd",
      detail: { method: "oidc", reason: "state-klopt-niet" },
    });
  });

  it("checks the ID token's nonce and the PKCE verifier: a different one on the server side fails the login (401)", async () => {
    for (const field of ["nonce", "codeVerifier"]) {
      const { flow, callback: back } = await startLogin(app, "sub-aanmelder");
      await sql`update app_session set data = jsonb_set(data, ${`{${field}}`}::text[], '"niet-wat-de-idp-kreeg-0000000000000000000000000"')
        where user_id is null`.execute(store.db);
      const res = await callback(app, back, flow);
      expect(res.statusCode, field).toBe(401);
      expect(res.json().detail).toContain("kon niet worden gecontroleerd");
      expect(cookieValue(res, COOKIE)).toBeUndefined();
      expect((await failures()).at(-1)).toMatchObject({
        detail: { method: "oidc", reason: "controle-mislukt" },
      });
    }
  });

  it("refuses a subject the registry does not know (401), audited with the subject and without the code", async () => {
    const { flow, callback: back } = await startLogin(app, "sub-onbekend");
    const res = await callback(app, back, flow);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      title: "Niet aangemeld",
      detail: expect.stringContaining("niet in Wegwijzer"),
    });
    expect(cookieValue(res, COOKIE)).toBeUndefined();
    const record = (await failures()).at(-1);
    expect(record).toMatchObject({
      actorId: null,
      purpose: "inloggen",
      outcome: "geweigerd",
      detail: { method: "oidc", reason: "onbekende-gebruiker", subject: "sub-onbekend" },
    });
    expect(JSON.stringify(record)).not.toContain(back.searchParams.get("code") ?? "?");
  });

  it("refuses a known but deactivated user (401)", async () => {
    const { flow, callback: back } = await startLogin(app, "sub-niet-actief");
    const res = await callback(app, back, flow);
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toContain("niet actief");
    expect((await failures()).at(-1)).toMatchObject({
      actorId: "n.nietactief",
      detail: { reason: "niet-actief" },
    });
  });

  it("reports a login the user cancelled at the IdP (401 with the IdP's error code)", async () => {
    const { flow, callback: back } = await startLogin(app, "sub-aanmelder", "/", { abort: true });
    expect(back.searchParams.get("error")).toBe("access_denied");
    const res = await callback(app, back, flow);
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toContain("access_denied");
    expect((await failures()).at(-1)).toMatchObject({
      detail: { method: "oidc", reason: "idp-fout", code: "access_denied" },
    });
  });

  it("refuses a callback that was not started in this browser (400)", async () => {
    const { callback: back } = await startLogin(app, "sub-aanmelder");
    const res = await callback(app, back, undefined);
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain("niet in deze browser begonnen");
    expect((await failures()).at(-1)).toMatchObject({ detail: { reason: "geen-aanmeldpoging" } });
  });

  it("accepts only a path on this server as `terug`", async () => {
    for (const terug of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "evil", "/a b"]) {
      const res = await app.inject({
        method: "GET",
        url: `/api/v1/sessie/oidc/login?terug=${encodeURIComponent(terug)}`,
      });
      expect(res.statusCode, terug).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ in: "query", pointer: "#/terug" });
    }
  });

  it("answers 503 when the IdP cannot be reached, and allows http issuers only on this machine", async () => {
    const down = await buildServer({
      store,
      auth: { oidc: { issuer: "http://127.0.0.1:1", clientId: "x", redirectUri: REDIRECT_URI } },
    });
    try {
      const res = await down.inject({ method: "GET", url: "/api/v1/sessie/oidc/login" });
      expect(res.statusCode).toBe(503);
      expect(res.json().detail).toContain("niet te bereiken");
    } finally {
      await down.close();
    }
    expect(
      oidcProblems({ issuer: "http://idp.example", clientId: "x", redirectUri: "https://w.example/cb" }),
    ).toEqual([expect.stringContaining("OIDC_ISSUER moet https gebruiken")]);
    expect(
      oidcProblems({
        issuer: "https://idp.example",
        clientId: "x",
        redirectUri: "https://w.example/cb",
        scopes: "profile",
      }),
    ).toEqual(["OIDC_SCOPES moet 'openid' bevatten"]);
    expect(
      oidcProblems({
        issuer: "http://localhost:8080/realms/x",
        clientId: "x",
        redirectUri: "http://127.0.0.1:3000/cb",
      }),
    ).toEqual([]);
  });
});

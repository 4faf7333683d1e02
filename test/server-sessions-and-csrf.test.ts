import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyRequest, LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/server/app.ts";
import { requireActor } from "../src/server/auth/guard.ts";
import { traceIdFrom } from "../src/server/auth/request.ts";
import { ApiProblem } from "../src/server/problem.ts";
import { listAudit } from "../src/store/audit.ts";
import type { Store } from "../src/store/database.ts";
import { saveUser, setUserActive } from "../src/store/users.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * Server-side sessions (issue 6): demo login, the session cookie and its attributes, the CSRF token on
 * every change that comes with a session, idle and absolute ends, a deactivated user, logout, and the
 * trace id that ties a request's audit records together.
 */

const COOKIE = "__Host-wegwijzer-sessie";
const advice = { regionId: "hart-van-brabant", case: { requestDate: "2024-03-01", crisis: true } };

const tokenOf = (res: LightMyRequestResponse): string => {
  const set = [res.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith(`${COOKIE}=`));
  const token = set?.slice(COOKIE.length + 1).split(";")[0];
  if (!token) throw new Error(`geen sessiecookie in ${JSON.stringify(res.headers["set-cookie"])}`);
  return token;
};
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function seedUsers(store: Store) {
  await saveUser(store, {
    id: "demo-toegang",
    name: "Demo Toegang Tilburg (fictief)",
    role: "toegang",
    organisation: "gemeente:0855",
    municipality: "0855",
  });
  await saveUser(store, {
    id: "demo-beleid",
    name: "Demo beleid (fictief)",
    role: "beleid",
    organisation: "regio:x",
  });
  await saveUser(store, {
    id: "demo-auditor",
    name: "Demo auditor (fictief)",
    role: "auditor",
    organisation: "regio:x",
  });
  // A user who is not a demo user: demo login must never reach them.
  await saveUser(store, {
    id: "t.tester",
    name: "T. Tester (fictief)",
    role: "beheer",
    organisation: "regio:x",
  });
}

describe.each(engines)("sessions on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    await seedUsers(store);
    app = await buildServer({
      store,
      auth: { demoLogin: true, loginRateLimit: { max: 1000, timeWindowMs: 60_000 } },
    });
  });
  afterAll(async () => {
    await app.close();
    await done();
  });

  const login = async (gebruiker: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/sessie/demo",
      payload: { gebruiker },
      headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const token = tokenOf(res);
    return { res, token, cookie: `${COOKIE}=${token}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
  };
  const sessionRow = (token: string) =>
    store.db.selectFrom("app_session").selectAll().where("id_hash", "=", sha256(token)).executeTakeFirst();

  it("a demo login sets an HttpOnly, Secure, SameSite=Strict cookie for the whole site and says who signed in", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const { res, token } = await login("demo-toegang", { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    const cookie = [res.headers["set-cookie"]].flat().find((c) => c?.startsWith(`${COOKIE}=`)) ?? "";
    expect(cookie).toMatch(/^__Host-wegwijzer-sessie=[A-Za-z0-9_-]{43}; /);
    const attributes = cookie.split("; ").slice(1).sort();
    expect(attributes).toEqual(["HttpOnly", "Path=/", "SameSite=Strict", "Secure"]);
    expect(res.json()).toMatchObject({
      userId: "demo-toegang",
      role: "toegang",
      organisation: "gemeente:0855",
      municipality: "0855",
      providerAgb: null,
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    // Only the token's hash is kept; the token itself is nowhere in the table.
    const row = await sessionRow(token);
    expect(row?.user_id).toBe("demo-toegang");
    const all = JSON.stringify(await store.db.selectFrom("app_session").selectAll().execute());
    expect(all).not.toContain(token);
    const audit = (await listAudit(store.db, { actorId: "demo-toegang" })).filter(
      (r) => r.action === "inloggen",
    );
    expect(audit.at(-1)).toMatchObject({
      traceId,
      purpose: "inloggen",
      resource: "sessie",
      outcome: "ok",
      detail: { method: "demo" },
    });
  });

  it("GET /sessie answers who is signed in, and 401 'Meld u eerst aan' without a session", async () => {
    const { cookie, csrf } = await login("demo-beleid");
    const me = await app.inject({ method: "GET", url: "/api/v1/sessie", headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ userId: "demo-beleid", role: "beleid", csrfToken: csrf });
    expect(Date.parse(me.json<{ expiresAt: string }>().expiresAt)).toBeGreaterThan(Date.now() + 29 * 60_000);

    const anonymous = await app.inject({ method: "GET", url: "/api/v1/sessie" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(anonymous.json()).toMatchObject({
      type: "urn:wegwijzer:problem:unauthorized",
      title: "Niet aangemeld",
      detail: expect.stringMatching(/^Meld u eerst aan\./),
    });
  });

  it("gives a new token on every login and ends the session the browser had before", async () => {
    const first = await login("demo-toegang");
    const second = await login("demo-beleid", { cookie: first.cookie, "x-csrf-token": first.csrf });
    expect(second.token).not.toBe(first.token);
    expect(await sessionRow(first.token)).toBeUndefined();
    const old = await app.inject({ method: "GET", url: "/api/v1/sessie", headers: { cookie: first.cookie } });
    expect(old.statusCode).toBe(401);
  });

  it("refuses a change that comes with a session cookie but without the right X-CSRF-Token (403), in Dutch", async () => {
    const { cookie, csrf } = await login("demo-toegang");
    const missing = await app.inject({
      method: "POST",
      url: "/api/v1/advice",
      payload: advice,
      headers: { cookie },
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({
      type: "urn:wegwijzer:problem:forbidden",
      title: "Niet toegestaan",
      detail: expect.stringContaining("X-CSRF-Token ontbreekt"),
    });
    const wrong = await app.inject({
      method: "DELETE",
      url: "/api/v1/sessie",
      headers: { cookie, "x-csrf-token": `${csrf.slice(0, -1)}${csrf.endsWith("A") ? "B" : "A"}` },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().detail).toContain("hoort niet bij deze sessie");
    // A token of another session does not fit either.
    const other = await login("demo-beleid");
    const foreign = await app.inject({
      method: "POST",
      url: "/api/v1/advice",
      payload: advice,
      headers: { cookie, "x-csrf-token": other.csrf },
    });
    expect(foreign.statusCode).toBe(403);

    const right = await app.inject({
      method: "POST",
      url: "/api/v1/advice",
      payload: advice,
      headers: { cookie, "x-csrf-token": csrf },
    });
    expect(right.statusCode).toBe(200);
    // Reading needs no token.
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/regions", headers: { cookie } })).statusCode,
    ).toBe(200);
  });

  it("leaves requests without a session cookie alone: the public routes stay public", async () => {
    const res = await app.inject({ method: "POST", url: "/api/v1/advice", payload: advice });
    expect(res.statusCode).toBe(200);
    // A cookie that opens no session carries no authority: no CSRF token needed, and it is cleared.
    const stale = await app.inject({
      method: "POST",
      url: "/api/v1/advice",
      payload: advice,
      headers: { cookie: `${COOKIE}=${"x".repeat(43)}` },
    });
    expect(stale.statusCode).toBe(200);
    expect(String(stale.headers["set-cookie"])).toMatch(/^__Host-wegwijzer-sessie=; Max-Age=0;/);
  });

  it("logs out: the row goes, the cookie is cleared, the logout is audited, and the cookie no longer works", async () => {
    const { cookie, csrf, token } = await login("demo-auditor");
    const res = await app.inject({
      method: "DELETE",
      url: "/api/v1/sessie",
      headers: { cookie, "x-csrf-token": csrf },
    });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe("");
    const cleared = String(res.headers["set-cookie"]).split("; ");
    expect(cleared[0]).toBe("__Host-wegwijzer-sessie=");
    expect(cleared).toEqual(
      expect.arrayContaining(["Max-Age=0", "Path=/", "HttpOnly", "Secure", "SameSite=Strict"]),
    );
    expect(await sessionRow(token)).toBeUndefined();
    const audit = await listAudit(store.db, { actorId: "demo-auditor" });
    const logout = audit.filter((r) => r.action === "uitloggen");
    const loginRecord = audit.filter((r) => r.action === "inloggen").at(-1);
    expect(logout).toHaveLength(1);
    // Login and logout name the same session, by a part of its hash.
    expect(logout[0]?.resourceId).toBe(loginRecord?.resourceId);
    expect(logout[0]?.resourceId).toBe(sha256(token).slice(0, 16));
    expect((await app.inject({ method: "GET", url: "/api/v1/sessie", headers: { cookie } })).statusCode).toBe(
      401,
    );
    // Logging out without a session is harmless.
    expect((await app.inject({ method: "DELETE", url: "/api/v1/sessie" })).statusCode).toBe(204);
  });

  it("ends a session after its idle time, and removes the row", async () => {
    const { cookie, token } = await login("demo-toegang");
    await store.db
      .updateTable("app_session")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id_hash", "=", sha256(token))
      .execute();
    const res = await app.inject({ method: "GET", url: "/api/v1/sessie", headers: { cookie } });
    expect(res.statusCode).toBe(401);
    expect(String(res.headers["set-cookie"])).toMatch(/^__Host-wegwijzer-sessie=; Max-Age=0;/);
    expect(await sessionRow(token)).toBeUndefined();
  });

  it("ends a session 8 hours after login, however active it was", async () => {
    const { cookie, token } = await login("demo-toegang");
    await store.db
      .updateTable("app_session")
      .set({
        created_at: new Date(Date.now() - 8 * 3_600_000 - 1000),
        expires_at: new Date(Date.now() + 600_000),
      })
      .where("id_hash", "=", sha256(token))
      .execute();
    expect((await app.inject({ method: "GET", url: "/api/v1/sessie", headers: { cookie } })).statusCode).toBe(
      401,
    );
    expect(await sessionRow(token)).toBeUndefined();
  });

  it("moves the idle end with each request, but never past the absolute end", async () => {
    const { cookie, token } = await login("demo-toegang");
    const idHash = sha256(token);
    await store.db
      .updateTable("app_session")
      .set({ expires_at: new Date(Date.now() + 5000) })
      .where("id_hash", "=", idHash)
      .execute();
    await app.inject({ method: "GET", url: "/api/v1/regions", headers: { cookie } });
    const moved = (await sessionRow(token))?.expires_at;
    expect(new Date(moved ?? 0).getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);

    const created = new Date(Date.now() - 8 * 3_600_000 + 10 * 60_000);
    await store.db
      .updateTable("app_session")
      .set({ created_at: created, expires_at: new Date(Date.now() + 5000) })
      .where("id_hash", "=", idHash)
      .execute();
    const me = await app.inject({ method: "GET", url: "/api/v1/sessie", headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const capped = new Date((await sessionRow(token))?.expires_at ?? 0).getTime();
    expect(capped).toBeLessThanOrEqual(created.getTime() + 8 * 3_600_000);
    expect(Date.parse(me.json<{ expiresAt: string }>().expiresAt)).toBe(capped);
  });

  it("stops a deactivated user's session at once, also when its row was left behind", async () => {
    const first = await login("demo-beleid");
    await setUserActive(store, "demo-beleid", false);
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/sessie", headers: { cookie: first.cookie } }))
        .statusCode,
    ).toBe(401);
    const relogin = await app.inject({
      method: "POST",
      url: "/api/v1/sessie/demo",
      payload: { gebruiker: "demo-beleid" },
    });
    expect(relogin.statusCode).toBe(401);
    expect(relogin.headers["set-cookie"]).toBeUndefined();

    await setUserActive(store, "demo-beleid", true);
    const second = await login("demo-beleid");
    // Deactivated by hand, without the sessions going: the active flag alone still ends it.
    await sql`update app_user set active = false where id = 'demo-beleid'`.execute(store.db);
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/sessie", headers: { cookie: second.cookie } }))
        .statusCode,
    ).toBe(401);
    await setUserActive(store, "demo-beleid", true);
  });

  it("refuses demo login for an unknown id and for a user who is not a demo user, with an audit record", async () => {
    for (const gebruiker of ["demo-bestaat-niet", "t.tester"]) {
      const res = await app.inject({ method: "POST", url: "/api/v1/sessie/demo", payload: { gebruiker } });
      expect(res.statusCode, gebruiker).toBe(401);
      expect(res.json().detail).toContain("demo-toegang");
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
    const failed = (await listAudit(store.db)).filter((r) => r.action === "inloggen-mislukt");
    expect(failed.map((r) => r.detail)).toEqual(
      expect.arrayContaining([
        { method: "demo", reason: "onbekende-gebruiker", user: "demo-bestaat-niet" },
        { method: "demo", reason: "onbekende-gebruiker", user: "t.tester" },
      ]),
    );
    expect(failed.every((r) => r.outcome === "geweigerd" && r.purpose === "inloggen")).toBe(true);
  });

  it("says OpenID Connect login is not set up when it is not (404)", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/sessie/oidc/login" });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toContain("OpenID Connect");
  });
});

describe("demo login switched off, and the login rate limit", () => {
  let store: Store;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await freshStore("pglite"));
    await seedUsers(store);
  });
  afterAll(() => done());

  it("answers 404 when demo login is off (the default)", async () => {
    const app = await buildServer({ store });
    try {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/sessie/demo",
        payload: { gebruiker: "demo-toegang" },
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().detail).toBe("Aanmelden als demogebruiker staat uit op deze server.");
      expect(res.headers["set-cookie"]).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it("limits login attempts per client address (429)", async () => {
    const app = await buildServer({
      store,
      auth: { demoLogin: true, loginRateLimit: { max: 2, timeWindowMs: 60_000 } },
    });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) {
        codes.push(
          (
            await app.inject({
              method: "POST",
              url: "/api/v1/sessie/demo",
              payload: { gebruiker: "demo-toegang" },
            })
          ).statusCode,
        );
      }
      expect(codes).toEqual([200, 200, 429]);
      // Other routes do not count against it.
      expect((await app.inject({ method: "GET", url: "/api/v1/sessie" })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it("without Secure (plain http on this machine) the cookie drops the __Host- prefix and the Secure flag", async () => {
    const app = await buildServer({ store, auth: { demoLogin: true, secureCookie: false } });
    try {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/sessie/demo",
        payload: { gebruiker: "demo-toegang" },
      });
      expect(String(res.headers["set-cookie"])).toMatch(
        /^wegwijzer-sessie=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
      );
    } finally {
      await app.close();
    }
  });
});

describe("the OpenAPI document of a server with a registry", () => {
  it("documents the /sessie routes under the tag sessie, the redirects with Location, and the CSRF header", async () => {
    const { store, done } = await freshStore("pglite");
    const app = await buildServer({ store });
    try {
      type Op = {
        tags: string[];
        responses: Record<string, { headers?: Record<string, unknown> }>;
        parameters?: { name: string; in: string }[];
      };
      const doc = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json<{
        paths: Record<string, Record<string, Op>>;
        tags: { name: string }[];
      }>();
      const ops = Object.entries(doc.paths)
        .filter(([path]) => path.startsWith("/sessie"))
        .flatMap(([path, item]) =>
          Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
        );
      expect(ops.map((o) => o.key).sort()).toEqual([
        "DELETE /sessie",
        "GET /sessie",
        "GET /sessie/oidc/callback",
        "GET /sessie/oidc/login",
        "POST /sessie/demo",
      ]);
      expect(doc.tags.map((t) => t.name)).toContain("sessie");
      for (const { key, op } of ops) {
        expect(op.tags, key).toEqual(["sessie"]);
        expect(op.responses, key).toHaveProperty("500");
      }
      const byKey = new Map(ops.map((o) => [o.key, o.op]));
      for (const key of ["GET /sessie/oidc/login", "GET /sessie/oidc/callback"]) {
        expect(byKey.get(key)?.responses["302"]?.headers, key).toHaveProperty("Location");
      }
      expect(byKey.get("GET /sessie")?.responses).toHaveProperty("401");
      for (const key of ["DELETE /sessie", "POST /sessie/demo"]) {
        expect(byKey.get(key)?.parameters, key).toContainEqual(
          expect.objectContaining({ name: "x-csrf-token", in: "header" }),
        );
        expect(byKey.get(key)?.responses, key).toHaveProperty("403");
      }
    } finally {
      await app.close();
      await done();
    }
  });
});

describe("requireActor", () => {
  const request = (actor: FastifyRequest["actor"]) => ({ actor }) as FastifyRequest;
  const problemOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e as ApiProblem;
    }
    throw new Error("geen probleem gegooid");
  };

  it("answers 401 'Meld u eerst aan' without an actor", () => {
    const p = problemOf(() => requireActor(request(null)));
    expect(p).toBeInstanceOf(ApiProblem);
    expect(p.status).toBe(401);
    expect(p.detail).toMatch(/^Meld u eerst aan/);
  });

  it("answers 403 naming the role and the action when the role lacks it, and returns the actor otherwise", () => {
    const actor = { userId: "b", name: "B", role: "beleid" as const, organisation: "regio:x" };
    const p = problemOf(() => requireActor(request(actor), "client.lezen"));
    expect(p.status).toBe(403);
    expect(p.detail).toContain("beleid");
    expect(p.detail).toContain("client.lezen");
    expect(requireActor(request(actor), "monitoring.lezen")).toBe(actor);
    expect(requireActor(request(actor))).toBe(actor);
  });
});

describe("the trace id of a request", () => {
  it("is the trace-id of a valid W3C traceparent header, and nothing from an invalid one", () => {
    expect(traceIdFrom("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).toBe(
      "4bf92f3577b34da6a3ce929d0e0e4736",
    );
    for (const bad of [
      undefined,
      "",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
      "00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01",
    ]) {
      expect(traceIdFrom(bad), String(bad)).toBeUndefined();
    }
    // A later version may add fields after the flags.
    expect(traceIdFrom("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-whatever")).toBe(
      "4bf92f3577b34da6a3ce929d0e0e4736",
    );
  });
});

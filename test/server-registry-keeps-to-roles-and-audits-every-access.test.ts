import { randomBytes } from "node:crypto";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { allows } from "../src/registry/access.ts";
import { verifyAudit } from "../src/store/audit.ts";
import { downloadMessageAs, listMessagesAs, syncRegionModelsAs } from "../src/store/records.ts";
import type { Store } from "../src/store/database.ts";
import {
  ACTORS,
  type AccessWorld,
  buildAccessWorld,
  CLIENTS,
  P1,
  P2,
  REACH,
} from "./support/access-world.ts";
import { API_BASE } from "../src/server/openapi.ts";
import { apiOn, as, type Session, sessionFor } from "./support/api.ts";
import { votXml } from "./support/ijw.ts";
import { tilburgGgzCase } from "./support/registry.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * The registry over HTTP: nobody reads anything without signing in; a signed-in user reaches exactly the
 * clients of its relationship, and a client out of reach answers 404 like one that does not exist; and
 * every endpoint that touches personal data leaves audit records under the request's trace id. The list
 * of endpoints comes from the OpenAPI document, so a new endpoint without a case here fails this test.
 */

/** Operations that hold no personal data (or are the login itself, audited by the session tests). */
const PUBLIC = new Set([
  "health",
  "getOpenApi",
  "advise",
  "compare",
  "validateIjwMessage",
  "listRegions",
  "getRegion",
  "getRegionRules",
  "getRegionDifferences",
  "checkRegion",
  "getSession",
  "loginDemo",
  "logout",
  "loginOidc",
  "loginOidcCallback",
]);

interface Operation {
  id: string;
  method: string;
  path: string;
}

function operationsOf(app: FastifyInstance): Operation[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, { operationId?: string }>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, op]) => op.operationId)
      .map(([method, op]) => ({
        id: op.operationId!,
        method: method.toUpperCase(),
        path: `${API_BASE}${path}`,
      })),
  );
}

describe.each(engines)("the registry API on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  let app: FastifyInstance;
  let world: AccessWorld;
  const sessions: Record<string, Session> = {};

  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    world = await buildAccessWorld(store);
    app = await apiOn(store);
    for (const id of Object.keys(ACTORS)) sessions[id] = await sessionFor(store, id);
  });
  afterAll(async () => {
    await app.close();
    await done();
  });

  it("answers 401 to every registry endpoint without a session, and reads nothing", async () => {
    const before = await store.db.selectFrom("audit_event").select("seq").execute();
    const ops = operationsOf(app).filter((o) => !PUBLIC.has(o.id));
    expect(ops.length).toBeGreaterThanOrEqual(19);
    for (const op of ops) {
      const url = op.path.replace(/\{[^}]+\}/g, (p) => (p === "{nummer}" ? "T1000001" : world.id.A));
      const res = await app.inject({
        method: op.method as InjectOptions["method"],
        url,
        ...(op.method === "POST" || op.method === "PUT" ? { payload: {} } : {}),
      });
      // A body the route cannot take is refused first (400/415); either way nothing is read.
      expect([400, 401, 415], `${op.method} ${url}`).toContain(res.statusCode);
      if (res.statusCode === 401) expect(res.json().title).toBe("Niet aangemeld");
    }
    const after = await store.db.selectFrom("audit_event").select("seq").execute();
    expect(after.length).toBe(before.length);
  });

  it("gives each role exactly the files of its relationship; the rest answers 404, an action the role lacks 403", async () => {
    for (const [name, actor] of Object.entries(ACTORS)) {
      for (const key of CLIENTS) {
        const file = await as(app, sessions[name], {
          method: "GET",
          url: `/api/v1/clienten/${world.id[key]}`,
        });
        const search = await as(app, sessions[name], {
          method: "POST",
          url: "/api/v1/clienten/zoeken",
          payload: { bsn: world.bsn[key] },
        });
        const where = `${name} → ${key}`;
        if (!allows(actor, "client.lezen")) {
          expect(file.statusCode, where).toBe(403);
          expect(search.statusCode, where).toBe(403);
        } else if ((REACH[name] ?? []).includes(key)) {
          expect(file.statusCode, where).toBe(200);
          expect(file.json().client.id).toBe(world.id[key]);
          expect(search.json().clienten.map((c: { id: string }) => c.id)).toEqual([world.id[key]]);
        } else {
          expect(file.statusCode, where).toBe(404);
          expect(file.json().title).toBe("Niet gevonden");
          expect(search.statusCode, where).toBe(200);
          expect(search.json().clienten).toEqual([]);
        }
        // The BSN never shows up in an address or an error.
        expect(file.body.includes(world.bsn[key]) && !(REACH[name] ?? []).includes(key)).toBe(false);
      }
    }
  });

  it("lets only a functional admin reload the region models, and refuses while a model has errors", async () => {
    const refused = await as(app, sessions["toegang-tilburg"], {
      method: "POST",
      url: "/api/v1/regiomodellen/herladen",
    });
    expect(refused.statusCode).toBe(403);
    const ctx = { store, actor: ACTORS.beheer!, today: "2026-06-01" };
    const before = await store.db.selectFrom("region_membership").selectAll().execute();
    await expect(
      syncRegionModelsAs(ctx, () => [{ regionId: "hart-van-brabant", errors: 2 }]),
    ).rejects.toThrow(/statische controle/);
    expect(await store.db.selectFrom("region_membership").selectAll().execute()).toEqual(before);
    const done = await as(app, sessions.beheer, { method: "POST", url: "/api/v1/regiomodellen/herladen" });
    expect(done.statusCode).toBe(200);
    // The models on disk did not change since the store opened: nothing to update.
    expect(done.json()).toEqual({
      regions: 0,
      municipalities: 0,
      memberships: { inserted: 0, updated: 0, deleted: 0 },
    });
  });

  it("a provider gains no file by sending a request for a child it does not serve, and learns nothing from the answer", async () => {
    const vot = votXml({
      identificatie: "VOT-PROBE-1",
      dagtekening: "2026-06-01",
      bsn: world.bsn.A,
      agb: P2,
      products: [
        {
          ref: "PROBE-1",
          category: "54",
          code: "54001",
          start: "2026-07-01",
          end: "2026-12-31",
          omvang: { Volume: 10, Eenheid: "04", Frequentie: "6" },
        },
      ],
    });
    const upload = await as(app, sessions["aanbieder-2"], {
      method: "POST",
      url: "/api/v1/ijw/berichten",
      headers: { "content-type": "application/xml" },
      payload: vot,
    });
    expect(upload.statusCode).toBe(200);
    // Rule and retour code only: no allocation number, no municipality from the registry.
    for (const reason of upload.json().reasons as string[])
      expect(reason).toMatch(/^([A-Z]{2}\d{3,4} \(retourcode \d{4}\)|zie de retour)$/);
    const file = await as(app, sessions["aanbieder-2"], {
      method: "GET",
      url: `/api/v1/clienten/${world.id.A}`,
    });
    expect(file.statusCode).toBe(404);
    // Its own request and the answer to it are still its to fetch.
    const list = await as(app, sessions["aanbieder-2"], { method: "GET", url: "/api/v1/ijw/berichten" });
    const identificaties = (list.json().berichten as { identificatie: string }[]).map((m) => m.identificatie);
    expect(identificaties).toContain("VOT-PROBE-1");
    for (const produced of upload.json().produced as { identificatie: string }[])
      expect(identificaties).toContain(produced.identificatie);
  });

  it("takes the BSN only in a body: no parameter in the OpenAPI document is a BSN", () => {
    const doc = JSON.stringify(app.swagger());
    const params = [...doc.matchAll(/"in":"(path|query)","name":"([^"]+)"/g)].map((m) => m[2]);
    expect(params.length).toBeGreaterThan(0);
    expect(params.filter((p) => /bsn/i.test(p ?? ""))).toEqual([]);
  });

  it("writes audit records under the request's trace id for every endpoint that touches personal data", async () => {
    const [newBsn = ""] = testBsns(1, 9090);
    const vot = votXml({
      identificatie: "VOT-AUDIT-1",
      dagtekening: "2026-06-01",
      bsn: world.bsn.A,
      agb: P1,
      products: [
        {
          ref: "AUDIT-1",
          category: "54",
          code: "54001",
          start: "2026-07-01",
          end: "2026-12-31",
          omvang: { Volume: 10, Eenheid: "04", Frequentie: "6" },
        },
      ],
    });
    // In order: the upload comes before the list and the download of what it produced.
    const samples: [string, string, InjectOptions, string | null][] = [
      [
        "searchClients",
        "toegang-tilburg",
        { method: "POST", url: "/api/v1/clienten/zoeken", payload: { bsn: world.bsn.A } },
        world.id.A,
      ],
      [
        "getClientFile",
        "toegang-tilburg",
        { method: "GET", url: `/api/v1/clienten/${world.id.A}` },
        world.id.A,
      ],
      [
        "clientAccessLog",
        "toegang-tilburg",
        { method: "GET", url: `/api/v1/clienten/${world.id.A}/inzage` },
        world.id.A,
      ],
      [
        "listContracts",
        "toegang-tilburg",
        { method: "GET", url: "/api/v1/contracten?regio=hart-van-brabant&segment=4" },
        null,
      ],
      [
        "breakGlass",
        "toegang-dongen",
        {
          method: "POST",
          url: "/api/v1/clienten/noodtoegang",
          payload: { bsn: world.bsn.C, reden: "crisis, direct hulp nodig" },
        },
        world.id.C,
      ],
      ["listReferrals", "toegang-tilburg", { method: "GET", url: "/api/v1/verwijzingen" }, world.id.A],
      [
        "getReferral",
        "verwijzer-1",
        { method: "GET", url: `/api/v1/verwijzingen/${world.referralOf.A}` },
        world.id.A,
      ],
      [
        "createReferral",
        "verwijzer-1",
        {
          method: "POST",
          url: "/api/v1/verwijzingen",
          payload: { bsn: newBsn, case: tilburgGgzCase, idempotencyKey: "audit-1" },
        },
        null,
      ],
      ["listAllocations", "aanbieder-1", { method: "GET", url: "/api/v1/toewijzingen" }, world.id.A],
      [
        "getAllocation",
        "coalitie-s4",
        { method: "GET", url: `/api/v1/toewijzingen/${world.allocationOf.A}` },
        world.id.A,
      ],
      [
        "createAllocation",
        "toegang-tilburg",
        {
          method: "POST",
          url: "/api/v1/toewijzingen",
          payload: {
            clientId: world.id.D,
            municipality: "0855",
            segment: "4",
            product: "ggz-specialistisch",
            providerAgb: P1,
            startDate: "2026-07-01",
            endDate: "2026-12-31",
            volume: 20,
            unit: "04",
            frequency: "6",
            idempotencyKey: "audit-2",
          },
        },
        world.id.D,
      ],
      [
        "endAllocation",
        "toegang-tilburg",
        {
          method: "POST",
          url: `/api/v1/toewijzingen/${world.allocationOf.A}/beeindigen`,
          payload: { einddatum: "2026-11-30", reden: "doel bereikt" },
        },
        world.id.A,
      ],
      ["listDeadlines", "toegang-tilburg", { method: "GET", url: "/api/v1/termijnen" }, null],
      [
        "allocationCounts",
        "beleid",
        { method: "GET", url: "/api/v1/monitoring/toewijzingen?peildatum=2026-06-01" },
        null,
      ],
      [
        "getReport",
        "beleid",
        { method: "GET", url: "/api/v1/monitoring/rapporten/per-segment?jaar=2026" },
        null,
      ],
      ["listUsers", "beheer", { method: "GET", url: "/api/v1/gebruikers" }, null],
      [
        "saveUser",
        "beheer",
        {
          method: "PUT",
          url: "/api/v1/gebruikers/toegang-nieuw",
          payload: { name: "N. Nieuw", role: "toegang", organisation: "gemeente:0855", municipality: "0855" },
        },
        null,
      ],
      [
        "uploadIjwMessage",
        "aanbieder-1",
        {
          method: "POST",
          url: "/api/v1/ijw/berichten",
          headers: { "content-type": "application/xml" },
          payload: vot,
        },
        world.id.A,
      ],
      ["listIjwMessages", "aanbieder-1", { method: "GET", url: "/api/v1/ijw/berichten" }, world.id.A],
      ["listIjwRequests", "aanbieder-1", { method: "GET", url: "/api/v1/ijw/verzoeken" }, world.id.A],
      [
        "listDeliveryReports",
        "aanbieder-1",
        { method: "GET", url: `/api/v1/toewijzingen/${world.allocationOf.A}/meldingen` },
        world.id.A,
      ],
      [
        "reportDelivery",
        "aanbieder-1",
        {
          method: "POST",
          url: `/api/v1/toewijzingen/${world.allocationOf.A}/meldingen`,
          payload: { soort: "start", begindatum: "2026-03-10" },
        },
        world.id.A,
      ],
      ["downloadIjwMessage", "aanbieder-1", { method: "GET", url: "(first outgoing)" }, world.id.A],
      ["reloadRegionModels", "beheer", { method: "POST", url: "/api/v1/regiomodellen/herladen" }, null],
      ["auditPerClient", "auditor", { method: "GET", url: `/api/v1/logboek/clienten/${world.id.A}` }, null],
      [
        "auditPerEmployee",
        "auditor",
        { method: "GET", url: "/api/v1/logboek/medewerkers/toegang-tilburg" },
        null,
      ],
      ["verifyAudit", "auditor", { method: "GET", url: "/api/v1/logboek/verificatie" }, null],
    ];
    const personal = operationsOf(app)
      .filter((o) => !PUBLIC.has(o.id))
      .map((o) => o.id)
      .sort();
    expect(samples.map(([id]) => id).sort(), "every endpoint with personal data has a case here").toEqual(
      personal,
    );

    for (const [id, user, options, clientId] of samples) {
      if (options.url === "(first outgoing)") {
        const list = await as(app, sessions[user], {
          method: "GET",
          url: "/api/v1/ijw/berichten?richting=uit",
        });
        const first = list.json().berichten[0] as { id: string } | undefined;
        expect(first, "the upload produced an answer to fetch").toBeDefined();
        options.url = `/api/v1/ijw/berichten/${first!.id}`;
      }
      const traceId = randomBytes(16).toString("hex");
      const res = await as(app, sessions[user], { ...options, traceId });
      // A start is judged by the iJw rules like an uploaded message: it may be refused (422).
      if (id === "reportDelivery") expect([201, 422], res.body.slice(0, 300)).toContain(res.statusCode);
      else expect(res.statusCode, `${id}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
      const records = await store.db
        .selectFrom("audit_event")
        .selectAll()
        .where("trace_id", "=", traceId)
        .execute();
      expect(records.length, `${id} wrote no audit record`).toBeGreaterThan(0);
      expect(
        records.map((r) => r.actor_id),
        id,
      ).toEqual(records.map(() => user));
      // An uploaded message may be refused by its rules (a retour); the other calls all succeed.
      if (id !== "uploadIjwMessage" && id !== "reportDelivery")
        expect(
          records.map((r) => r.outcome),
          id,
        ).toEqual(records.map(() => "ok"));
      if (clientId)
        expect(
          records.map((r) => r.client_id),
          id,
        ).toContain(clientId);
    }
    expect((await verifyAudit(store.db)).ok).toBe(true);
    const text = JSON.stringify(await store.db.selectFrom("audit_event").selectAll().execute());
    for (const b of [...Object.values(world.bsn), newBsn]) expect(text).not.toContain(b);
  });

  // After the audit case above: aanbieder-1 uploaded a request for client A there.
  it("a provider's messages about a client go when its access to the client goes", async () => {
    const provider = ACTORS["aanbieder-1"]!;
    const of = (today: string) => listMessagesAs({ store, actor: provider, today, graceDays: 90 });
    const aboutA = new Set(
      (
        await store.db
          .selectFrom("ijw_message")
          .select("id")
          .where("client_id", "=", world.id.A)
          .where("provider_agb", "=", P1)
          .execute()
      ).map((m) => m.id),
    );
    expect(aboutA.size).toBeGreaterThan(0);
    // A's allocation with P1 was ended on 2026-11-30 above; the grace runs to 2027-02-28.
    expect((await of("2027-02-28")).filter((m) => aboutA.has(m.id)).length).toBe(aboutA.size);
    expect((await of("2027-03-01")).filter((m) => aboutA.has(m.id))).toEqual([]);
    const download = await downloadMessageAs(
      { store, actor: provider, today: "2027-03-01", graceDays: 90 },
      [...aboutA][0]!,
    );
    expect(download).toBeUndefined();
  });
});

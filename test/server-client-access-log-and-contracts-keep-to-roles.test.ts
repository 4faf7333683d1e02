import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../src/store/database.ts";
import { createFamily } from "../src/store/registry.ts";
import { ACTORS, type AccessWorld, buildAccessWorld, P1, P2 } from "./support/access-world.ts";
import { apiOn, as, type Session, sessionFor } from "./support/api.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * What the client file in the web app reads beside GET /clienten/{id}: who looked at the file
 * (GET /clienten/{id}/inzage, only for the access team that serves the client), the providers with a
 * contract (GET /contracten, only for a role that allocates), one client's deadlines and messages
 * (?client=), and the family with its coordinator in the file itself.
 */

describe.each(engines)("the client file's reads on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  let app: FastifyInstance;
  let world: AccessWorld;
  const sessions: Record<string, Session> = {};

  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    world = await buildAccessWorld(store);
    await createFamily(store, {
      municipality: "0855",
      bsns: [world.bsn.A, world.bsn.D],
      idempotencyKey: "g",
    });
    app = await apiOn(store);
    for (const id of Object.keys(ACTORS)) sessions[id] = await sessionFor(store, id);
  });
  afterAll(async () => {
    await app.close();
    await done();
  });

  const recordsOf = (actorId: string, resource: string) =>
    store.db
      .selectFrom("audit_event")
      .selectAll()
      .where("actor_id", "=", actorId)
      .where("resource", "=", resource)
      .orderBy("seq")
      .execute();

  it("shows the access team who looked at its client's file, and logs that reading too", async () => {
    const look = await as(app, sessions["toegang-tilburg"], {
      method: "GET",
      url: `/api/v1/clienten/${world.id.A}`,
    });
    expect(look.statusCode).toBe(200);
    const res = await as(app, sessions["toegang-tilburg"], {
      method: "GET",
      url: `/api/v1/clienten/${world.id.A}/inzage`,
    });
    expect(res.statusCode).toBe(200);
    const { regels, maximum } = res.json() as {
      regels: {
        actorName: string | null;
        organisation: string | null;
        roleName: string | null;
        action: string;
        resource: string;
        purposeText: string;
        at: string;
      }[];
      maximum: number;
    };
    expect(maximum).toBe(200);
    // Newest first: the look at the file just now heads the list, with who, for whom, what and why.
    expect(regels[0]).toMatchObject({
      actorName: "T. Tilburg",
      organisation: "gemeente:0855",
      roleName: "medewerker Toegang van een gemeente",
      action: "lezen",
      resource: "client",
    });
    expect(regels[0]?.purposeText).toContain("Toegang tot jeugdhulp");
    expect([...regels].map((r) => r.at)).toEqual(
      [...regels]
        .map((r) => r.at)
        .sort()
        .reverse(),
    );
    // No reason text, no detail, no BSN.
    expect(res.body).not.toContain(world.bsn.A);
    expect(Object.keys(regels[0] ?? {})).not.toContain("detail");
    const logged = await recordsOf("toegang-tilburg", "logboek");
    expect(logged.at(-1)).toMatchObject({ client_id: world.id.A, outcome: "ok", action: "lezen" });
  });

  it("answers 404 for a client out of reach and 403 to every other role, and logs both", async () => {
    const elsewhere = await as(app, sessions["toegang-dongen"], {
      method: "GET",
      url: `/api/v1/clienten/${world.id.A}/inzage`,
    });
    expect(elsewhere.statusCode).toBe(404);
    expect((await recordsOf("toegang-dongen", "logboek")).at(-1)).toMatchObject({
      outcome: "niet-gevonden",
      client_id: null,
    });
    for (const user of ["verwijzer-1", "aanbieder-1", "coalitie-s4", "beleid", "beheer", "auditor"]) {
      const res = await as(app, sessions[user], {
        method: "GET",
        url: `/api/v1/clienten/${world.id.A}/inzage`,
      });
      expect(res.statusCode, user).toBe(403);
      expect((await recordsOf(user, "logboek")).at(-1), user).toMatchObject({ outcome: "geweigerd" });
    }
  });

  it("does not open the log of a file reached only through break-glass", async () => {
    const glass = await as(app, sessions["toegang-dongen"], {
      method: "POST",
      url: "/api/v1/clienten/noodtoegang",
      payload: { bsn: world.bsn.D, reden: "crisis, direct hulp nodig" },
    });
    expect(glass.statusCode).toBe(200);
    const file = await as(app, sessions["toegang-dongen"], {
      method: "GET",
      url: `/api/v1/clienten/${world.id.D}`,
    });
    expect(file.statusCode).toBe(200);
    const log = await as(app, sessions["toegang-dongen"], {
      method: "GET",
      url: `/api/v1/clienten/${world.id.D}/inzage`,
    });
    expect(log.statusCode).toBe(404);
  });

  it("lists the providers with a contract for a segment to a role that allocates, and to no other", async () => {
    const res = await as(app, sessions["toegang-tilburg"], {
      method: "GET",
      url: "/api/v1/contracten?regio=hart-van-brabant&segment=4&datum=2026-06-01",
    });
    expect(res.statusCode).toBe(200);
    const { aanbieders } = res.json() as {
      aanbieders: { agb: string; name: string; contracts: unknown[] }[];
    };
    expect(aanbieders.map((a) => a.agb).sort()).toEqual([P1, P2]);
    expect(aanbieders[0]?.contracts[0]).toMatchObject({ segment: "4", product: null, purchaseArea: null });
    const none = await as(app, sessions["toegang-tilburg"], {
      method: "GET",
      url: "/api/v1/contracten?regio=hart-van-brabant&segment=1",
    });
    expect(none.json().aanbieders).toEqual([]);
    expect((await recordsOf("toegang-tilburg", "contract")).length).toBe(2);
    for (const user of ["aanbieder-1", "verwijzer-1", "auditor"]) {
      const refused = await as(app, sessions[user], {
        method: "GET",
        url: "/api/v1/contracten?regio=hart-van-brabant",
      });
      expect(refused.statusCode, user).toBe(403);
    }
  });

  it("gives one client's deadlines and messages, and the family with its members in the file", async () => {
    const deadlines = await as(app, sessions["toegang-tilburg"], {
      method: "GET",
      url: `/api/v1/termijnen?client=${world.id.A}`,
    });
    expect(deadlines.statusCode).toBe(200);
    const subjects = (deadlines.json().termijnen as { subjectId: string }[]).map((d) => d.subjectId);
    expect(subjects.length).toBeGreaterThan(0);
    expect(new Set(subjects)).toEqual(
      new Set(subjects.filter((s) => s === world.referralOf.A || s === world.allocationOf.A)),
    );
    const ofD = await as(app, sessions["toegang-tilburg"], {
      method: "GET",
      url: `/api/v1/termijnen?client=${world.id.D}`,
    });
    expect(ofD.json().termijnen).toEqual([]);

    const messages = await as(app, sessions["toegang-tilburg"], {
      method: "GET",
      url: `/api/v1/ijw/berichten?client=${world.id.D}`,
    });
    expect(messages.statusCode).toBe(200);
    expect(messages.json().berichten).toEqual([]);

    const file = await as(app, sessions["toegang-tilburg"], {
      method: "GET",
      url: `/api/v1/clienten/${world.id.A}`,
    });
    const family = file.json().family as { members: { id: string; self: boolean }[]; segments: string[] };
    expect(family.members.map((m) => m.id).sort()).toEqual([world.id.A, world.id.D].sort());
    expect(family.members.find((m) => m.self)?.id).toBe(world.id.A);
    expect(family.segments).toEqual(["4"]);
    // A provider reads the file it serves, not the family around it.
    const provider = await as(app, sessions["aanbieder-1"], {
      method: "GET",
      url: `/api/v1/clienten/${world.id.A}`,
    });
    expect(provider.json().family).toBeNull();
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listAudit, verifyAudit } from "../src/store/audit.ts";
import type { Store } from "../src/store/database.ts";
import { registerClient } from "../src/store/registry.ts";
import {
  decideDestructionRequest,
  listDestructionLog,
  listDestructionRequests,
  requestDestruction,
} from "../src/store/retention.ts";
import { testBsns } from "../src/domain/bsn.ts";
import { addUsers, bsnDue, buildRetentionWorld, type RetentionWorld, rowsOf } from "./support/retention.ts";
import { refusedRules } from "./support/registry.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * Destruction on request (Jeugdwet art. 7.3.9): a request gets a deadline 3 months later; a second
 * employee decides; approval destroys at once, a refusal names its legal ground and explains itself.
 */

describe.each(engines)("destruction on request on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  let w: RetentionWorld;
  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
    w = await buildRetentionWorld(store);
  }, 120_000);
  afterEach(() => done());

  const ask = (clientId = w.due, by = w.anna, relation = "ouder/gezaghebber") =>
    requestDestruction(store, { clientId, requestedOn: "2027-03-15", relation, by });

  it("records a request with a deadline 3 months later, once per dossier", async () => {
    const r = await ask();
    expect(r).toMatchObject({
      clientId: w.due,
      requestedOn: "2027-03-15",
      requestedBy: "anna",
      relation: "ouder/gezaghebber",
      deadline: "2027-06-15",
      status: "open",
    });
    expect(await refusedRules(ask(w.due, w.bram))).toEqual(["verzoek-loopt"]);
    expect(await listDestructionRequests(store, { status: "open" })).toHaveLength(1);
    const [record] = (await listAudit(store.db, { clientId: w.due })).filter(
      (a) => a.resource === "vernietigingsverzoek",
    );
    expect(record).toMatchObject({ action: "aanmaken", actorId: "anna", purpose: "bewaartermijn" });
  });

  it("does not let the employee who recorded the request approve it", async () => {
    const r = await ask();
    const rules = await refusedRules(
      decideDestructionRequest(store, { requestId: r.id, by: w.anna, on: "2027-04-01", approve: true }),
    );
    expect(rules).toEqual(["vier-ogen"]);
    expect((await rowsOf(store, w.due)).client).toBe(1);
    expect((await listDestructionRequests(store))[0]?.status).toBe("open");
  });

  it("destroys at once when a second employee approves, and logs the request and both people", async () => {
    const r = await ask();
    const outcome = await decideDestructionRequest(store, {
      requestId: r.id,
      by: w.bram,
      on: "2027-04-01",
      approve: true,
    });
    expect(outcome.request).toMatchObject({
      status: "uitgevoerd",
      decidedBy: "bram",
      decidedOn: "2027-04-01",
    });
    expect(Object.values(await rowsOf(store, w.due)).every((n) => n === 0)).toBe(true);
    expect((await rowsOf(store, w.later)).client).toBe(1);
    const [log] = await listDestructionLog(store);
    expect(log).toMatchObject({
      clientId: w.due,
      reason: "verzoek",
      requestId: r.id,
      dueOn: "2027-06-15",
      destroyedBy: "bram",
      confirmedBy: "anna",
      dossierType: "jeugdhulp",
    });
    // A second decision on the same request is refused.
    expect(
      await refusedRules(
        decideDestructionRequest(store, { requestId: r.id, by: w.bram, on: "2027-04-02", approve: true }),
      ),
    ).toEqual(["verzoek-open"]);
    expect((await verifyAudit(store.db)).ok).toBe(true);
  });

  it("needs a legal ground and an explanation to refuse, and keeps the dossier", async () => {
    const r = await ask();
    const refuse = (ground: string, reason: string) =>
      decideDestructionRequest(store, {
        requestId: r.id,
        by: w.bram,
        on: "2027-04-01",
        refuse: { ground, reason },
      });
    expect(await refusedRules(refuse("belang-ander", ""))).toEqual(["weigerreden"]);
    expect(await refusedRules(refuse("geen-zin", "Het dossier is nodig voor een ander."))).toEqual([
      "weigergrond",
    ]);
    const reason = "De zus heeft het dossier nodig voor haar eigen hulp.";
    const refused = await refuse("belang-ander", reason);
    expect(refused.request).toMatchObject({
      status: "geweigerd",
      refusalGround: "belang-ander",
      refusalReason: reason,
      decidedBy: "bram",
    });
    expect(refused.destruction).toBeUndefined();
    expect((await rowsOf(store, w.due)).client).toBe(1);
    const [record] = (await listAudit(store.db, { clientId: w.due })).filter(
      (a) => a.outcome === "geweigerd",
    );
    expect(record).toMatchObject({ action: "vernietigen", resource: "vernietigingsverzoek" });
    expect(record!.detail).toEqual({ ground: "belang-ander" });
    expect(JSON.stringify(record)).not.toContain("zus");
    // After a refusal a new request can be made.
    expect((await ask(w.due, w.bram)).status).toBe("open");
  });

  it("does not destroy a dossier with running care on request: the care ends first", async () => {
    const r = await ask(w.running);
    expect(
      await refusedRules(
        decideDestructionRequest(store, { requestId: r.id, by: w.bram, on: "2027-04-01", approve: true }),
      ),
    ).toEqual(["zorg-loopt"]);
    expect((await rowsOf(store, w.running)).client).toBe(1);
    expect((await listDestructionRequests(store))[0]?.status).toBe("open");
  });

  it("refuses a request from a child under 12 itself, from a role that may not destroy, or another municipality", async () => {
    const child = await registerClient(store, {
      bsn: testBsns(1, 613)[0]!,
      municipality: "0855",
      birthDate: "2016-01-01",
    });
    expect(await refusedRules(ask(child.id, w.anna, "jeugdige"))).toEqual(["leeftijd-verzoeker"]);
    expect((await ask(child.id, w.anna, "ouder/gezaghebber")).status).toBe("open");
    expect(await refusedRules(ask(w.due, w.verwijzer))).toEqual(["rol"]);
    expect(await refusedRules(ask(w.due, w.breda))).toEqual(["gemeente"]);
    expect(await refusedRules(ask("not-a-uuid"))).toEqual(["id"]);
    expect(await refusedRules(ask("00000000-0000-4000-8000-000000000000"))).toEqual(["dossier-bestaat"]);
  });

  it("names no BSN anywhere in what it stores about a request", async () => {
    const r = await ask();
    await decideDestructionRequest(store, { requestId: r.id, by: w.bram, on: "2027-04-01", approve: true });
    const stored = JSON.stringify({
      requests: await listDestructionRequests(store),
      log: await listDestructionLog(store),
      audit: await listAudit(store.db, { limit: 10_000 }),
    });
    expect(stored).not.toContain(bsnDue);
  });
});

describe.each(engines)("a client that is only registered on %s", (engine) => {
  it("is destroyed on request as a dossier of the access team; a deadline in a shorter month ends on its last day", async () => {
    const { store, done } = await freshStore(engine);
    try {
      const users = await addUsers(store);
      const c = await registerClient(store, { bsn: testBsns(1, 614)[0]!, municipality: "0855" });
      const r = await requestDestruction(store, {
        clientId: c.id,
        requestedOn: "2026-11-30",
        relation: "jeugdige",
        by: users.anna,
      });
      expect(r.deadline).toBe("2027-02-28");
      const outcome = await decideDestructionRequest(store, {
        requestId: r.id,
        by: users.bram,
        on: "2026-12-01",
        approve: true,
      });
      expect(outcome.destruction?.dossierType).toBe("toegang");
      expect(outcome.destruction?.counts).toMatchObject({ client: 1, referral: 0 });
    } finally {
      await done();
    }
  });
});

import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listAudit, verifyAudit } from "../src/store/audit.ts";
import { importMessage } from "../src/store/ijw.ts";
import type { Store } from "../src/store/database.ts";
import {
  destroyDossier,
  listDestructionLog,
  requestDestruction,
  retentionOverview,
  runDestructionJob,
} from "../src/store/retention.ts";
import {
  bsnDue,
  bsnToegang,
  buildRetentionWorld,
  DUE_DAY,
  dump,
  type RetentionWorld,
  rowsOf,
  rowsPerTable,
} from "./support/retention.ts";
import { bytes, exchangeContext, GGZ, votXml } from "./support/ijw.ts";
import { refusedRules } from "./support/registry.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * The destruction job destroys the dossiers whose term has run, completely, and nothing else: not a
 * dossier that is not yet due, not one with running care, not another client's rows. It logs ids and
 * counts, never content, and the audit chain stays whole.
 */

describe.each(engines)("the destruction job on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  let w: RetentionWorld;
  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
    w = await buildRetentionWorld(store);
  }, 120_000);
  afterEach(() => done());

  it("lists every dossier with its type, last change and destruction date", async () => {
    const rows = await retentionOverview(store, { today: DUE_DAY });
    const of = (id: string) => rows.find((r) => r.clientId === id);
    expect(rows).toHaveLength(4);
    expect(of(w.due)).toMatchObject({
      type: "jeugdhulp",
      lastCareEnd: "2026-12-31",
      lastChange: "2027-01-02",
      countsFrom: "2027-01-02",
      destructionDate: DUE_DAY,
      due: true,
    });
    expect(of(w.later)).toMatchObject({ type: "jeugdhulp", due: false });
    expect(of(w.later)!.destructionDate! > DUE_DAY).toBe(true);
    expect(of(w.running)).toMatchObject({
      type: "jeugdhulp",
      running: true,
      destructionDate: null,
      due: false,
    });
    expect(of(w.toegang)).toMatchObject({ type: "toegang", years: 5, due: true });
    expect(rows.map((r) => r.clientId).slice(-1)).toEqual([w.running]);
    expect(
      (await retentionOverview(store, { today: DUE_DAY, dueOnly: true })).map((r) => r.clientId).sort(),
    ).toEqual([w.due, w.toegang].sort());
    expect(await retentionOverview(store, { today: "2046-12-31", dueOnly: true })).toHaveLength(1);
  });

  it("destroys a due dossier completely and leaves every other client's rows as they were", async () => {
    const before = await rowsOf(store, w.due);
    expect(before).toMatchObject({ client: 1, referral: 1, decision: 1, allocation: 1, break_glass: 1 });
    expect(before.delivery_report).toBe(2);
    expect(before.ijw_request).toBe(1);
    expect(before.ijw_message).toBeGreaterThanOrEqual(5);
    expect(before.declaration_line).toBe(1);
    const others = {
      later: await rowsOf(store, w.later),
      running: await rowsOf(store, w.running),
    };
    const untouched = async () => ({
      later: await dump(store, "allocation", `client_id = '${w.later}'`),
      running: await dump(store, "allocation", `client_id = '${w.running}'`),
      clients: await dump(store, "client", `id in ('${w.later}', '${w.running}')`),
      providers: await dump(store, "contract"),
      declarations: await dump(store, "declaration"),
    });
    const kept = await untouched();
    const tables = await rowsPerTable(store);

    const summary = await runDestructionJob(store, { today: DUE_DAY, by: null, confirmedBy: w.anna });
    expect(summary.failed).toEqual([]);
    expect(summary.destroyed.map((d) => d.clientId).sort()).toEqual([w.due, w.toegang].sort());

    expect(await rowsOf(store, w.due)).toEqual({
      client: 0,
      referral: 0,
      decision: 0,
      allocation: 0,
      delivery_report: 0,
      ijw_request: 0,
      ijw_message: 0,
      break_glass: 0,
      declaration_line: 0,
    });
    expect(await rowsOf(store, w.toegang)).toMatchObject({ client: 0, referral: 0 });
    expect(await rowsOf(store, w.later)).toEqual(others.later);
    expect(await rowsOf(store, w.running)).toEqual(others.running);
    expect(await untouched()).toEqual(kept);

    // The family of the due dossier had no one else and is gone; the shared one keeps its other member.
    const families = await store.db.selectFrom("family").select("id").execute();
    expect(families.map((f) => f.id)).toEqual([w.sharedFamily]);

    // The declaration line stays as a financial record, without the link to the person or the care.
    const lines = await store.db.selectFrom("declaration_line").selectAll().execute();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ client_id: null, allocation_id: null, amount: 4 * 11500 });
    // As do the declaration's messages (JW323 and its JW325), unlinked; every other message is gone.
    const messages = await store.db
      .selectFrom("ijw_message")
      .select(["type", "client_id"])
      .orderBy("type")
      .execute();
    expect(messages).toEqual([
      { type: "JW323", client_id: null },
      { type: "JW325", client_id: null },
    ]);

    const after = await rowsPerTable(store);
    const removed = (t: string) => tables[t]! - after[t]!;
    expect(removed("client")).toBe(2);
    expect(removed("referral")).toBe(2);
    expect(removed("allocation")).toBe(1);
    expect(removed("family")).toBe(1);
    expect(removed("provider")).toBe(0);
    expect(removed("contract")).toBe(0);
    expect(removed("declaration")).toBe(0);
    expect(removed("declaration_line")).toBe(0);
    expect(removed("app_user")).toBe(0);
    expect(after.destruction_log).toBe(2);
  });

  it("also destroys a refused message about the child that the registry could not link to it, with its retour", async () => {
    const refused = await importMessage(
      store,
      bytes(
        votXml({
          identificatie: "VOT-WEIGER-1",
          dagtekening: "2026-05-04",
          bsn: bsnDue,
          // A product code without Omvang: refused by its own rules (CD041), before any client is linked.
          products: [{ ref: "REF-WEIGER-1", ...GGZ, start: "2026-06-01", end: "2026-12-31" }],
        }),
      ),
      exchangeContext("2026-05-04"),
    );
    expect(refused.status).toBe("afgekeurd");
    const stored = await store.db
      .selectFrom("ijw_message")
      .select(["id", "client_id"])
      .where("identificatie", "=", "VOT-WEIGER-1")
      .executeTakeFirstOrThrow();
    expect(stored.client_id).toBeNull();
    const thread = (
      await sql<{ id: string }>`
      select id from ijw_message where id = ${stored.id} or in_reply_to = ${stored.id}`.execute(store.db)
    ).rows;
    expect(thread.length).toBe(2);

    await runDestructionJob(store, { today: DUE_DAY, by: null, confirmedBy: w.anna });
    const left = await store.db
      .selectFrom("ijw_message")
      .select("id")
      .where(
        "id",
        "in",
        thread.map((t) => t.id),
      )
      .execute();
    expect(left).toEqual([]);
  });

  it("logs what it destroyed with ids and counts, never content, and the audit chain still verifies", async () => {
    const request = await requestDestruction(store, {
      clientId: w.due,
      requestedOn: "2046-12-01",
      relation: "jeugdige",
      by: w.bram,
    });
    await runDestructionJob(store, { today: DUE_DAY, by: w.bram, confirmedBy: w.anna });
    const log = await listDestructionLog(store);
    const due = log.find((l) => l.clientId === w.due);
    expect(due).toMatchObject({
      dossierType: "jeugdhulp",
      legalBasis: "Jeugdwet art. 7.3.8 lid 3",
      reason: "termijn-verstreken",
      requestId: null,
      dueOn: DUE_DAY,
      destroyedBy: "bram",
      confirmedBy: "anna",
      municipality: "0855",
    });
    expect(due!.counts).toMatchObject({
      client: 1,
      referral: 1,
      decision: 1,
      allocation: 1,
      delivery_report: 2,
      ijw_request: 1,
      break_glass: 1,
      family: 1,
      declaration_line_unlinked: 1,
      ijw_message_unlinked: 2,
    });
    expect(Object.values(due!.counts).every((n) => Number.isInteger(n))).toBe(true);
    expect(log.find((l) => l.clientId === w.toegang)).toMatchObject({ dossierType: "toegang" });

    const records = await listAudit(store.db, { clientId: w.due });
    const destroyed = records.filter((r) => r.action === "vernietigen");
    expect(destroyed).toHaveLength(1);
    expect(destroyed[0]).toMatchObject({
      actorId: "bram",
      resource: "dossier",
      resourceId: due!.id,
      purpose: "bewaartermijn",
      outcome: "ok",
    });
    expect(destroyed[0]!.detail).toMatchObject({ confirmedBy: "anna", counts: due!.counts });

    // The open request is answered by the destruction.
    const answered = await store.db
      .selectFrom("destruction_request")
      .selectAll()
      .where("id", "=", request.id)
      .executeTakeFirstOrThrow();
    expect(answered).toMatchObject({ status: "uitgevoerd", decided_on: DUE_DAY, decided_by: null });

    const everything = JSON.stringify({ log, audit: await listAudit(store.db, { limit: 10_000 }) });
    for (const secret of [
      bsnDue,
      bsnToegang,
      "ggz-specialistisch",
      "REF-1",
      "zorg afgerond",
      "crisis in de nacht",
    ])
      expect(everything).not.toContain(secret);
    expect((await verifyAudit(store.db)).ok).toBe(true);
  });

  it("keeps the destruction log append-only", async () => {
    await runDestructionJob(store, { today: DUE_DAY, by: null, confirmedBy: w.anna });
    await expect(sql`update destruction_log set legal_basis = 'x'`.execute(store.db)).rejects.toThrow(
      /alleen aan te vullen/,
    );
    await expect(sql`delete from destruction_log`.execute(store.db)).rejects.toThrow(/alleen aan te vullen/);
  });

  it("keeps a dossier that is not yet due and one with running care, even when asked to destroy them", async () => {
    const tx = (clientId: string) =>
      store.db.transaction().execute((t) =>
        destroyDossier(t, clientId, {
          today: DUE_DAY,
          reason: "termijn-verstreken",
          by: null,
          confirmedBy: w.anna,
        }),
      );
    expect(await refusedRules(tx(w.later))).toEqual(["niet-vervallen"]);
    expect(await refusedRules(tx(w.running))).toEqual(["niet-vervallen"]);
    expect((await rowsOf(store, w.later)).client).toBe(1);
    expect((await rowsOf(store, w.running)).allocation).toBe(1);
    const summary = await runDestructionJob(store, { today: "2200-01-01", by: null, confirmedBy: w.anna });
    expect(summary.destroyed.map((d) => d.clientId)).not.toContain(w.running);
    expect((await rowsOf(store, w.running)).client).toBe(1);
  });

  it("the dry run lists what would go and changes nothing, not even the audit trail", async () => {
    const before = await rowsPerTable(store);
    const audit = await dump(store, "audit_event");
    const summary = await runDestructionJob(store, { today: DUE_DAY, dryRun: true });
    expect(summary.dryRun).toBe(true);
    expect(summary.due.map((d) => d.clientId).sort()).toEqual([w.due, w.toegang].sort());
    expect(summary.destroyed).toEqual([]);
    expect(await rowsPerTable(store)).toEqual(before);
    expect(await dump(store, "audit_event")).toBe(audit);
  });

  it("needs a second person who may destroy, of the dossier's municipality", async () => {
    const run = (by: typeof w.anna | null, confirmedBy: typeof w.anna) =>
      runDestructionJob(store, { today: DUE_DAY, by, confirmedBy });
    expect(await refusedRules(run(w.anna, w.anna))).toEqual(["vier-ogen"]);
    expect(await refusedRules(run(null, w.verwijzer))).toEqual(["rol"]);
    // Someone of Breda confirms only Breda's dossiers: none here.
    expect((await run(null, w.breda)).destroyed).toEqual([]);
    expect((await rowsOf(store, w.due)).client).toBe(1);
  });
});

import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { type Kysely, sql, type Transaction } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, PURPOSES, type Purpose, type Role } from "../src/registry/access.ts";
import {
  appendAudit,
  AUDIT_ACTIONS,
  type AuditEntry,
  auditHash,
  type AuditOutcome,
  type AuditRecord,
  listAudit,
  verifyAudit,
} from "../src/store/audit.ts";
import type { Store } from "../src/store/database.ts";
import type { Database } from "../src/store/schema.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * The audit trail is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained, so an
 * edit made around the trigger (by a superuser who disables it) is found by verifyAudit, which names the
 * first broken record and why. Both engines.
 */

type Db = Kysely<Database> | Transaction<Database>;

const ACTOR: Actor = {
  userId: "t.tester",
  name: "Toegang Tester",
  role: "toegang",
  organisation: "gemeente:0855",
  municipality: "0855",
};

const entry = (i: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  actor: i % 3 === 0 ? null : ACTOR,
  action: AUDIT_ACTIONS[i % AUDIT_ACTIONS.length]!,
  resource: "client",
  resourceId: `r-${i}`,
  clientId: randomUUID(),
  purpose: "toegang",
  outcome: "ok",
  detail: { i, fields: ["naam", "geboortedatum"], amount: 12.5 },
  ...over,
});

const BROKEN_LINK = /verwijzing naar de vorige regel klopt niet/;
const CHANGED = /inhoud van deze regel is gewijzigd/;

/** Runs statements the trigger would refuse, as a superuser can: with the table's triggers off. */
async function aroundTheTrigger(db: Db, statements: (db: Db) => Promise<unknown>): Promise<void> {
  await sql`alter table audit_event disable trigger user`.execute(db);
  try {
    await statements(db);
  } finally {
    await sql`alter table audit_event enable trigger user`.execute(db);
  }
}

/** Puts a record in the table with the seq given, as a forger would. */
function insertRaw(db: Db, seq: number, r: Omit<AuditRecord, "seq" | "purposeText">) {
  return sql`insert into audit_event (seq, id, at, trace_id, actor_id, actor_name, role, organisation, action,
      resource, resource_id, client_id, purpose, reason, outcome, detail, prev_hash, hash)
    overriding system value values (${seq}, ${r.id}, ${r.at}, ${r.traceId}, ${r.actorId}, ${r.actorName},
      ${r.role}, ${r.organisation}, ${r.action}, ${r.resource}, ${r.resourceId}, ${r.clientId}, ${r.purpose},
      ${r.reason}, ${r.outcome}, ${JSON.stringify(r.detail)}::jsonb, ${r.prevHash}, ${r.hash})`.execute(db);
}

const chained = ({ seq: _s, hash: _h, purposeText: _p, ...rest }: AuditRecord) => rest;

describe.each(engines)("the audit trail on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  let rows: AuditRecord[];
  // One chain per engine; each test that changes it does so in a transaction it rolls back.
  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    rows = await appendAcrossTransactions();
  });
  afterAll(() => done());

  /** Runs in a transaction that is rolled back, so every test starts from the same chain. */
  async function rolledBack(fn: (tx: Transaction<Database>) => Promise<void>): Promise<void> {
    const undo = new Error("rollback");
    await expect(
      store.db.transaction().execute(async (tx) => {
        await fn(tx);
        throw undo;
      }),
    ).rejects.toBe(undo);
  }

  /**
   * Nine records over five transactions, one of them rolled back after appending, so seq 4 is used by
   * nobody: a gap the chain must not mind (and where a forger could slip a row in).
   */
  async function appendAcrossTransactions(): Promise<AuditRecord[]> {
    await appendAudit(store.db, [entry(1), entry(2)]);
    await appendAudit(store.db, entry(3));
    await expect(
      store.db.transaction().execute(async (tx) => {
        await appendAudit(tx, entry(99));
        throw new Error("teruggedraaid");
      }),
    ).rejects.toThrow("teruggedraaid");
    await store.db.transaction().execute(async (tx) => {
      await appendAudit(tx, entry(4));
      await appendAudit(tx, [entry(5), entry(6), entry(7)]);
    });
    await appendAudit(store.db, [
      entry(8),
      entry(9, { reason: "op verzoek van de ouder", outcome: "geweigerd" }),
    ]);
    const records = await listAudit(store.db);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10]);
    return records;
  }

  it("records appended across several transactions verify, and the head is the last record's hash", async () => {
    expect(await verifyAudit(store.db)).toEqual({ checked: 9, ok: true, head: rows.at(-1)!.hash });
    expect(rows[0]!.prevHash).toBe("0".repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
  });

  it("UPDATE, DELETE and TRUNCATE are refused by the trigger, with a Dutch message", async () => {
    await expect(
      sql`update audit_event set outcome = 'fout' where seq = 2`.execute(store.db),
    ).rejects.toThrow("audit_event is alleen aan te vullen: UPDATE is niet toegestaan");
    await expect(sql`delete from audit_event where seq = 2`.execute(store.db)).rejects.toThrow(
      "audit_event is alleen aan te vullen: DELETE is niet toegestaan",
    );
    await expect(sql`truncate audit_event`.execute(store.db)).rejects.toThrow(
      "audit_event is alleen aan te vullen: TRUNCATE is niet toegestaan",
    );
    expect((await verifyAudit(store.db)).checked).toBe(9);
  });

  const tampering: {
    name: string;
    change: (db: Db, rows: AuditRecord[]) => Promise<unknown>;
    seq: number;
    reason: RegExp;
  }[] = [
    {
      name: "another actor",
      change: (db) => sql`update audit_event set actor_id = 'iemand.anders' where seq = 3`.execute(db),
      seq: 3,
      reason: CHANGED,
    },
    {
      name: "the system instead of a person",
      change: (db) =>
        sql`update audit_event set actor_id = null, actor_name = null, role = null, organisation = null
          where seq = 5`.execute(db),
      seq: 5,
      reason: CHANGED,
    },
    {
      name: "a refusal made into ok",
      change: (db) => sql`update audit_event set outcome = 'ok' where seq = 10`.execute(db),
      seq: 10,
      reason: CHANGED,
    },
    {
      name: "another client",
      change: (db) => sql`update audit_event set client_id = ${randomUUID()} where seq = 6`.execute(db),
      seq: 6,
      reason: CHANGED,
    },
    {
      name: "a detail changed",
      change: (db) =>
        sql`update audit_event set detail = jsonb_set(detail, '{amount}', '13') where seq = 7`.execute(db),
      seq: 7,
      reason: CHANGED,
    },
    {
      name: "a detail key added",
      change: (db) =>
        sql`update audit_event set detail = detail || '{"extra": true}'::jsonb where seq = 1`.execute(db),
      seq: 1,
      reason: CHANGED,
    },
    {
      name: "the reason removed",
      change: (db) => sql`update audit_event set reason = null where seq = 10`.execute(db),
      seq: 10,
      reason: CHANGED,
    },
    {
      name: "the time a second earlier",
      change: (db) => sql`update audit_event set at = at - interval '1 second' where seq = 8`.execute(db),
      seq: 8,
      reason: CHANGED,
    },
    {
      name: "the time a microsecond later (below the millisecond the hash covers)",
      change: (db) =>
        sql`update audit_event set at = at + interval '1 microsecond' where seq = 8`.execute(db),
      seq: 8,
      reason: CHANGED,
    },
    {
      name: "a middle row deleted",
      change: (db) => sql`delete from audit_event where seq = 6`.execute(db),
      seq: 7,
      reason: BROKEN_LINK,
    },
    {
      name: "the first row deleted",
      change: (db) => sql`delete from audit_event where seq = 1`.execute(db),
      seq: 2,
      reason: BROKEN_LINK,
    },
    {
      name: "a forged row in the gap, with a hash made the way the writer makes it",
      change: async (db, rows) => {
        const before = rows.find((r) => r.seq === 3)!;
        const forged = {
          ...chained(before),
          id: randomUUID(),
          prevHash: before.hash,
          resourceId: "vervalst",
        };
        await insertRaw(db, 4, { ...forged, hash: auditHash(forged) });
      },
      seq: 5,
      reason: BROKEN_LINK,
    },
    {
      name: "a forged row at the end with a made-up hash",
      change: async (db, rows) => {
        const last = rows.at(-1)!;
        await insertRaw(db, 11, {
          ...chained(last),
          id: randomUUID(),
          prevHash: last.hash,
          hash: "f".repeat(64),
        });
      },
      seq: 11,
      reason: CHANGED,
    },
    {
      name: "a row's content replaced and its hash made again",
      change: async (db, rows) => {
        const row = rows.find((r) => r.seq === 6)!;
        const changed = { ...chained(row), outcome: "geweigerd" as const };
        await sql`update audit_event set outcome = 'geweigerd', hash = ${auditHash(changed)} where seq = 6`.execute(
          db,
        );
      },
      seq: 7,
      reason: BROKEN_LINK,
    },
    {
      name: "two rows swapped",
      change: async (db, rows) => {
        const [a, b] = [rows.find((r) => r.seq === 5)!, rows.find((r) => r.seq === 6)!];
        await sql`delete from audit_event where seq in (5, 6)`.execute(db);
        await insertRaw(db, 5, b);
        await insertRaw(db, 6, a);
      },
      seq: 5,
      reason: BROKEN_LINK,
    },
  ];

  it.each(tampering)("finds it: $name", async ({ change, seq, reason }) => {
    await rolledBack(async (tx) => {
      await aroundTheTrigger(tx, (db) => change(db, rows));
      const result = await verifyAudit(tx);
      expect(result.ok).toBe(false);
      expect(result.broken).toEqual({ seq, reason: expect.stringMatching(reason) });
      // Everything before the break is counted as good, and the head is the last good record's hash.
      const good = (await listAudit(tx)).filter((r) => r.seq < seq);
      expect(result.checked).toBe(good.length);
      expect(result.head).toBe(good.at(-1)?.hash ?? "0".repeat(64));
      // The same answer whatever the page size: a page boundary before, at or after the break.
      for (const pageSize of [1, 2, 3, 4, 100]) expect(await verifyAudit(tx, pageSize)).toEqual(result);
    });
    expect(await verifyAudit(store.db)).toMatchObject({ ok: true, checked: 9 });
  });

  it("pages through the chain: every page size gives the same answer as one pass", async () => {
    await rolledBack(async (tx) => {
      for (let i = 0; i < 5; i++) await appendAudit(tx, [entry(3 * i), entry(3 * i + 1), entry(3 * i + 2)]);
      const whole = await verifyAudit(tx);
      expect(whole).toMatchObject({ ok: true, checked: 24 });
      for (const pageSize of [1, 2, 3, 4, 5, 7, 14, 23, 24, 25])
        expect(await verifyAudit(tx, pageSize)).toEqual(whole);
    });
  });

  it("the limit: removing the last records leaves a whole chain; only the head kept elsewhere shows it", async () => {
    const { head } = await verifyAudit(store.db);
    await rolledBack(async (tx) => {
      await aroundTheTrigger(tx, (db) => sql`delete from audit_event where seq = 10`.execute(db));
      const after = await verifyAudit(tx);
      expect(after).toMatchObject({ ok: true, checked: 8, head: rows.at(-2)!.hash });
      expect(after.head).not.toBe(head);
    });
  });

  it("a record whose detail holds what JSON or PostgreSQL would change still verifies", async () => {
    await rolledBack(async (tx) => {
      await appendAudit(tx, [
        entry(1, { detail: { list: [1, undefined, 2], when: new Date(0) } }),
        entry(2, { reason: "lone \ud800 surrogate and a NUL \u0000", detail: { "k\udfff": "v\u0000" } }),
        entry(3, { detail: { big: 2 ** 60, small: 1e-7, fraction: 0.1 + 0.2, negativeZero: -0, e: 1e21 } }),
      ]);
      expect(await verifyAudit(tx)).toMatchObject({ ok: true, checked: 12 });
      const [first, second] = (await listAudit(tx)).slice(9);
      expect(first!.detail).toEqual({ list: [1, null, 2], when: "1970-01-01T00:00:00.000Z" });
      expect(second!.reason).toBe("lone \ufffd surrogate and a NUL \ufffd");
    });
  });

  it("refuses to write under repeatable read, where it would not see the last record committed", async () => {
    await expect(
      store.db
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute((tx) => appendAudit(tx, entry(1))),
    ).rejects.toThrow(/read committed/);
    expect(await listAudit(store.db)).toHaveLength(9);
  });

  // --- properties ---------------------------------------------------------------------------------------

  const text = fc.string({ unit: "binary", maxLength: 12 });
  const actor = fc.option(
    fc.record({
      userId: text,
      name: text,
      role: fc.constantFrom<Role>("toegang", "verwijzer", "aanbieder", "auditor"),
      organisation: text,
    }),
  );
  const anEntry: fc.Arbitrary<AuditEntry> = fc.record({
    actor,
    action: fc.constantFrom(...AUDIT_ACTIONS),
    resource: text,
    resourceId: fc.option(text),
    clientId: fc.option(fc.uuid()),
    purpose: fc.constantFrom(...(Object.keys(PURPOSES) as Purpose[])),
    reason: fc.option(text),
    outcome: fc.constantFrom<AuditOutcome>("ok", "geweigerd", "niet-gevonden", "fout"),
    detail: fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  });
  /** Each field a superuser could change, and a change that surely differs from the value now. */
  const FIELD_CHANGES = [
    sql`at = at + interval '1 millisecond'`,
    sql`trace_id = trace_id || 'x'`,
    sql`actor_id = coalesce(actor_id || 'x', 'x')`,
    sql`actor_name = coalesce(actor_name || 'x', 'x')`,
    sql`role = case when role = 'beheer' then 'toegang' else 'beheer' end`,
    sql`organisation = coalesce(organisation || 'x', 'x')`,
    sql`action = action || 'x'`,
    sql`resource = resource || 'x'`,
    sql`resource_id = coalesce(resource_id || 'x', 'x')`,
    sql`client_id = case when client_id = '00000000-0000-4000-8000-000000000000' then null
      else '00000000-0000-4000-8000-000000000000'::uuid end`,
    sql`purpose = case when purpose = 'beheer' then 'toegang' else 'beheer' end`,
    sql`reason = coalesce(reason || 'x', 'x')`,
    sql`outcome = case when outcome = 'ok' then 'fout' else 'ok' end`,
    sql`detail = detail || '{"\u00e9": "changed"}'::jsonb`,
    sql`id = gen_random_uuid()`,
    sql`prev_hash = repeat('1', 64)`,
    sql`hash = repeat('2', 64)`,
  ];

  it("property: any sequence of appends verifies; any single field changed in any row is found there", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(anEntry, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.nat({ max: FIELD_CHANGES.length - 1 }),
        async (batches, pick, field) =>
          rolledBack(async (tx) => {
            for (const batch of batches) await appendAudit(tx, batch);
            const records = await listAudit(tx);
            const total = rows.length + batches.flat().length;
            expect(await verifyAudit(tx, 3)).toMatchObject({ ok: true, checked: total });
            const target = records[pick % records.length]!;
            await aroundTheTrigger(tx, (db) =>
              sql`update audit_event set ${FIELD_CHANGES[field]!} where seq = ${target.seq}`.execute(db),
            );
            const result = await verifyAudit(tx, 3);
            expect(result.ok).toBe(false);
            expect(result.broken?.seq).toBe(target.seq);
          }),
      ),
      { numRuns: 200 },
    );
  });
});

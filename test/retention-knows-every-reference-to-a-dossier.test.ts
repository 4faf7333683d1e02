import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { DOSSIER_REFERENCES } from "../src/store/retention.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * Destruction must know every table that refers to a dossier's rows: a table added later with a foreign
 * key to a client (or to its referrals, decisions, allocations, messages, ...) fails here until
 * src/store/retention.ts says what destruction does with it, instead of making destruction fail (or,
 * worse, leaving personal data behind) in production.
 */

const DOSSIER_TABLES = [
  "client",
  "family",
  "referral",
  "decision",
  "allocation",
  "delivery_report",
  "ijw_request",
  "ijw_message",
];

describe.each(engines)("the references to a dossier on %s", (engine) => {
  it("are all handled by destruction", async () => {
    const { store, done } = await freshStore(engine);
    try {
      const fks = await sql<{ source: string; target: string }>`
        select c.conrelid::regclass::text || '.' || a.attname as source, c.confrelid::regclass::text as target
          from pg_constraint c
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
         where c.contype = 'f'
         order by 1`.execute(store.db);
      const toDossier = fks.rows
        .filter((fk) => DOSSIER_TABLES.includes(fk.target))
        .map((fk) => fk.source)
        .sort();
      expect(toDossier).toEqual(Object.keys(DOSSIER_REFERENCES).sort());
    } finally {
      await done();
    }
  });
});

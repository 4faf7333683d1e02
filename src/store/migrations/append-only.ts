import { type Kysely, sql } from "kysely";

/**
 * Makes a table append-only: a trigger refuses UPDATE, DELETE and TRUNCATE with a Dutch message. Used by
 * the audit trail (0011) and the destruction log (0012); the SQL is the same for every table, with the
 * table's name in the function, the triggers and the message.
 */
export async function makeAppendOnly(db: Kysely<unknown>, table: string): Promise<void> {
  const fn = sql.raw(`${table}_append_only`);
  const name = sql.raw(table);
  await sql`
    create function ${fn}() returns trigger language plpgsql as $$
    begin
      raise exception '${sql.raw(table)} is alleen aan te vullen: % is niet toegestaan', tg_op;
    end
    $$`.execute(db);
  await sql`
    create trigger ${sql.raw(`${table}_no_change`)} before update or delete on ${name}
    for each row execute function ${fn}()`.execute(db);
  await sql`
    create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${name}
    for each statement execute function ${fn}()`.execute(db);
}

import { type Kysely, sql } from "kysely";

/** A family (gezin) and its members: the clients who share one family coordinator. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("family")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("municipality", "char(4)", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .alterTable("client")
    .addColumn("family_id", "uuid", (c) => c.references("family.id"))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("client").dropColumn("family_id").execute();
  await db.schema.dropTable("family").ifExists().execute();
}

import { type Kysely, sql } from "kysely";

/** The decision (beschikking) on a referral: which segments, for which period, by whom. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("decision")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("referral_id", "uuid", (c) => c.notNull().references("referral.id"))
    .addColumn("client_id", "uuid", (c) => c.notNull().references("client.id"))
    .addColumn("municipality", "char(4)", (c) => c.notNull())
    .addColumn("decided_on", "date", (c) => c.notNull())
    .addColumn("segments", "text", (c) => c.notNull())
    .addColumn("follows_advice", "boolean", (c) => c.notNull())
    .addColumn("valid_from", "date", (c) => c.notNull())
    .addColumn("valid_to", "date")
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("decision_period", sql`valid_to is null or valid_to >= valid_from`)
    .execute();
  await db.schema
    .alterTable("allocation")
    .addColumn("decision_id", "uuid", (c) => c.references("decision.id"))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("allocation").dropColumn("decision_id").execute();
  await db.schema.dropTable("decision").ifExists().execute();
}

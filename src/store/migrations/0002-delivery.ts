import { type Kysely, sql } from "kysely";

/** Delivery: the actual start and stop of care under an allocation, and when each was reported. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("delivery")
    .addColumn("allocation_id", "uuid", (c) => c.primaryKey().references("allocation.id"))
    .addColumn("municipality", "char(4)", (c) => c.notNull())
    .addColumn("started_on", "date", (c) => c.notNull())
    .addColumn("start_reported_on", "date", (c) => c.notNull())
    .addColumn("stopped_on", "date")
    .addColumn("stop_reported_on", "date")
    .addColumn("stop_reason", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("delivery_period", sql`stopped_on is null or stopped_on >= started_on`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("delivery").ifExists().execute();
}

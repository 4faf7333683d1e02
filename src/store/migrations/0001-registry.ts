import { type Kysely, sql } from "kysely";

/** Clients, referrals, providers with contracts, and allocations. SQL that PostgreSQL 15 and PGlite (18) both accept. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("client")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("municipality", "char(4)", (c) => c.notNull())
    .addColumn("bsn_hmac", "text", (c) => c.notNull().unique())
    .addColumn("bsn_cipher", "text", (c) => c.notNull())
    .addColumn("birth_date", "date")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("client_municipality").on("client").column("municipality").execute();

  await db.schema
    .createTable("referral")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("client_id", "uuid", (c) => c.notNull().references("client.id"))
    .addColumn("municipality", "char(4)", (c) => c.notNull())
    .addColumn("region_id", "text", (c) => c.notNull())
    .addColumn("request_date", "date", (c) => c.notNull())
    .addColumn("facts", "jsonb", (c) => c.notNull())
    .addColumn("advice", "jsonb", (c) => c.notNull())
    .addColumn("receipt", "jsonb", (c) => c.notNull())
    .addColumn("segments", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("referral_client").on("referral").column("client_id").execute();

  await db.schema
    .createTable("provider")
    .addColumn("agb", "char(8)", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("contract")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("provider_agb", "char(8)", (c) => c.notNull().references("provider.agb"))
    .addColumn("region_id", "text", (c) => c.notNull())
    .addColumn("segment", "text", (c) => c.notNull())
    .addColumn("product", "text")
    .addColumn("purchase_area", "text")
    .addColumn("valid_from", "date", (c) => c.notNull())
    .addColumn("valid_to", "date")
    .execute();

  await sql`create sequence allocation_number start 1000001`.execute(db);
  await db.schema
    .createTable("allocation")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("number", "text", (c) =>
      c
        .notNull()
        .unique()
        .defaultTo(sql`'T' || nextval('allocation_number')::text`),
    )
    .addColumn("client_id", "uuid", (c) => c.notNull().references("client.id"))
    .addColumn("referral_id", "uuid", (c) => c.references("referral.id"))
    .addColumn("municipality", "char(4)", (c) => c.notNull())
    .addColumn("region_id", "text", (c) => c.notNull())
    .addColumn("segment", "text", (c) => c.notNull())
    .addColumn("product", "text", (c) => c.notNull())
    .addColumn("provider_agb", "char(8)", (c) => c.notNull().references("provider.agb"))
    .addColumn("start_date", "date", (c) => c.notNull())
    .addColumn("end_date", "date")
    .addColumn("volume", "numeric")
    .addColumn("unit", "text")
    .addColumn("frequency", "text")
    .addColumn("budget", "numeric")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('actief', 'beeindigd')`))
    .addColumn("end_reason", "text")
    .addColumn("task_based", "boolean", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("allocation_period", sql`end_date is null or end_date >= start_date`)
    .execute();
  await db.schema.createIndex("allocation_client").on("allocation").column("client_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["allocation", "contract", "provider", "referral", "client"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await sql`drop sequence if exists allocation_number`.execute(db);
}

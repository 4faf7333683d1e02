import { type Kysely, sql } from "kysely";

/**
 * Regions, municipalities and who belongs to which region when, copied from the region models
 * (syncRegionModels in registry.ts). A municipality belongs to one region on a day: two full memberships
 * of one municipality that share a day are refused by an exclusion constraint, as are two memberships of
 * one municipality in the same region; a partial one (only some segments) may run beside a full one.
 * The constraints need btree_gist: a contrib extension in Debian's postgresql package and in PGlite
 * (loaded in database.ts), trusted, so the database owner can create it. They are checked at commit, so
 * one sync can move a municipality from one region to another in any order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists btree_gist`.execute(db);
  await db.schema
    .createTable("region")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("model_version", "text", (c) => c.notNull())
    .addColumn("valid_from", "date")
    .addColumn("valid_to", "date")
    .addCheckConstraint(
      "region_period",
      sql`valid_to is null or valid_from is null or valid_to >= valid_from`,
    )
    .execute();
  await db.schema
    .createTable("municipality")
    .addColumn("cbs", "char(4)", (c) => c.primaryKey().check(sql`cbs ~ '^[0-9]{4}$'`))
    .addColumn("name", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("region_membership")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("municipality", "char(4)", (c) => c.notNull().references("municipality.cbs"))
    .addColumn("region_id", "text", (c) => c.notNull().references("region.id"))
    .addColumn("valid_from", "date", (c) => c.notNull())
    .addColumn("valid_to", "date")
    // null: the whole municipality; else the segments (comma-separated) it buys through the region
    .addColumn("segments", "text")
    .addCheckConstraint("region_membership_period", sql`valid_to is null or valid_to >= valid_from`)
    .execute();
  await sql`
    alter table region_membership
      add constraint region_membership_one_region exclude using gist
        (municipality with =, daterange(valid_from, valid_to, '[]') with &&)
        where (segments is null) deferrable initially deferred,
      add constraint region_membership_once_per_region exclude using gist
        (municipality with =, region_id with =, daterange(valid_from, valid_to, '[]') with &&)
        deferrable initially deferred
  `.execute(db);
  await db.schema
    .createIndex("region_membership_region")
    .on("region_membership")
    .column("region_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["region_membership", "municipality", "region"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}

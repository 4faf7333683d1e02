import { type Kysely, sql } from "kysely";
import * as m0002 from "./0002-delivery.ts";

/**
 * Starts and stops of care (regieberichten JW305/JW307, or recorded by a person), one row per report.
 * The table `delivery` of 0002 had one row per allocation, which cannot hold what iJw allows: a temporary
 * stop (reden 20) and a restart give several delivery periods per allocation, one start can carry a
 * temporary and then a definitive stop, and task-based care has no allocation at all (its key is
 * provider + client + product + Begindatum, IV096).
 *
 * A report deleted with StatusAanlevering 3 is kept, marked withdrawn, so the trail of what the provider
 * sent stays; the key is unique only among reports that are not withdrawn, so a correction (delete, then
 * new) can use the same key again.
 *
 * The rows of `delivery` move into the new table and `delivery` becomes a view with the same columns,
 * one row per delivery period (start, with its definitive stop if any, else its temporary stop): what
 * reads it keeps working, and there is one source of truth instead of two tables kept in step.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("delivery_report")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('start', 'stop')`))
    .addColumn("municipality", "char(4)", (c) => c.notNull())
    .addColumn("provider_agb", "char(8)", (c) => c.notNull())
    .addColumn("client_id", "uuid", (c) => c.notNull().references("client.id"))
    // null: task-based care, keyed by the product instead
    .addColumn("allocation_id", "uuid", (c) => c.references("allocation.id"))
    .addColumn("product_category", "text")
    .addColumn("product_code", "text")
    // Begindatum: of the start itself, or of the start a stop refers to (TR382)
    .addColumn("begin_date", "date", (c) => c.notNull())
    .addColumn("end_date", "date")
    // RedenBeeindiging (JZ588) from a JW307; free text when a person records the stop
    .addColumn("reason", "text")
    .addColumn("reported_on", "date", (c) => c.notNull())
    // null when a person recorded it in the registry
    .addColumn("message_id", "uuid", (c) => c.references("ijw_message.id"))
    .addColumn("withdrawn_on", "date")
    .addColumn("withdrawn_by", "uuid", (c) => c.references("ijw_message.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "delivery_report_shape",
      sql`(kind = 'start' and end_date is null and reason is null)
       or (kind = 'stop' and end_date is not null and reason is not null and end_date >= begin_date)`,
    )
    .execute();
  // The logical key (OP033, TR074): for a stop it includes RedenBeeindiging (iJw 3.2). Nulls (no
  // allocation, no product code, a start's reason) must count as equal for the key to hold.
  await sql`
    create unique index delivery_report_key on delivery_report
      (municipality, provider_agb, client_id, allocation_id, product_category, product_code, kind, begin_date, reason)
      nulls not distinct
      where withdrawn_on is null
  `.execute(db);
  await db.schema
    .createIndex("delivery_report_allocation")
    .on("delivery_report")
    .column("allocation_id")
    .execute();
  await db.schema
    .createIndex("delivery_report_client")
    .on("delivery_report")
    .columns(["client_id", "provider_agb"])
    .execute();

  await sql`
    insert into delivery_report
      (id, kind, municipality, provider_agb, client_id, allocation_id, product_category, product_code,
       begin_date, reported_on, created_at)
    select gen_random_uuid(), 'start', d.municipality, a.provider_agb, a.client_id, a.id, a.ijw_category,
           a.ijw_code, d.started_on, d.start_reported_on, d.created_at
      from delivery d join allocation a on a.id = d.allocation_id
  `.execute(db);
  await sql`
    insert into delivery_report
      (id, kind, municipality, provider_agb, client_id, allocation_id, product_category, product_code,
       begin_date, end_date, reason, reported_on, created_at)
    select gen_random_uuid(), 'stop', d.municipality, a.provider_agb, a.client_id, a.id, a.ijw_category,
           a.ijw_code, d.started_on, d.stopped_on, coalesce(d.stop_reason, 'onbekend'),
           coalesce(d.stop_reported_on, d.stopped_on), d.created_at
      from delivery d join allocation a on a.id = d.allocation_id
     where d.stopped_on is not null
  `.execute(db);
  await db.schema.dropTable("delivery").execute();
  await sql`
    create view delivery as
    select s.allocation_id, s.municipality, s.begin_date as started_on, s.reported_on as start_reported_on,
           e.end_date as stopped_on, e.reported_on as stop_reported_on, e.reason as stop_reason, s.created_at
      from delivery_report s
      left join lateral (
        select x.end_date, x.reported_on, x.reason
          from delivery_report x
         where x.kind = 'stop' and x.withdrawn_on is null
           and x.allocation_id = s.allocation_id and x.begin_date = s.begin_date
         order by (x.reason = '20'), x.end_date desc
         limit 1
      ) e on true
     where s.kind = 'start' and s.withdrawn_on is null and s.allocation_id is not null
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Back to one row per allocation: its first delivery period.
  await sql`
    create table delivery_kept as
    select distinct on (allocation_id) * from delivery order by allocation_id, started_on
  `.execute(db);
  await sql`drop view delivery`.execute(db);
  await m0002.up(db);
  await sql`insert into delivery select * from delivery_kept`.execute(db);
  await sql`drop table delivery_kept`.execute(db);
  await db.schema.dropTable("delivery_report").execute();
}

import { type Kysely, sql } from "kysely";

/**
 * Declarations (JW323) as the municipality judged them, so spend (P × Q) can be reported per
 * allocation, segment, provider and month (design.md §7) and the next declaration can be checked
 * against what was approved before. One row per declaration the municipality processed (a message
 * refused as a whole, or with a used DeclaratieNummer, leaves none: the provider sends it again), and
 * one row per prestatie, approved or rejected with its retour codes. Amounts are euro cents as declared
 * (never negative) with D/C beside them. Both tables carry the municipality (the tenant): the lines
 * name the client and the care.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("declaration")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("message_id", "uuid", (c) => c.notNull().references("ijw_message.id"))
    .addColumn("municipality", "char(4)", (c) => c.notNull())
    .addColumn("provider_agb", "char(8)", (c) => c.notNull())
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("period_start", "date", (c) => c.notNull())
    .addColumn("period_end", "date", (c) => c.notNull())
    .addColumn("signed_on", "date", (c) => c.notNull())
    // numeric, not bigint: both engines read it as a JS number (database.ts), and totals reach 10^12.
    .addColumn("submitted_amount", "numeric(14, 0)", (c) => c.notNull())
    .addColumn("submitted_dc", "char(1)", (c) => c.notNull().check(sql`submitted_dc in ('D', 'C')`))
    .addColumn("granted_amount", "numeric(14, 0)", (c) => c.notNull())
    .addColumn("granted_dc", "char(1)", (c) => c.notNull().check(sql`granted_dc in ('D', 'C')`))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('toegekend', 'deels_afgewezen', 'afgewezen')`),
    )
    .addColumn("received_on", "date", (c) => c.notNull())
    // The JW325 is due within 10 working days (OP090x4); it is sent on receipt, so answered_on is set.
    .addColumn("answer_due", "date", (c) => c.notNull())
    .addColumn("answered_on", "date")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // OP349/TR333: unique per provider; checked per municipality, the only receiver this one knows.
    .addUniqueConstraint("declaration_number", ["municipality", "provider_agb", "number"])
    .execute();
  await db.schema
    .createTable("declaration_line")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("declaration_id", "uuid", (c) => c.notNull().references("declaration.id"))
    .addColumn("municipality", "char(4)", (c) => c.notNull())
    .addColumn("provider_agb", "char(8)", (c) => c.notNull())
    // null: no client with this BSN in the registry (the line is then rejected).
    .addColumn("client_id", "uuid", (c) => c.references("client.id"))
    // The allocation it was judged against (a credit: that of its debet); null when it could not be linked.
    .addColumn("allocation_id", "uuid", (c) => c.references("allocation.id"))
    .addColumn("toewijzing_nummer", "integer", (c) => c.notNull())
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("previous_reference", "text")
    .addColumn("product_category", "text", (c) => c.notNull())
    .addColumn("product_code", "text", (c) => c.notNull())
    .addColumn("period_start", "date", (c) => c.notNull())
    .addColumn("period_end", "date", (c) => c.notNull())
    .addColumn("volume", "integer", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("tariff", "integer")
    .addColumn("amount", "integer", (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn("debit_credit", "char(1)", (c) => c.notNull().check(sql`debit_credit in ('D', 'C')`))
    .addColumn("approved", "boolean", (c) => c.notNull())
    // The retour codes of a rejected line, comma-separated; null when approved.
    .addColumn("retour_codes", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("declaration_line_codes", sql`approved = (retour_codes is null)`)
    .execute();
  // TR314: a reference is looked up per provider (a rejected line keeps its reference too).
  await db.schema
    .createIndex("declaration_line_reference")
    .on("declaration_line")
    .columns(["municipality", "provider_agb", "reference"])
    .execute();
  // Two declarations handled at once cannot both approve the same reference or credit one debet twice.
  await sql`create unique index declaration_line_approved_reference
    on declaration_line (municipality, provider_agb, reference) where approved`.execute(db);
  await sql`create unique index declaration_line_one_credit
    on declaration_line (municipality, provider_agb, previous_reference) where approved and debit_credit = 'C'`.execute(
    db,
  );
  // Sums per allocation (TR322, TR369) and spend per allocation and month.
  await db.schema
    .createIndex("declaration_line_allocation")
    .on("declaration_line")
    .columns(["allocation_id", "period_start"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("declaration_line").ifExists().execute();
  await db.schema.dropTable("declaration").ifExists().execute();
}

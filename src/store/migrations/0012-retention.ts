import { type Kysely, sql } from "kysely";
import { makeAppendOnly } from "./append-only.ts";

/**
 * Retention and destruction of dossiers (issue 6; src/registry/retention.ts, src/store/retention.ts).
 *
 * - destruction_request: a request to destroy a dossier (Jeugdwet art. 7.3.9), with its deadline and the
 *   decision. client_id has no foreign key: the request is the proof that the municipality honoured or
 *   refused it (AVG art. 5 lid 2), so it outlives the dossier. It holds no content, only who asked in
 *   which relation, when, and the decision. Four eyes in the database too: the employee who recorded a
 *   request cannot be the one who carries it out.
 * - destruction_log: one row per destroyed dossier: which id, when, why, on which legal basis, by whom and
 *   how many rows per table. Never content: it must not keep what it records as destroyed. Append-only,
 *   like audit_event.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("destruction_request")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("client_id", "uuid", (c) => c.notNull())
    .addColumn("municipality", "char(4)", (c) => c.notNull())
    .addColumn("requested_on", "date", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("relation", "text", (c) =>
      c.notNull().check(sql`relation in ('jeugdige', 'ouder/gezaghebber', 'anders')`),
    )
    .addColumn("deadline", "date", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open', 'uitgevoerd', 'geweigerd')`))
    .addColumn("refusal_ground", "text")
    .addColumn("refusal_reason", "text")
    // null with status 'uitgevoerd': the destruction job destroyed the dossier when its term ran out.
    .addColumn("decided_by", "text", (c) => c.references("app_user.id"))
    .addColumn("decided_on", "date")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("destruction_request_deadline", sql`deadline > requested_on`)
    .addCheckConstraint(
      "destruction_request_decided",
      sql`(status = 'open') = (decided_on is null) and (status = 'open' or decided_on >= requested_on)`,
    )
    .addCheckConstraint(
      "destruction_request_refusal",
      sql`(status = 'geweigerd') = (refusal_reason is not null)
          and (status = 'geweigerd') = (refusal_ground is not null)
          and (status <> 'geweigerd' or decided_by is not null)`,
    )
    .addCheckConstraint(
      "destruction_request_four_eyes",
      sql`status <> 'uitgevoerd' or decided_by is distinct from requested_by`,
    )
    .execute();
  // One open request per dossier: a second one while the first runs is the same request.
  await sql`create unique index destruction_request_one_open on destruction_request (client_id) where status = 'open'`.execute(
    db,
  );
  await db.schema
    .createIndex("destruction_request_deadline")
    .on("destruction_request")
    .columns(["status", "deadline"])
    .execute();

  await db.schema
    .createTable("destruction_log")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    // No foreign key: the client row is gone.
    .addColumn("client_id", "uuid", (c) => c.notNull().unique())
    .addColumn("municipality", "char(4)", (c) => c.notNull())
    .addColumn("dossier_type", "text", (c) =>
      c.notNull().check(sql`dossier_type in ('jeugdhulp', 'toegang')`),
    )
    .addColumn("legal_basis", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in ('termijn-verstreken', 'verzoek')`))
    .addColumn("request_id", "uuid", (c) => c.references("destruction_request.id"))
    // The destruction date of the term, or the deadline of the request.
    .addColumn("due_on", "date")
    .addColumn("destroyed_at", "timestamptz", (c) => c.notNull())
    // The job: null, or the person who started it. A request: the person who approved it.
    .addColumn("destroyed_by", "text", (c) => c.references("app_user.id"))
    // The other pair of eyes. The job: who checked and confirmed the list. A request: who recorded it.
    .addColumn("confirmed_by", "text", (c) => c.notNull().references("app_user.id"))
    // Rows per table, e.g. {"referral": 2, "allocation": 1}: counts only.
    .addColumn("counts", "jsonb", (c) => c.notNull())
    .addCheckConstraint("destruction_log_request", sql`(reason = 'verzoek') = (request_id is not null)`)
    .addCheckConstraint("destruction_log_four_eyes", sql`destroyed_by is distinct from confirmed_by`)
    .execute();
  await db.schema
    .createIndex("destruction_log_destroyed_at")
    .on("destruction_log")
    .column("destroyed_at")
    .execute();
  await makeAppendOnly(db, "destruction_log");
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("destruction_log").ifExists().execute();
  await sql`drop function if exists destruction_log_append_only()`.execute(db);
  await db.schema.dropTable("destruction_request").ifExists().execute();
}

import { randomUUID } from "node:crypto";
import { type Kysely, sql, type Transaction } from "kysely";
import { type IsoDate, today as todayIso } from "../domain/dates.ts";
import { type Actor, allows } from "../registry/access.ts";
import type { Problem } from "../registry/allocation-rules.ts";
import {
  DEFAULT_POLICY,
  type DossierDates,
  type DossierType,
  type RefusalGround,
  refusalProblems,
  type RequesterRelation,
  requestDeadline,
  requestProblems,
  type Retention,
  type RetentionPolicy,
  retentionOf,
} from "../registry/retention.ts";
import { appendAudit } from "./audit.ts";
import type { Store } from "./database.ts";
import { RegistryError } from "./registry.ts";
import type { Database } from "./schema.ts";
import { toActor } from "./users.ts";

/**
 * Retention in the store: the overview of every dossier with its destruction date, the destruction of one
 * dossier in one transaction, the job that destroys what is due, and destruction on request (Jeugdwet
 * art. 7.3.8 and 7.3.9; the terms and their sources are in src/registry/retention.ts).
 *
 * Four eyes: every destruction names two different people. The job: who confirmed the list (and who
 * started it, or the system); a request: who recorded it and who approved it.
 */

type Db = Kysely<Database> | Transaction<Database>;
type Tx = Transaction<Database>;

/**
 * Every foreign key that points at a row of a dossier, and what destruction does with it. A test compares
 * this with the database's own list, so a table added later that refers to a client fails that test until
 * it is handled here.
 */
export const DOSSIER_REFERENCES: Record<string, "verwijderd" | "ontkoppeld" | "bewaard"> = {
  "referral.client_id": "verwijderd",
  "decision.client_id": "verwijderd",
  "decision.referral_id": "verwijderd",
  "allocation.client_id": "verwijderd",
  "allocation.referral_id": "verwijderd",
  "allocation.decision_id": "verwijderd",
  "delivery_report.client_id": "verwijderd",
  "delivery_report.allocation_id": "verwijderd",
  "delivery_report.message_id": "verwijderd",
  "delivery_report.withdrawn_by": "verwijderd",
  "ijw_request.client_id": "verwijderd",
  "ijw_request.allocation_id": "verwijderd",
  "ijw_request.message_id": "verwijderd",
  "ijw_message.client_id": "verwijderd",
  "ijw_message.in_reply_to": "verwijderd",
  "break_glass.client_id": "verwijderd",
  "client.family_id": "verwijderd",
  // Financial records of the municipality: kept, without the link to the person (see destroyDossier).
  "declaration_line.client_id": "ontkoppeld",
  "declaration_line.allocation_id": "ontkoppeld",
  // The declaration keeps its message; the message loses its client (ijw_message_unlinked).
  "declaration.message_id": "bewaard",
};

export interface DossierOverview extends Retention, DossierDates {
  clientId: string;
  municipality: string;
}

interface DossierRow {
  client_id: string;
  municipality: string;
  has_care: boolean;
  care_open: boolean;
  last_care_end: string | null;
  last_change: string;
}

/**
 * The dates of the dossiers in one grouped query: each table is aggregated once per client and joined to
 * the clients, so 500,000 clients cost one pass over each table, not a query per client. "Last change" is
 * the latest date anywhere in the dossier, including the day a row was written (the tables keep no
 * update time; an end date set later is in the row itself). Timestamps become dates in the server's time
 * zone; a day either way does not matter against a term in years, and the later date is taken anyway.
 */
async function dossierDates(
  db: Db,
  filter: {
    clientId?: string;
    municipality?: string;
    prefilter?: { today: IsoDate; policy: RetentionPolicy };
  },
): Promise<(DossierDates & { clientId: string; municipality: string })[]> {
  const own = filter.clientId ? sql`client_id = ${filter.clientId}` : sql`true`;
  const clients = [
    filter.clientId ? sql`c.id = ${filter.clientId}` : sql`true`,
    filter.municipality ? sql`c.municipality = ${filter.municipality}` : sql`true`,
  ];
  // Only rows that can be due: PostgreSQL's date + interval ends 29 February on the 28th, a day before
  // retentionOf does, so this keeps every dossier retentionOf may call due, and TypeScript decides.
  const prefilter = filter.prefilter
    ? sql`where not x.care_open
          and (x.last_care_end is null or x.last_care_end < ${filter.prefilter.today}::date)
          and greatest(x.last_change, case when x.has_care then x.last_care_end end)
              + make_interval(years => case when x.has_care then ${filter.prefilter.policy.jeugdhulp.years}::int
                                            else ${filter.prefilter.policy.toegang.years}::int end)
              <= ${filter.prefilter.today}::date`
    : sql``;
  const result = await sql<DossierRow>`
    with
    a as (
      select client_id, max(end_date) as last_end, bool_or(end_date is null) as open,
             max(greatest(start_date, end_date, created_at::date)) as changed
        from allocation where ${own} group by client_id
    ),
    dr as (
      select s.client_id,
             max(s.end_date) filter (where s.kind = 'stop' and s.withdrawn_on is null) as last_end,
             -- Task-based care has no allocation: it runs from a start until a definitive stop (not reason 20).
             bool_or(s.kind = 'start' and s.allocation_id is null and s.withdrawn_on is null and not exists (
               select 1 from delivery_report e
                where e.client_id = s.client_id and e.provider_agb = s.provider_agb and e.kind = 'stop'
                  and e.allocation_id is null and e.withdrawn_on is null and e.begin_date = s.begin_date
                  and e.product_category is not distinct from s.product_category
                  and e.product_code is not distinct from s.product_code and e.reason <> '20'
             )) as open,
             max(greatest(s.begin_date, s.end_date, s.reported_on, s.withdrawn_on, s.created_at::date)) as changed
        from delivery_report s where ${own} group by s.client_id
    ),
    r as (
      select client_id, max(greatest(request_date, created_at::date)) as changed
        from referral where ${own} group by client_id
    ),
    d as (
      select client_id, max(greatest(decided_on, valid_from, valid_to, created_at::date)) as changed
        from decision where ${own} group by client_id
    ),
    m as (
      select client_id, max(greatest(dagtekening, retour_on, created_at::date, exported_at::date)) as changed
        from ijw_message where client_id is not null and ${own} group by client_id
    ),
    q as (
      select client_id, max(greatest(received_on, answered_on, start_date, end_date)) as changed
        from ijw_request where ${own} group by client_id
    ),
    x as (
      select c.id as client_id, c.municipality,
             (a.client_id is not null or dr.client_id is not null) as has_care,
             (coalesce(a.open, false) or coalesce(dr.open, false)) as care_open,
             greatest(a.last_end, dr.last_end) as last_care_end,
             greatest(c.created_at::date, a.changed, dr.changed, r.changed, d.changed, m.changed, q.changed)
               as last_change
        from client c
        left join a on a.client_id = c.id
        left join dr on dr.client_id = c.id
        left join r on r.client_id = c.id
        left join d on d.client_id = c.id
        left join m on m.client_id = c.id
        left join q on q.client_id = c.id
       where ${clients[0]} and ${clients[1]}
    )
    select * from x ${prefilter}
  `.execute(db);
  return result.rows.map((row) => ({
    clientId: row.client_id,
    municipality: row.municipality,
    hasCare: row.has_care,
    careOpen: row.care_open,
    lastCareEnd: row.last_care_end,
    lastChange: row.last_change,
  }));
}

export interface OverviewOptions {
  today: IsoDate;
  policy?: RetentionPolicy;
  /** Only this municipality's dossiers. */
  municipality?: string;
  /** Only dossiers whose destruction date has come. */
  dueOnly?: boolean;
}

/** Every dossier with its type, last change and destruction date; the due ones first, then by date. */
export async function retentionOverview(
  store: Pick<Store, "db">,
  options: OverviewOptions,
): Promise<DossierOverview[]> {
  const policy = options.policy ?? DEFAULT_POLICY;
  const rows = await dossierDates(store.db, {
    ...(options.municipality ? { municipality: options.municipality } : {}),
    ...(options.dueOnly ? { prefilter: { today: options.today, policy } } : {}),
  });
  const all = rows.map((row) => ({ ...row, ...retentionOf(row, options.today, policy) }));
  const shown = options.dueOnly ? all.filter((r) => r.due) : all;
  // Plain comparison, not localeCompare: ISO dates and UUIDs sort as text, and 500,000 rows sort fast.
  const keyed = shown.map((r) => ({ key: `${r.destructionDate ?? "9999-12-31"} ${r.clientId}`, r }));
  keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return keyed.map((k) => k.r);
}

export type DestructionReason = "termijn-verstreken" | "verzoek";

export interface DestroyOptions {
  today: IsoDate;
  policy?: RetentionPolicy;
  reason: DestructionReason;
  /** With reason "verzoek": the request it carries out. */
  requestId?: string;
  /** With reason "verzoek": the request's deadline (else the destruction date of the term). */
  dueOn?: IsoDate;
  /** null: the destruction job, started by the system. */
  by: Actor | null;
  /** The second person: who confirmed the job's list, or who recorded the request. */
  confirmedBy: Actor;
  traceId?: string;
}

export interface Destruction {
  logId: string;
  clientId: string;
  municipality: string;
  dossierType: DossierType;
  legalBasis: string;
  reason: DestructionReason;
  /** Rows per table: removed, or (…_unlinked) kept without the link to the person. */
  counts: Record<string, number>;
}

const refused = (field: string, value: unknown, reason: string, rule: string) =>
  new RegistryError([{ field, value, reason, rule }]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkId(field: string, id: string): void {
  if (!UUID.test(id)) throw refused(field, id, "is geen geldig id (een UUID)", "id");
}

/** Who may destroy at all, and whose dossiers: the role holds "vernietigen", its municipality the client. */
function actorProblems(field: string, actor: Actor, municipality?: string): Problem[] {
  if (!allows(actor, "vernietigen"))
    return [{ field, value: actor.userId, reason: `de rol ${actor.role} mag niet vernietigen`, rule: "rol" }];
  if (municipality && actor.municipality && actor.municipality !== municipality)
    return [
      {
        field,
        value: actor.userId,
        reason: `werkt voor gemeente ${actor.municipality}, dit dossier hoort bij ${municipality}`,
        rule: "gemeente",
      },
    ];
  return [];
}

function fourEyesProblems(by: Actor | null, confirmedBy: Actor, municipality?: string): Problem[] {
  const problems = [
    ...(by ? actorProblems("by", by, municipality) : []),
    ...actorProblems("confirmedBy", confirmedBy, municipality),
  ];
  if (by && by.userId === confirmedBy.userId)
    problems.push({
      field: "confirmedBy",
      value: confirmedBy.userId,
      reason: "vernietigen vraagt twee verschillende mensen (vier ogen)",
      rule: "vier-ogen",
    });
  return problems;
}

/**
 * Destroys one dossier inside the caller's transaction: the client and everything that is its personal
 * data, then writes the destruction log and the audit record (ids and counts, never content). The
 * client's row is locked first, so a registry write for the same client waits, and the dossier's dates
 * are read again under that lock: a dossier that got new care since the overview is not destroyed.
 */
export async function destroyDossier(
  tx: Tx,
  clientId: string,
  options: DestroyOptions,
): Promise<Destruction> {
  checkId("clientId", clientId);
  const client = await tx
    .selectFrom("client")
    .select(["id", "municipality", "family_id"])
    .where("id", "=", clientId)
    .forUpdate()
    .executeTakeFirst();
  if (!client) throw refused("clientId", clientId, "dit dossier bestaat niet (meer)", "dossier-bestaat");
  const problems = fourEyesProblems(options.by, options.confirmedBy, client.municipality);
  if (problems.length > 0) throw new RegistryError(problems);

  const policy = options.policy ?? DEFAULT_POLICY;
  const [dates] = await dossierDates(tx, { clientId });
  if (!dates) throw refused("clientId", clientId, "dit dossier bestaat niet (meer)", "dossier-bestaat");
  const retention = retentionOf(dates, options.today, policy);
  if (options.reason === "termijn-verstreken" && !retention.due) {
    throw refused(
      "clientId",
      clientId,
      retention.running
        ? "er loopt zorg: het dossier heeft nog geen vernietigingsdatum"
        : `de bewaartermijn is nog niet om: vernietigen mag vanaf ${retention.destructionDate}`,
      "niet-vervallen",
    );
  }
  if (options.reason === "verzoek" && retention.running) {
    throw refused(
      "clientId",
      clientId,
      "er loopt nog zorg: beëindig eerst de toewijzing(en), of weiger het verzoek als een wettelijk voorschrift zich verzet",
      "zorg-loopt",
    );
  }
  if (options.reason === "verzoek" && !options.requestId)
    throw refused("requestId", null, "een vernietiging op verzoek noemt het verzoek", "verzoek");

  // Messages of the client's declarations (JW323, and the JW325 answer) belong to the municipality's
  // financial records, as the declaration lines do: kept, unlinked. Every other message of the client is
  // removed, with the messages that answer it (a retour repeats what it answers). The kept messages'
  // encrypted bodies still hold the BSN: they go when the financial records' own term ends (not built yet).
  const messages = await sql<{ kind: "financieel" | "weg"; id: string }>`
    with recursive
    fin(id) as (
      select d.message_id from declaration d join ijw_message m on m.id = d.message_id
       where m.client_id = ${clientId} or m.subject_hmac = (select bsn_hmac from client where id = ${clientId})
      union
      select m.id from ijw_message m join fin on m.in_reply_to = fin.id
    ),
    gone(id) as (
      -- also a message the registry could not link (a refused request), found by the child's BSN hash
      select id from ijw_message
       where (client_id = ${clientId} or subject_hmac = (select bsn_hmac from client where id = ${clientId}))
         and id not in (select id from fin)
      union
      select m.id from ijw_message m join gone on m.in_reply_to = gone.id
    )
    select 'financieel' as kind, id from fin union all select 'weg' as kind, id from gone
  `.execute(tx);
  const gone = messages.rows.filter((m) => m.kind === "weg").map((m) => m.id);
  const financial = messages.rows.filter((m) => m.kind === "financieel").map((m) => m.id);
  if (gone.some((id) => financial.includes(id)))
    throw new Error("een bericht is zowel financieel als van de cliënt: niets vernietigd");

  const allocations = tx.selectFrom("allocation").select("id").where("client_id", "=", clientId);
  const counts: Record<string, number> = {};
  const count = (table: string, rows: unknown[]) => {
    counts[table] = rows.length;
  };

  count(
    "break_glass",
    await tx.deleteFrom("break_glass").where("client_id", "=", clientId).returning("id").execute(),
  );
  // Declaration lines are the municipality's financial records (what was paid for which care, kept under
  // its own financial retention); they are not the client's dossier. They stay for spend and audit, with
  // the link to the person removed: the BSN was never in the line, only client_id and allocation_id.
  count(
    "declaration_line_unlinked",
    await tx
      .updateTable("declaration_line")
      .set({ client_id: null, allocation_id: null })
      .where((eb) => eb.or([eb("client_id", "=", clientId), eb("allocation_id", "in", allocations)]))
      .returning("id")
      .execute(),
  );
  count(
    "ijw_message_unlinked",
    financial.length === 0
      ? []
      : await tx
          .updateTable("ijw_message")
          .set({ client_id: null })
          .where("id", "in", financial)
          .where("client_id", "=", clientId)
          .returning("id")
          .execute(),
  );
  count(
    "ijw_request",
    await tx.deleteFrom("ijw_request").where("client_id", "=", clientId).returning("id").execute(),
  );
  count(
    "delivery_report",
    await tx.deleteFrom("delivery_report").where("client_id", "=", clientId).returning("id").execute(),
  );
  // One statement for all of them: a retour and what it answers go together, and PostgreSQL checks the
  // reference between them at the end of the statement.
  count(
    "ijw_message",
    gone.length === 0
      ? []
      : await tx.deleteFrom("ijw_message").where("id", "in", gone).returning("id").execute(),
  );
  count(
    "allocation",
    await tx.deleteFrom("allocation").where("client_id", "=", clientId).returning("id").execute(),
  );
  count(
    "decision",
    await tx.deleteFrom("decision").where("client_id", "=", clientId).returning("id").execute(),
  );
  count(
    "referral",
    await tx.deleteFrom("referral").where("client_id", "=", clientId).returning("id").execute(),
  );
  count("client", await tx.deleteFrom("client").where("id", "=", clientId).returning("id").execute());
  count(
    "family",
    client.family_id
      ? await tx
          .deleteFrom("family")
          .where("id", "=", client.family_id)
          .where((eb) =>
            eb.not(eb.exists(eb.selectFrom("client").select("id").where("family_id", "=", client.family_id))),
          )
          .returning("id")
          .execute()
      : [],
  );

  if (options.reason === "termijn-verstreken") {
    // A request still open is answered by this destruction.
    await tx
      .updateTable("destruction_request")
      .set({ status: "uitgevoerd", decided_on: sql`greatest(${options.today}::date, requested_on)` })
      .where("client_id", "=", clientId)
      .where("status", "=", "open")
      .execute();
  }

  const logId = randomUUID();
  await tx
    .insertInto("destruction_log")
    .values({
      id: logId,
      client_id: clientId,
      municipality: client.municipality,
      dossier_type: retention.type,
      legal_basis: retention.legalBasis,
      reason: options.reason,
      request_id: options.requestId ?? null,
      due_on: options.dueOn ?? retention.destructionDate,
      destroyed_at: new Date(),
      destroyed_by: options.by?.userId ?? null,
      confirmed_by: options.confirmedBy.userId,
      counts: JSON.stringify(counts),
    })
    .execute();
  await appendAudit(tx, {
    actor: options.by,
    action: "vernietigen",
    resource: "dossier",
    resourceId: logId,
    clientId,
    purpose: "bewaartermijn",
    outcome: "ok",
    detail: {
      reason: options.reason,
      dossierType: retention.type,
      requestId: options.requestId ?? null,
      confirmedBy: options.confirmedBy.userId,
      counts,
    },
    ...(options.traceId ? { traceId: options.traceId } : {}),
  });
  return {
    logId,
    clientId,
    municipality: client.municipality,
    dossierType: retention.type,
    legalBasis: retention.legalBasis,
    reason: options.reason,
    counts,
  };
}

interface JobOptionsBase {
  today: IsoDate;
  policy?: RetentionPolicy;
  /** Only this municipality's dossiers; by default the confirming person's municipality, if it has one. */
  municipality?: string;
}

export type JobOptions =
  | (JobOptionsBase & { dryRun: true; by?: Actor | null; confirmedBy?: Actor })
  | (JobOptionsBase & { dryRun?: false; by: Actor | null; confirmedBy: Actor });

export interface JobSummary {
  today: IsoDate;
  dryRun: boolean;
  /** The dossiers due when the job began (in a dry run: what would be destroyed). */
  due: DossierOverview[];
  destroyed: Destruction[];
  /** No longer due when their turn came (new care, or destroyed by someone else meanwhile). */
  skipped: { clientId: string; reason: string }[];
  failed: { clientId: string; error: string }[];
}

/**
 * Destroys every dossier that is due, each in its own transaction, so one that fails (and is rolled
 * back whole) does not stop the rest; a failure is written to the audit trail. A dry run only lists.
 */
export async function runDestructionJob(store: Pick<Store, "db">, options: JobOptions): Promise<JobSummary> {
  const municipality = options.municipality ?? options.confirmedBy?.municipality ?? undefined;
  if (!options.dryRun) {
    const problems = fourEyesProblems(options.by, options.confirmedBy, municipality);
    if (problems.length > 0) throw new RegistryError(problems);
  }
  const policy = options.policy ?? DEFAULT_POLICY;
  const due = await retentionOverview(store, {
    today: options.today,
    policy,
    dueOnly: true,
    ...(municipality ? { municipality } : {}),
  });
  const summary: JobSummary = {
    today: options.today,
    dryRun: options.dryRun === true,
    due,
    destroyed: [],
    skipped: [],
    failed: [],
  };
  if (options.dryRun) return summary;
  for (const dossier of due) {
    try {
      summary.destroyed.push(
        await store.db.transaction().execute((tx) =>
          destroyDossier(tx, dossier.clientId, {
            today: options.today,
            policy,
            reason: "termijn-verstreken",
            by: options.by,
            confirmedBy: options.confirmedBy,
          }),
        ),
      );
    } catch (e) {
      const skip =
        e instanceof RegistryError && e.problems.find((p) => /niet-vervallen|dossier-bestaat/.test(p.rule));
      if (skip) {
        summary.skipped.push({ clientId: dossier.clientId, reason: skip.reason });
        continue;
      }
      // Only the message's first line: enough to find the cause, no row content.
      const error = (e instanceof Error ? e.message : String(e)).split("\n")[0]?.slice(0, 300) ?? "";
      summary.failed.push({ clientId: dossier.clientId, error });
      await appendAudit(store.db, {
        actor: options.by,
        action: "vernietigen",
        resource: "dossier",
        clientId: dossier.clientId,
        purpose: "bewaartermijn",
        outcome: "fout",
        detail: { reason: "termijn-verstreken", confirmedBy: options.confirmedBy.userId, error },
      }).catch(() => undefined);
    }
  }
  return summary;
}

// ---------------------------------------------------------------------------------------------------
// Destruction on request

export interface DestructionRequestRecord {
  id: string;
  clientId: string;
  municipality: string;
  requestedOn: IsoDate;
  requestedBy: string;
  relation: RequesterRelation;
  deadline: IsoDate;
  status: "open" | "uitgevoerd" | "geweigerd";
  refusalGround: string | null;
  refusalReason: string | null;
  decidedBy: string | null;
  decidedOn: IsoDate | null;
}

type RequestRow = Database["destruction_request"];

function toRequest(r: {
  id: string;
  client_id: string;
  municipality: string;
  requested_on: string;
  requested_by: string;
  relation: RequestRow["relation"];
  deadline: string;
  status: RequestRow["status"];
  refusal_ground: string | null;
  refusal_reason: string | null;
  decided_by: string | null;
  decided_on: string | null;
}): DestructionRequestRecord {
  return {
    id: r.id,
    clientId: r.client_id,
    municipality: r.municipality,
    requestedOn: r.requested_on,
    requestedBy: r.requested_by,
    relation: r.relation,
    deadline: r.deadline,
    status: r.status,
    refusalGround: r.refusal_ground,
    refusalReason: r.refusal_reason,
    decidedBy: r.decided_by,
    decidedOn: r.decided_on,
  };
}

const requestColumns = [
  "id",
  "client_id",
  "municipality",
  "requested_on",
  "requested_by",
  "relation",
  "deadline",
  "status",
  "refusal_ground",
  "refusal_reason",
  "decided_by",
  "decided_on",
] as const;

/**
 * Records a request to destroy a dossier, with its deadline: 3 months later (Jeugdwet art. 7.3.9). One
 * open request per dossier; a child under 12 cannot ask itself.
 */
export async function requestDestruction(
  store: Pick<Store, "db">,
  input: { clientId: string; requestedOn: IsoDate; relation: string; by: Actor },
): Promise<DestructionRequestRecord> {
  checkId("clientId", input.clientId);
  return store.db.transaction().execute(async (tx) => {
    const client = await tx
      .selectFrom("client")
      .select(["id", "municipality", "birth_date"])
      .where("id", "=", input.clientId)
      .forUpdate()
      .executeTakeFirst();
    if (!client)
      throw refused("clientId", input.clientId, "dit dossier bestaat niet (meer)", "dossier-bestaat");
    const problems = [
      ...actorProblems("by", input.by, client.municipality),
      ...requestProblems({
        relation: input.relation,
        requestedOn: input.requestedOn,
        birthDate: client.birth_date,
      }),
    ];
    const open = await tx
      .selectFrom("destruction_request")
      .select(["id", "deadline"])
      .where("client_id", "=", input.clientId)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (open)
      problems.push({
        field: "clientId",
        value: input.clientId,
        reason: `er loopt al een verzoek (${open.id}, uiterlijk ${open.deadline})`,
        rule: "verzoek-loopt",
      });
    if (problems.length > 0) throw new RegistryError(problems);
    const row = await tx
      .insertInto("destruction_request")
      .values({
        id: randomUUID(),
        client_id: client.id,
        municipality: client.municipality,
        requested_on: input.requestedOn,
        requested_by: input.by.userId,
        relation: input.relation as RequesterRelation,
        deadline: requestDeadline(input.requestedOn),
        status: "open",
        refusal_ground: null,
        refusal_reason: null,
        decided_by: null,
        decided_on: null,
      })
      .returning(requestColumns)
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: input.by,
      action: "aanmaken",
      resource: "vernietigingsverzoek",
      resourceId: row.id,
      clientId: client.id,
      purpose: "bewaartermijn",
      outcome: "ok",
      detail: { relation: row.relation, deadline: row.deadline },
    });
    return toRequest(row);
  });
}

export type RequestDecisionInput = {
  requestId: string;
  by: Actor;
  /** The day of the decision; today by default. */
  on?: IsoDate;
  policy?: RetentionPolicy;
} & ({ approve: true } | { refuse: { ground: RefusalGround | string; reason: string } });

export interface RequestDecisionOutcome {
  request: DestructionRequestRecord;
  /** On approval: the destruction that carried it out. */
  destruction?: Destruction;
}

/**
 * Decides on a request. Approval needs a second person (not the one who recorded the request) and
 * destroys the dossier at once, in the same transaction; a refusal names its legal ground and explains it.
 */
export async function decideDestructionRequest(
  store: Pick<Store, "db">,
  input: RequestDecisionInput,
): Promise<RequestDecisionOutcome> {
  checkId("requestId", input.requestId);
  const on = input.on ?? todayIso();
  return store.db.transaction().execute(async (tx) => {
    const request = await tx
      .selectFrom("destruction_request")
      .select(requestColumns)
      .where("id", "=", input.requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw refused("requestId", input.requestId, "onbekend verzoek", "verzoek-bestaat");
    const problems = actorProblems("by", input.by, request.municipality);
    if (request.status !== "open")
      problems.push({
        field: "requestId",
        value: input.requestId,
        reason: `is al besloten (${request.status} op ${request.decided_on})`,
        rule: "verzoek-open",
      });
    if (on < request.requested_on)
      problems.push({
        field: "on",
        value: on,
        reason: `ligt voor het verzoek (${request.requested_on})`,
        rule: "periode",
      });
    if ("refuse" in input) {
      problems.push(...refusalProblems(input.refuse));
      if (problems.length > 0) throw new RegistryError(problems);
      const row = await tx
        .updateTable("destruction_request")
        .set({
          status: "geweigerd",
          refusal_ground: input.refuse.ground,
          refusal_reason: input.refuse.reason.trim(),
          decided_by: input.by.userId,
          decided_on: on,
        })
        .where("id", "=", request.id)
        .returning(requestColumns)
        .executeTakeFirstOrThrow();
      await appendAudit(tx, {
        actor: input.by,
        action: "vernietigen",
        resource: "vernietigingsverzoek",
        resourceId: request.id,
        clientId: request.client_id,
        purpose: "bewaartermijn",
        outcome: "geweigerd",
        // The ground only: the explanation may name other people and stays with the request.
        detail: { ground: input.refuse.ground },
      });
      return { request: toRequest(row) };
    }
    if (input.by.userId === request.requested_by)
      problems.push({
        field: "by",
        value: input.by.userId,
        reason: "heeft dit verzoek zelf vastgelegd: een tweede medewerker besluit (vier ogen)",
        rule: "vier-ogen",
      });
    if (problems.length > 0) throw new RegistryError(problems);
    const recorder = await tx
      .selectFrom("app_user")
      .selectAll()
      .where("id", "=", request.requested_by)
      .executeTakeFirstOrThrow();
    const row = await tx
      .updateTable("destruction_request")
      .set({ status: "uitgevoerd", decided_by: input.by.userId, decided_on: on })
      .where("id", "=", request.id)
      .returning(requestColumns)
      .executeTakeFirstOrThrow();
    const destruction = await destroyDossier(tx, request.client_id, {
      today: on,
      ...(input.policy ? { policy: input.policy } : {}),
      reason: "verzoek",
      requestId: request.id,
      dueOn: request.deadline,
      by: input.by,
      confirmedBy: toActor(recorder),
    });
    return { request: toRequest(row), destruction };
  });
}

export async function listDestructionRequests(
  store: Pick<Store, "db">,
  filter: { status?: DestructionRequestRecord["status"]; municipality?: string } = {},
): Promise<DestructionRequestRecord[]> {
  let q = store.db.selectFrom("destruction_request").select(requestColumns).orderBy("deadline").orderBy("id");
  if (filter.status) q = q.where("status", "=", filter.status);
  if (filter.municipality) q = q.where("municipality", "=", filter.municipality);
  return (await q.execute()).map(toRequest);
}

export interface DestructionLogRecord {
  id: string;
  clientId: string;
  municipality: string;
  dossierType: DossierType;
  legalBasis: string;
  reason: DestructionReason;
  requestId: string | null;
  dueOn: IsoDate | null;
  destroyedAt: string;
  destroyedBy: string | null;
  confirmedBy: string;
  counts: Record<string, number>;
}

export async function listDestructionLog(store: Pick<Store, "db">): Promise<DestructionLogRecord[]> {
  const rows = await store.db.selectFrom("destruction_log").selectAll().orderBy("destroyed_at").execute();
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    municipality: r.municipality,
    dossierType: r.dossier_type,
    legalBasis: r.legal_basis,
    reason: r.reason,
    requestId: r.request_id,
    dueOn: r.due_on,
    destroyedAt: new Date(r.destroyed_at).toISOString(),
    destroyedBy: r.destroyed_by,
    confirmedBy: r.confirmed_by,
    counts: (typeof r.counts === "string" ? JSON.parse(r.counts) : r.counts) as Record<string, number>,
  }));
}

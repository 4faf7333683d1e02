import type { ColumnType, Generated } from "kysely";
import type { Role } from "../registry/access.ts";

/**
 * The registry's tables as Kysely types. Every table that holds personal data carries the
 * municipality (the tenant) as a column, so access filters stay simple and sharding by municipality
 * stays possible (design.md §6). Dates are ISO strings both ways (see database.ts type parsers).
 */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface ClientTable {
  id: string;
  municipality: string;
  /** Keyed hash of the BSN: finds a client without storing the BSN in clear. Null: no BSN (migration 0014). */
  bsn_hmac: ColumnType<string | null, string | null, string | null>;
  /** The BSN encrypted with AES-256-GCM (iv.tag.ciphertext, base64); null exactly when bsn_hmac is. */
  bsn_cipher: ColumnType<string | null, string | null, string | null>;
  birth_date: string | null;
  /** Name, sex and birth date as iJw messages need them, encrypted JSON; null until a message brings them. */
  personal_cipher: ColumnType<string | null, string | null | undefined, string | null>;
  family_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Timestamp>;
}

export interface FamilyTable {
  id: string;
  municipality: string;
  idempotency_key: string;
  created_at: Generated<Timestamp>;
}

export interface ReferralTable {
  id: string;
  client_id: string;
  municipality: string;
  region_id: string;
  request_date: string;
  facts: Json<unknown>;
  advice: Json<unknown>;
  receipt: Json<unknown>;
  segments: string;
  idempotency_key: string;
  /** The user who made the referral (app_user.id); null for referrals made before login existed. */
  referred_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Timestamp>;
}

export interface ProviderTable {
  agb: string;
  name: string;
}

export interface ContractTable {
  id: Generated<number>;
  provider_agb: string;
  region_id: string;
  segment: string;
  /** null: every product of the segment */
  product: string | null;
  /** null: every purchase area */
  purchase_area: string | null;
  valid_from: string;
  valid_to: string | null;
  /** The iJw product category and code agreed in the contract (product codes are a contract matter). */
  ijw_category: ColumnType<string | null, string | null | undefined, string | null>;
  ijw_code: ColumnType<string | null, string | null | undefined, string | null>;
  /** Euro cents per unit of the product; a declared tariff must equal it (TR418). */
  tariff: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface AllocationTable {
  id: string;
  number: Generated<string>;
  client_id: string;
  referral_id: string | null;
  municipality: string;
  region_id: string;
  segment: string;
  product: string;
  provider_agb: string;
  start_date: string;
  end_date: string | null;
  volume: number | null;
  unit: string | null;
  frequency: string | null;
  budget: number | null;
  status: "actief" | "beeindigd";
  end_reason: string | null;
  /** Task-based segment: no iJw allocation message and no declaration. */
  task_based: boolean;
  idempotency_key: string;
  decision_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The command as given (canonical JSON, without the key), to tell a repeat from a clash; null on older rows. */
  request: string | null;
  /** The iJw product of the allocation, and the provider's reference it honours (JW315/JW317). */
  ijw_category: ColumnType<string | null, string | null | undefined, string | null>;
  ijw_code: ColumnType<string | null, string | null | undefined, string | null>;
  referentie_aanbieder: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Timestamp>;
}

/** Every iJw message in and out, encrypted; identity (direction, type, sender, identificatie) unique. */
export interface IjwMessageTable {
  id: string;
  direction: "in" | "uit";
  type: string;
  sender: string;
  receiver: string;
  identificatie: string;
  dagtekening: string;
  content_hash: string;
  body_cipher: string;
  municipality: string;
  provider_agb: string;
  client_id: string | null;
  in_reply_to: string | null;
  status: string;
  summary: string;
  exported_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  retour_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** Keyed hash of the one BSN an incoming message is about, linked to a client or not (migration 0013). */
  subject_hmac: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Timestamp>;
}

/** A requested product of a VOT (JW315) or VOW (JW317), with its answer and deadlines. */
export interface IjwRequestTable {
  id: string;
  message_id: string;
  kind: "vot" | "vow";
  municipality: string;
  provider_agb: string;
  client_id: string;
  referentie: string;
  product_category: string | null;
  product_code: string | null;
  start_date: string;
  end_date: string | null;
  volume: number | null;
  unit: string | null;
  frequency: string | null;
  budget: number | null;
  referrer_type: string | null;
  status: "open" | "in_onderzoek" | "toegewezen" | "afgewezen";
  received_on: string;
  answer_due: string;
  research_due: string | null;
  reason: string | null;
  allocation_id: string | null;
  answered_on: string | null;
}

/** Read-only: a column of a view. */
type ViewColumn<T> = ColumnType<T, never, never>;

/**
 * A view since migration 0008: one row per delivery period of an allocation (a start, with its
 * definitive stop if any, else its temporary stop), read from delivery_report. Write to delivery_report.
 */
export interface DeliveryTable {
  allocation_id: ViewColumn<string>;
  municipality: ViewColumn<string>;
  started_on: ViewColumn<string>;
  start_reported_on: ViewColumn<string>;
  stopped_on: ViewColumn<string | null>;
  stop_reported_on: ViewColumn<string | null>;
  stop_reason: ViewColumn<string | null>;
  created_at: ViewColumn<Date>;
}

/**
 * A reported start or stop of care (JW305/JW307, or recorded by a person): several per allocation, or
 * none for task-based care (allocation_id null, keyed by product + Begindatum). Withdrawn reports
 * (StatusAanlevering 3) stay for the trail.
 */
export interface DeliveryReportTable {
  id: string;
  kind: "start" | "stop";
  municipality: string;
  provider_agb: string;
  client_id: string;
  allocation_id: string | null;
  product_category: string | null;
  product_code: string | null;
  /** Begindatum: of the start, or of the start a stop refers to. */
  begin_date: string;
  /** Einddatum of a stop. */
  end_date: string | null;
  /** RedenBeeindiging of a stop (JZ588; 20 is a temporary stop), or a person's free text. */
  reason: string | null;
  reported_on: string;
  message_id: string | null;
  withdrawn_on: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Timestamp>;
}

export interface DecisionTable {
  id: string;
  referral_id: string;
  client_id: string;
  municipality: string;
  decided_on: string;
  segments: string;
  follows_advice: boolean;
  valid_from: string;
  valid_to: string | null;
  decided_by: string;
  idempotency_key: string;
  created_at: Generated<Timestamp>;
}

/** A region model's identity and validity, as last synced from regions/<id>/region.yaml. */
export interface RegionTable {
  id: string;
  name: string;
  model_version: string;
  valid_from: string | null;
  valid_to: string | null;
}

export interface MunicipalityTable {
  /** CBS code, 4 digits */
  cbs: string;
  name: string;
}

/** A municipality's membership of a region, from the region's municipalities.yaml. */
export interface RegionMembershipTable {
  id: Generated<number>;
  municipality: string;
  region_id: string;
  valid_from: string;
  /** null: open */
  valid_to: string | null;
  /** null: the whole municipality; else the segments (comma-separated) it buys through the region */
  segments: string | null;
}

/** A declaration (JW323) the municipality processed and answered (JW325); amounts in euro cents. */
export interface DeclarationTable {
  id: string;
  message_id: string;
  municipality: string;
  provider_agb: string;
  /** DeclaratieNummer, unique per provider (OP349). */
  number: string;
  period_start: string;
  period_end: string;
  signed_on: string;
  submitted_amount: number;
  submitted_dc: "D" | "C";
  granted_amount: number;
  granted_dc: "D" | "C";
  status: "toegekend" | "deels_afgewezen" | "afgewezen";
  received_on: string;
  answer_due: string;
  answered_on: string | null;
  created_at: Generated<Timestamp>;
}

/** A prestatie of a declaration, approved or rejected with its retour codes: P × Q per allocation and month. */
export interface DeclarationLineTable {
  id: string;
  declaration_id: string;
  municipality: string;
  provider_agb: string;
  client_id: string | null;
  allocation_id: string | null;
  toewijzing_nummer: number;
  reference: string;
  previous_reference: string | null;
  product_category: string;
  product_code: string;
  period_start: string;
  period_end: string;
  volume: number;
  unit: string;
  tariff: number | null;
  /** Euro cents as declared, never negative; debit_credit gives the direction. */
  amount: number;
  debit_credit: "D" | "C";
  approved: boolean;
  /** Comma-separated; null when approved. */
  retour_codes: string | null;
  created_at: Generated<Timestamp>;
}

export interface AppUserTable {
  id: string;
  display_name: string;
  role: Role;
  organisation: string;
  municipality: string | null;
  provider_agb: string | null;
  region_id: string | null;
  segment: string | null;
  oidc_subject: string | null;
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
}

/** A server-side session; the cookie holds the token, the table only its SHA-256. */
export interface AppSessionTable {
  id_hash: string;
  user_id: string | null;
  data: Json<Record<string, unknown>>;
  /** Written by the session layer from its own clock, so idle and absolute ends use one clock. */
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** One audit record per client concerned; append-only and hash-chained (migration 0011). */
export interface AuditEventTable {
  seq: ColumnType<string, never, never>;
  id: string;
  at: Timestamp;
  trace_id: string;
  actor_id: string | null;
  actor_name: string | null;
  role: string | null;
  organisation: string | null;
  action: string;
  resource: string;
  resource_id: string | null;
  client_id: string | null;
  purpose: string;
  reason: string | null;
  outcome: "ok" | "geweigerd" | "niet-gevonden" | "fout";
  detail: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface BreakGlassTable {
  id: string;
  user_id: string;
  client_id: string;
  reason: string;
  started_at: Timestamp;
  ends_at: Timestamp;
}

/** A request to destroy a dossier (Jeugdwet art. 7.3.9); outlives the dossier, holds no content (migration 0012). */
export interface DestructionRequestTable {
  id: string;
  /** No foreign key: the request stays as proof after the client row is gone. */
  client_id: string;
  municipality: string;
  requested_on: string;
  /** The employee who recorded the request. */
  requested_by: string;
  relation: "jeugdige" | "ouder/gezaghebber" | "anders";
  deadline: string;
  status: "open" | "uitgevoerd" | "geweigerd";
  refusal_ground: string | null;
  refusal_reason: string | null;
  /** null with status 'uitgevoerd': the destruction job destroyed the dossier when its term ran out. */
  decided_by: string | null;
  decided_on: string | null;
  created_at: Generated<Timestamp>;
}

/** One row per destroyed dossier: ids, dates, legal basis, persons and row counts; never content. Append-only. */
export interface DestructionLogTable {
  id: string;
  client_id: string;
  municipality: string;
  dossier_type: "jeugdhulp" | "toegang";
  legal_basis: string;
  reason: "termijn-verstreken" | "verzoek";
  request_id: string | null;
  due_on: string | null;
  destroyed_at: Timestamp;
  /** The job: null or who started it; a request: who approved it. */
  destroyed_by: string | null;
  /** The second pair of eyes: who confirmed the job's list, or who recorded the request. */
  confirmed_by: string;
  counts: Json<Record<string, number>>;
}

export interface Database {
  app_user: AppUserTable;
  app_session: AppSessionTable;
  audit_event: AuditEventTable;
  break_glass: BreakGlassTable;
  destruction_request: DestructionRequestTable;
  destruction_log: DestructionLogTable;
  ijw_message: IjwMessageTable;
  ijw_request: IjwRequestTable;
  region: RegionTable;
  municipality: MunicipalityTable;
  region_membership: RegionMembershipTable;
  family: FamilyTable;
  decision: DecisionTable;
  client: ClientTable;
  referral: ReferralTable;
  provider: ProviderTable;
  contract: ContractTable;
  allocation: AllocationTable;
  delivery: DeliveryTable;
  delivery_report: DeliveryReportTable;
  declaration: DeclarationTable;
  declaration_line: DeclarationLineTable;
}

import type { IsoDate } from "../domain/dates.ts";

/**
 * Roles and what each may do (RBAC). Which rows a role reaches is decided by its relationship to them,
 * in the data layer (src/store/access.ts); this file only answers "does this role have this action at
 * all". Deny by default: an action not listed for a role is refused. See ../shared/docs/ecosystem.md §4.2.
 */

export const ROLES = [
  "toegang",
  "verwijzer",
  "aanbieder",
  "coalitie",
  "beleid",
  "beheer",
  "auditor",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  toegang: "medewerker Toegang van een gemeente",
  verwijzer: "verwijzer (huisarts, jeugdarts, GI, medisch specialist)",
  aanbieder: "medewerker van een jeugdhulpaanbieder",
  coalitie: "medewerker van een coalitie (hoofdaannemer van een segment)",
  beleid: "beleidsmedewerker of contractmanager",
  beheer: "functioneel beheerder",
  auditor: "auditor (alleen het logboek)",
};

/** A signed-in professional: one role for one organisation, with the relationship that sets its rows. */
export interface Actor {
  userId: string;
  name: string;
  role: Role;
  /** e.g. gemeente:0855, aanbieder:12345678, verwijzer:huisarts-de-linde, regio:hart-van-brabant */
  organisation: string;
  /** toegang: the municipality whose clients it serves */
  municipality?: string | null;
  /** aanbieder: its AGB code */
  providerAgb?: string | null;
  /** coalitie: the region and segment it coordinates */
  regionId?: string | null;
  segment?: string | null;
}

export const ACTIONS = [
  "client.zoeken",
  "client.lezen",
  /** Who looked at a file (the client's own audit trail, read by the access team that serves the client). */
  "client.inzage",
  "verwijzing.aanmaken",
  "verwijzing.lezen",
  "toewijzing.aanmaken",
  "toewijzing.wijzigen",
  "toewijzing.lezen",
  "termijnen.lezen",
  "ijw.uploaden",
  "ijw.downloaden",
  "monitoring.lezen",
  "regiomodel.beheren",
  "gebruikers.beheren",
  "audit.lezen",
  "noodtoegang",
  "vernietigen",
] as const;
export type Action = (typeof ACTIONS)[number];

const PERMISSIONS: Record<Role, readonly Action[]> = {
  toegang: [
    "client.zoeken",
    "client.lezen",
    "client.inzage",
    "verwijzing.aanmaken",
    "verwijzing.lezen",
    "toewijzing.aanmaken",
    "toewijzing.wijzigen",
    "toewijzing.lezen",
    "termijnen.lezen",
    "ijw.uploaden",
    "ijw.downloaden",
    "noodtoegang",
    "vernietigen",
  ],
  verwijzer: ["client.zoeken", "client.lezen", "verwijzing.aanmaken", "verwijzing.lezen"],
  aanbieder: [
    "client.zoeken",
    "client.lezen",
    "toewijzing.lezen",
    "termijnen.lezen",
    "ijw.uploaden",
    "ijw.downloaden",
  ],
  coalitie: ["client.zoeken", "client.lezen", "toewijzing.lezen", "termijnen.lezen"],
  beleid: ["monitoring.lezen"],
  beheer: ["regiomodel.beheren", "gebruikers.beheren", "monitoring.lezen"],
  auditor: ["audit.lezen"],
};

export function allows(actor: Pick<Actor, "role">, action: Action): boolean {
  return PERMISSIONS[actor.role].includes(action);
}

/** The roles that hold an action; for documentation and the matrix tests. */
export function rolesWith(action: Action): Role[] {
  return ROLES.filter((role) => PERMISSIONS[role].includes(action));
}

/**
 * Processing activities (verwerkingsactiviteiten, AVG art. 30): every audit record names the one it
 * served, so the log answers "why" as well as "who" and "what" (Logboek Dataverwerkingen).
 */
export const PURPOSES = {
  toegang: "Toegang tot jeugdhulp: vraaganalyse, verwijzing en beschikking (Jeugdwet art. 2.3)",
  toewijzing: "Toewijzing en levering van jeugdhulp (Jeugdwet art. 2.9)",
  berichtenverkeer: "Berichtenverkeer iJw met jeugdhulpaanbieders (Jeugdwet art. 7.4.0)",
  bekostiging: "Declaratie en bekostiging van jeugdhulp",
  beleid: "Beleidsinformatie en budgetbewaking (geen persoonsgegevens)",
  noodtoegang: "Noodtoegang: directe hulp buiten de gewone toegang",
  verantwoording: "Verantwoording en controle van het logboek (NEN 7513)",
  beheer: "Functioneel beheer van gebruikers en regiomodellen",
  inloggen: "Aanmelden van een medewerker",
  bewaartermijn: "Bewaren en vernietigen van dossiers (Jeugdwet art. 7.3.8 en 7.3.9)",
} as const;
export type Purpose = keyof typeof PURPOSES;

/** A provider keeps access to a client this many days after its last allocation ended (configurable). */
export const DEFAULT_PROVIDER_GRACE_DAYS = 90;

/** Break-glass access lasts at most this long; a reason of at least this many characters is required. */
export const BREAK_GLASS_HOURS = 4;
export const BREAK_GLASS_MIN_REASON = 10;
/** More running break-glass accesses than this per user is not an emergency any more: refused. */
export const BREAK_GLASS_MAX_OPEN = 3;

export interface AccessOptions {
  /** The day access is judged on (allocation end + grace); default today. */
  today: IsoDate;
  providerGraceDays: number;
}

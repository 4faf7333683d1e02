import type { Command } from "commander";
import { ROLE_NAMES, type Role } from "../registry/access.ts";
import { type AuditQuery, type AuditRecord, listAudit, verifyAudit } from "../store/audit.ts";
import type { Store } from "../store/database.ts";
import { InputError, parseIsoDateOption } from "./input.ts";
import { withStore } from "./registry-commands.ts";

/**
 * The audit trail on the command line: the check of the hash chain, and the two NEN 7513 views, per
 * client (for a request to see who looked at a child's data) and per employee (for monitoring).
 */

const ACTION_TEXT: Record<string, string> = {
  lezen: "bekeken",
  zoeken: "gezocht",
  aanmaken: "aangemaakt",
  wijzigen: "gewijzigd",
  exporteren: "geëxporteerd",
  "bericht-in": "bericht ontvangen",
  "bericht-uit": "bericht klaargezet om te versturen",
  inloggen: "ingelogd",
  "inloggen-mislukt": "inloggen mislukt",
  uitloggen: "uitgelogd",
  noodtoegang: "noodtoegang gebruikt",
  vernietigen: "vernietigd",
  beheer: "beheer",
};

const RESOURCE_TEXT: Record<string, string> = {
  client: "cliënt",
  verwijzing: "verwijzing",
  toewijzing: "toewijzing",
  "ijw-bericht": "iJw-bericht",
  sessie: "sessie",
  gebruiker: "gebruiker",
};

const OUTCOME_TEXT: Record<string, string> = {
  ok: "gelukt",
  geweigerd: "geweigerd",
  "niet-gevonden": "niet gevonden",
  fout: "mislukt",
};

const when = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  dateStyle: "medium",
  timeStyle: "medium",
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The moment a day starts in the Netherlands, as an instant: what a Dutch reader means by a date. */
export function startOfDutchDay(date: string): string {
  const offset =
    new Intl.DateTimeFormat("en", { timeZone: "Europe/Amsterdam", timeZoneName: "longOffset" })
      .formatToParts(new Date(`${date}T00:00:00Z`))
      .find((p) => p.type === "timeZoneName")
      ?.value.replace("GMT", "") || "+00:00";
  return new Date(`${date}T00:00:00${offset}`).toISOString();
}

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function period(opts: { van?: string; tot?: string }): Pick<AuditQuery, "from" | "to"> {
  const van = opts.van ? parseIsoDateOption(opts.van, "--van") : undefined;
  const tot = opts.tot ? parseIsoDateOption(opts.tot, "--tot") : undefined;
  if (van && tot && tot < van) throw new InputError(`--tot (${tot}) ligt vóór --van (${van})`);
  return {
    ...(van ? { from: startOfDutchDay(van) } : {}),
    // --tot names the last day that counts.
    ...(tot ? { to: startOfDutchDay(nextDay(tot)) } : {}),
  };
}

/** All records of a view, page by page, so a long history is not cut off. */
async function allRecords(store: Store, query: AuditQuery): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for (;;) {
    const page = await listAudit(store.db, {
      ...query,
      limit: 1000,
      ...(out.length ? { afterSeq: out.at(-1)!.seq } : {}),
    });
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

function who(r: AuditRecord): string[] {
  if (!r.actorId) return ["  wie: het systeem (geen medewerker)"];
  return [
    `  wie: ${r.actorName ?? r.actorId} (gebruiker ${r.actorId})`,
    `  rol: ${r.role ? (ROLE_NAMES[r.role as Role] ?? r.role) : "onbekend"}`,
    `  organisatie: ${r.organisation ?? "onbekend"}`,
  ];
}

const DETAIL_ORDER = ["type", "identificatie", "status"];

function what(r: AuditRecord): string {
  const resource = RESOURCE_TEXT[r.resource] ?? r.resource;
  // jsonb keeps keys in its own order; a reader wants the message's identity first.
  const rank = (k: string) => {
    const i = DETAIL_ORDER.indexOf(k);
    return i === -1 ? DETAIL_ORDER.length : i;
  };
  const details = Object.entries(r.detail)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([k, v]) => `${k} ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ");
  return [resource, r.resourceId ?? "", details ? `(${details})` : ""].filter(Boolean).join(" ");
}

/** One record as a few labelled lines; the client is named only in the employee's view. */
export function renderRecord(r: AuditRecord, withClient: boolean): string {
  return [
    when.format(new Date(r.at)),
    ...who(r),
    `  handeling: ${ACTION_TEXT[r.action] ?? r.action}`,
    `  wat: ${what(r)}`,
    ...(withClient ? [`  cliënt: ${r.clientId ?? "geen"}`] : []),
    `  doel: ${r.purposeText}`,
    `  uitkomst: ${OUTCOME_TEXT[r.outcome] ?? r.outcome}`,
    ...(r.reason ? [`  reden: ${r.reason}`] : []),
  ].join("\n");
}

function periodText(opts: { van?: string; tot?: string }): string {
  if (opts.van && opts.tot) return ` van ${opts.van} tot en met ${opts.tot}`;
  if (opts.van) return ` vanaf ${opts.van}`;
  if (opts.tot) return ` tot en met ${opts.tot}`;
  return "";
}

export function addAuditCommands(program: Command, state: { exitCode: number }): void {
  const audit = program
    .command("audit")
    .description("Het logboek: wie heeft wat gezien of gedaan (NEN 7513)");

  audit
    .command("verifieer")
    .description("Controleer of het logboek heel is: geen regel gewijzigd, verwijderd of ertussen gezet")
    .option("--bewaarde-hash <hash>", "een eerder bewaarde laatste hash: die moet nog in het logboek staan")
    .option("--json", "uitvoer als JSON")
    .action(async (opts: { bewaardeHash?: string; json?: boolean }) => {
      if (opts.bewaardeHash !== undefined && !/^[0-9a-f]{64}$/.test(opts.bewaardeHash))
        throw new InputError(
          "--bewaarde-hash: verwacht 64 tekens 0-9 en a-f, zoals 'audit verifieer' die toont",
        );
      const result = await withStore(async (store) => {
        const verified = await verifyAudit(store.db);
        if (!verified.ok || !opts.bewaardeHash) return verified;
        const kept = await store.db
          .selectFrom("audit_event")
          .select("seq")
          .where("hash", "=", opts.bewaardeHash)
          .executeTakeFirst();
        if (kept) return verified;
        // The chain itself is whole, so what is missing was at its end: after the last record there is.
        const last = await store.db
          .selectFrom("audit_event")
          .select("seq")
          .orderBy("seq", "desc")
          .limit(1)
          .executeTakeFirst();
        return {
          ...verified,
          ok: false,
          broken: {
            seq: Number(last?.seq ?? 0),
            reason:
              "de bewaarde hash staat niet meer in het logboek, dus zijn er regels aan het eind weggehaald (ook als er daarna nieuwe bij kwamen)",
          },
        };
      });
      if (!result.ok) state.exitCode = 1;
      if (opts.json) {
        console.log(JSON.stringify(result, null, 2));
        return;
      }
      if (result.ok) {
        console.log(`Het logboek is in orde: ${result.checked} regel(s) gecontroleerd.`);
        console.log(`Laatste hash: ${result.head}`);
        console.log(
          "Bewaar deze hash buiten het register; zo ziet u later ook of er regels aan het eind zijn weggehaald.",
        );
        return;
      }
      console.log(`Het logboek is NIET in orde bij regel ${result.broken!.seq}: ${result.broken!.reason}.`);
      console.log(
        `De ${result.checked} regel(s) daarvoor zijn in orde; de laatste goede hash is ${result.head}.`,
      );
    });

  const view =
    (kind: "client" | "medewerker") =>
    async (id: string, opts: { van?: string; tot?: string; json?: boolean }) => {
      if (kind === "client" && !UUID.test(id))
        // Not echoed: what was typed may be a BSN.
        throw new InputError(
          "Dit is geen cliëntnummer uit het register. Een cliëntnummer ziet eruit als 1b4e28ba-2fa1-11d2-883f-0016d3cca427. Gebruik nooit het BSN.",
        );
      const query: AuditQuery = {
        ...(kind === "client" ? { clientId: id } : { actorId: id }),
        ...period(opts),
      };
      const records = await withStore((store) => allRecords(store, query));
      if (opts.json) {
        console.log(JSON.stringify(records, null, 2));
        return;
      }
      const subject = kind === "client" ? `cliënt ${id}` : `medewerker ${id}`;
      if (records.length === 0) {
        console.log(`Geen regels in het logboek voor ${subject}${periodText(opts)}.`);
        return;
      }
      console.log(`Logboek voor ${subject}${periodText(opts)}: ${records.length} regel(s), oudste eerst.`);
      for (const r of records) console.log(`\n${renderRecord(r, kind === "medewerker")}`);
    };

  audit
    .command("client")
    .description("Wie heeft wat gedaan met de gegevens van één cliënt (voor een inzageverzoek)")
    .argument("<client-id>", "het cliëntnummer uit het register (geen BSN)")
    .option("--van <datum>", "vanaf deze dag (jjjj-mm-dd)")
    .option("--tot <datum>", "tot en met deze dag (jjjj-mm-dd)")
    .option("--json", "uitvoer als JSON")
    .action(view("client"));

  audit
    .command("medewerker")
    .description("Wat heeft één medewerker gedaan (voor controle op het gebruik)")
    .argument("<user-id>", "de gebruikersnaam van de medewerker")
    .option("--van <datum>", "vanaf deze dag (jjjj-mm-dd)")
    .option("--tot <datum>", "tot en met deze dag (jjjj-mm-dd)")
    .option("--json", "uitvoer als JSON")
    .action(view("medewerker"));
}

import { createHash } from "node:crypto";
import type { Command } from "commander";
import { z } from "zod";
import { parseCase } from "../domain/case.ts";
import { today } from "../domain/dates.ts";
import { type Deadline, deadlineStatus } from "../registry/deadlines.ts";
import { ijwDeadlines } from "../store/ijw.ts";
import { canonicalJson, compileRegion } from "../rules/engine.ts";
import { listRegionIds, loadRegion } from "../rules/load.ts";
import { appendAudit } from "../store/audit.ts";
import { migrate, openStore, type Store, storeOptionsFromEnv } from "../store/database.ts";
import { seedDemoUsers } from "../store/demo-users.ts";
import { seedDemo } from "../store/seed.ts";
import {
  addProvider,
  changeAllocation,
  createAllocation,
  createDecision,
  createFamily,
  familyCoordination,
  createReferral,
  endAllocation,
  findClientByBsn,
  getAllocation,
  listAllocations,
  listMunicipalities,
  listReferrals,
  listRegions,
  type MembershipRecord,
  recordStart,
  recordStop,
  regionOfMunicipality,
  registryDeadlines,
} from "../store/registry.ts";
import { InputError, parseCaseText, parseIsoDateOption, readText } from "./input.ts";

/**
 * The registry on the command line. The database is PGlite in ./data (or DATA_DIR), or the PostgreSQL
 * server DATABASE_URL names. A BSN is only read from a file or standard input, never from an argument,
 * so it does not end up in a shell history or a process list.
 */

export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(storeOptionsFromEnv());
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function compiled(id: string) {
  if (!listRegionIds().includes(id)) throw new InputError(`Onbekende regio '${id}'`);
  return compileRegion(loadRegion(id));
}

const clientFileSchema = z.strictObject({ bsn: z.string() });
function readBsn(file: string): string {
  const parsed = clientFileSchema.safeParse(parseCaseText(readText(file), file));
  if (!parsed.success) throw new InputError(`${file}: verwacht {"bsn": "..."}`);
  return parsed.data.bsn;
}

const keyOf = (...parts: unknown[]) =>
  createHash("sha256").update(canonicalJson(parts)).digest("hex").slice(0, 32);

const print = (value: unknown, format: string, text: () => string) =>
  console.log(format === "json" ? JSON.stringify(value, null, 2) : text());

function allRegions() {
  return listRegionIds()
    .map((id) => loadRegion(id))
    .filter((m) => m.info.kind === "region")
    .map(compileRegion);
}

const membershipText = (x: MembershipRecord) =>
  `${x.validFrom} t/m ${x.validTo ?? "open"}${x.segments ? ` (alleen segment ${x.segments.join(", ")})` : ""}`;

/**
 * npm start and npm run demo: an empty registry gets the demo data, and a registry without demo users
 * gets those, so there is something to look at and someone to sign in as. Each happens once.
 */
export async function ensureDemoData(store?: Store): Promise<string> {
  if (!store) return withStore((s) => ensureDemoData(s));
  const lines: string[] = [];
  const any = await store.db.selectFrom("referral").select("id").limit(1).executeTakeFirst();
  if (any) lines.push(`Register (${store.engine}) bevat al gegevens.`);
  else {
    const s = await seedDemo(store, allRegions());
    lines.push(
      `Demogegevens geladen in het register (${store.engine}): ${s.providers} aanbieders, ${s.referrals} verwijzingen, ${s.allocations} toewijzingen (fictief, test-BSN's).`,
    );
  }
  // Only beside demo data: a registry with real clients never gets users anyone can sign in as.
  const demo = await store.db
    .selectFrom("referral")
    .select("id")
    .where("idempotency_key", "like", "demo-%")
    .limit(1)
    .executeTakeFirst();
  const users = demo ? await seedDemoUsers(store) : [];
  if (users.length > 0) lines.push(`Demogebruikers toegevoegd: ${users.map((u) => u.userId).join(", ")}.`);
  return lines.join("\n");
}

/** What a deadline is about, for the text list. */
function subjectText(d: Deadline): string {
  if (d.kind === "regio") return "";
  if (d.kind === "antwoord-verzoek" || d.kind === "besluit-na-onderzoek") return ` (verzoek ${d.subjectId})`;
  if (d.kind === "retour-ontvangen") return ` (${d.subjectId})`;
  return ` (toewijzing ${d.subjectId})`;
}

/**
 * Reading personal data from the command line is direct access outside the API's roles (maintenance):
 * NEN 7513 asks that it is logged too, one record per client concerned, with the system as actor.
 */
async function logCliRead(
  store: Store,
  resource: string,
  clientIds: string[],
  outcome: "ok" | "niet-gevonden" = "ok",
): Promise<void> {
  const ids = [...new Set(clientIds)];
  await appendAudit(
    store.db,
    (ids.length > 0 ? ids : [null]).map((clientId) => ({
      actor: null,
      action: "lezen" as const,
      resource,
      clientId,
      purpose: "beheer" as const,
      outcome,
      detail: { via: "commandoregel" },
    })),
  );
}

export function addRegistryCommands(program: Command): void {
  program
    .command("seed")
    .description("Laad synthetische demogegevens voor elke regio (fictieve aanbieders, test-BSN's)")
    .requiredOption("--demo", "de demogegevens")
    .action(async () => {
      const s = await withStore((store) => seedDemo(store, allRegions()));
      console.log(
        `Demogegevens: ${s.providers} aanbieders, ${s.referrals} verwijzingen, ${s.allocations} toewijzingen${s.refused > 0 ? `, ${s.refused} geweigerd` : ""}.`,
      );
    });

  const db = program.command("db").description("De database van het register");
  db.command("migrate")
    .description("Voer de databasemigraties uit")
    .action(async () => {
      await withStore(async (store) => {
        const applied = await migrate(store);
        console.log(
          `Database (${store.engine}) is bijgewerkt${applied.length > 0 ? `: ${applied.join(", ")}` : ""}.`,
        );
      });
    });

  const provider = program.command("provider").description("Aanbieders en hun contracten");
  provider
    .command("add")
    .description("Leg een aanbieder met contracten vast (JSON: agb, name, contracts[])")
    .requiredOption("--file <file|->", "JSON- of YAML-bestand")
    .action(async (opts: { file: string }) => {
      const schema = z.strictObject({
        agb: z.string().regex(/^\d{8}$/, { error: "moet een AGB-code van 8 cijfers zijn" }),
        name: z.string().min(1),
        contracts: z.array(
          z.strictObject({
            regionId: z.string(),
            segment: z.string(),
            product: z.string().nullable().default(null),
            purchaseArea: z.string().nullable().default(null),
            validFrom: z.iso.date(),
            validTo: z.iso.date().nullable().default(null),
            ijwCategory: z
              .string()
              .regex(/^\d{2}$/, { error: "moet een iJw-productcategorie van 2 cijfers zijn" })
              .optional(),
            ijwCode: z
              .string()
              .regex(/^[0-9A-Za-z]{1,5}$/, { error: "moet een iJw-productcode van hoogstens 5 tekens zijn" })
              .optional(),
            tariff: z
              .number()
              .int({ error: "moet een tarief in hele eurocenten zijn" })
              .min(0, { error: "mag niet negatief zijn" })
              .optional(),
          }),
        ),
      });
      const parsed = schema.safeParse(parseCaseText(readText(opts.file), opts.file));
      if (!parsed.success) {
        throw new InputError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
      }
      await withStore((store) => addProvider(store, parsed.data));
      console.log(
        `Aanbieder ${parsed.data.agb} vastgelegd met ${parsed.data.contracts.length} contract(en).`,
      );
    });

  const referral = program.command("referral").description("Verwijzingen (aanmeldingen)");
  referral
    .command("create")
    .description("Leg een verwijzing vast: de casus, het advies en het bewijs van dat moment")
    .requiredOption("--region <id>", "regio-id")
    .requiredOption("--case <file|->", "casus als JSON- of YAML-bestand")
    .requiredOption("--client <file|->", 'bestand met {"bsn": "..."} (nooit als argument)')
    .option(
      "--idempotency-key <key>",
      "dezelfde sleutel twee keer heeft één effect (standaard: afgeleid van de invoer)",
    )
    .option("--format <format>", "json of text", "text")
    .action(
      async (opts: {
        region: string;
        case: string;
        client: string;
        idempotencyKey?: string;
        format: string;
      }) => {
        const region = compiled(opts.region);
        const facts = parseCase(parseCaseText(readText(opts.case), opts.case));
        const bsn = readBsn(opts.client);
        const result = await withStore((store) =>
          createReferral(store, region, {
            bsn,
            facts,
            idempotencyKey:
              opts.idempotencyKey ?? keyOf("referral", opts.region, facts, store.vault.lookupHash(bsn)),
          }),
        );
        print(
          { id: result.referral.id, created: result.created, segments: result.referral.segments },
          opts.format,
          () =>
            `${result.created ? "Verwijzing vastgelegd" : "Verwijzing bestond al"}: ${result.referral.id} (segment ${result.referral.segments.join(", ") || "geen"}).`,
        );
      },
    );
  referral
    .command("list")
    .description("Toon de verwijzingen")
    .option("--municipality <cbs>", "alleen deze gemeente")
    .option("--format <format>", "json of text", "text")
    .action(async (opts: { municipality?: string; format: string }) => {
      const rows = await withStore(async (store) => {
        const found = await listReferrals(store, opts);
        await logCliRead(
          store,
          "verwijzing",
          found.map((r) => r.clientId),
        );
        return found;
      });
      const summary = rows.map((r) => ({
        id: r.id,
        clientId: r.clientId,
        regionId: r.regionId,
        municipality: r.municipality,
        requestDate: r.requestDate,
        segments: r.segments,
      }));
      print(
        summary,
        opts.format,
        () =>
          summary
            .map(
              (r) =>
                `${r.id}  ${r.requestDate}  ${r.regionId}  gemeente ${r.municipality}  segment ${r.segments.join(", ") || "-"}`,
            )
            .join("\n") || "Geen verwijzingen.",
      );
    });

  const decision = program.command("decision").description("Beschikkingen");
  decision
    .command("create")
    .description(
      "Leg de beschikking op een verwijzing vast (mag afwijken van het advies; dat wordt vastgelegd)",
    )
    .requiredOption("--referral <id>", "de verwijzing")
    .requiredOption("--date <date>", "datum van de beschikking (JJJJ-MM-DD)")
    .requiredOption("--segments <ids>", "segment(en) met komma's")
    .requiredOption("--from <date>", "geldig vanaf (JJJJ-MM-DD)")
    .option("--to <date>", "geldig tot en met (JJJJ-MM-DD)")
    .requiredOption("--by <wie>", "wie de beschikking afgeeft, bijvoorbeeld 'Toegang Tilburg'")
    .option("--idempotency-key <key>", "dezelfde sleutel twee keer heeft één effect")
    .action(
      async (opts: {
        referral: string;
        date: string;
        segments: string;
        from: string;
        to?: string;
        by: string;
        idempotencyKey?: string;
      }) => {
        const decidedOn = parseIsoDateOption(opts.date, "--date");
        const validFrom = parseIsoDateOption(opts.from, "--from");
        const validTo = opts.to ? parseIsoDateOption(opts.to, "--to") : undefined;
        const segments = opts.segments
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean);
        const result = await withStore(async (store) => {
          const ref = (await listReferrals(store)).find((r) => r.id === opts.referral);
          if (!ref) throw new InputError(`Onbekende verwijzing '${opts.referral}'`);
          return createDecision(store, compiled(ref.regionId), {
            referralId: ref.id,
            decidedOn,
            segments,
            validFrom,
            ...(validTo ? { validTo } : {}),
            decidedBy: opts.by,
            idempotencyKey: opts.idempotencyKey ?? keyOf("decision", opts),
          });
        });
        console.log(
          `${result.created ? "Beschikking vastgelegd" : "Beschikking bestond al"}: ${result.decision.id} (segment ${result.decision.segments.join(", ")}${result.decision.followsAdvice ? ", volgens het advies" : ", wijkt af van het advies"}).`,
        );
      },
    );

  const allocation = program.command("allocation").description("Toewijzingen");
  allocation
    .command("create")
    .description("Wijs een product toe aan een aanbieder, gecontroleerd tegen het regiomodel")
    .requiredOption("--referral <id>", "de verwijzing waar de toewijzing uit volgt")
    .option("--decision <id>", "de beschikking: de toewijzing moet binnen haar segmenten en periode vallen")
    .requiredOption("--segment <id>", "segment")
    .requiredOption("--product <id>", "product uit het regiomodel")
    .requiredOption("--provider <agb>", "AGB-code van de aanbieder")
    .requiredOption("--start <date>", "ingangsdatum (JJJJ-MM-DD)")
    .option("--end <date>", "einddatum (JJJJ-MM-DD)")
    .option("--volume <n>", "omvang", (v) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new InputError(`--volume moet een getal ≥ 0 zijn, niet '${v}'`);
      return n;
    })
    .option("--unit <code>", "eenheid (iJw WJ756, bv. 04 uur)")
    .option("--frequency <code>", "frequentie (iJw WJ757, bv. 6 totaal)")
    .option("--idempotency-key <key>", "dezelfde sleutel twee keer heeft één effect")
    .option("--format <format>", "json of text", "text")
    .action(
      async (opts: {
        referral: string;
        decision?: string;
        segment: string;
        product: string;
        provider: string;
        start: string;
        end?: string;
        volume?: number;
        unit?: string;
        frequency?: string;
        idempotencyKey?: string;
        format: string;
      }) => {
        const startDate = parseIsoDateOption(opts.start, "--start");
        const endDate = opts.end ? parseIsoDateOption(opts.end, "--end") : undefined;
        const result = await withStore(async (store) => {
          const ref = (await listReferrals(store)).find((r) => r.id === opts.referral);
          if (!ref) throw new InputError(`Onbekende verwijzing '${opts.referral}'`);
          return createAllocation(store, compiled(ref.regionId), {
            clientId: ref.clientId,
            referralId: ref.id,
            ...(opts.decision ? { decisionId: opts.decision } : {}),
            municipality: ref.municipality,
            segment: opts.segment,
            product: opts.product,
            providerAgb: opts.provider,
            startDate,
            ...(endDate ? { endDate } : {}),
            ...(opts.volume !== undefined ? { volume: opts.volume } : {}),
            ...(opts.unit ? { unit: opts.unit } : {}),
            ...(opts.frequency ? { frequency: opts.frequency } : {}),
            idempotencyKey: opts.idempotencyKey ?? keyOf("allocation", opts),
          });
        });
        print(result, opts.format, () =>
          [
            `${result.created ? "Toewijzing vastgelegd" : "Toewijzing bestond al"}: ${result.allocation.number}${result.allocation.taskBased ? " (taakgericht: geen toewijzingsbericht en geen declaratie)" : ""}.`,
            ...result.ended.map((e) => `Beëindigd: ${e.number} per ${e.endDate} (${e.endReason}).`),
          ].join("\n"),
        );
      },
    );
  allocation
    .command("list")
    .description("Toon toewijzingen")
    .option("--client <id>", "alleen deze cliënt")
    .option("--municipality <cbs>", "alleen deze gemeente")
    .option("--format <format>", "json of text", "text")
    .action(async (opts: { client?: string; municipality?: string; format: string }) => {
      const rows = await withStore(async (store) => {
        const found = await listAllocations(store, {
          ...(opts.client ? { clientId: opts.client } : {}),
          ...(opts.municipality ? { municipality: opts.municipality } : {}),
        });
        await logCliRead(
          store,
          "toewijzing",
          found.map((a) => a.clientId),
        );
        return found;
      });
      print(
        rows,
        opts.format,
        () =>
          rows
            .map(
              (a) =>
                `${a.number}  ${a.status.padEnd(10)} segment ${a.segment}  ${a.product}  aanbieder ${a.providerAgb}  ${a.startDate} t/m ${a.endDate ?? "open"}`,
            )
            .join("\n") || "Geen toewijzingen.",
      );
    });
  allocation
    .command("show")
    .description("Toon één toewijzing")
    .argument("<number>", "toewijzingsnummer")
    .option("--format <format>", "json of text", "json")
    .action(async (number: string, opts: { format: string }) => {
      const a = await withStore(async (store) => {
        const found = await getAllocation(store, number);
        await logCliRead(store, "toewijzing", found ? [found.clientId] : [], found ? "ok" : "niet-gevonden");
        return found;
      });
      if (!a) throw new InputError(`Onbekende toewijzing '${number}'`);
      print(a, opts.format, () => JSON.stringify(a, null, 2));
    });
  allocation
    .command("end")
    .description("Beëindig een toewijzing")
    .argument("<number>", "toewijzingsnummer")
    .requiredOption("--date <date>", "einddatum (JJJJ-MM-DD)")
    .requiredOption("--reason <text>", "reden van beëindiging")
    .action(async (number: string, opts: { date: string; reason: string }) => {
      const endDate = parseIsoDateOption(opts.date, "--date");
      const a = await withStore((store) => endAllocation(store, { number, endDate, reason: opts.reason }));
      console.log(`Toewijzing ${a.number} beëindigd per ${a.endDate}.`);
    });

  allocation
    .command("change")
    .description("Wijzig een toewijzing; wat iJw niet toestaat, beëindigt hem en start een nieuwe")
    .argument("<number>", "toewijzingsnummer")
    .requiredOption("--from <date>", "ingangsdatum van de wijziging (JJJJ-MM-DD)")
    .requiredOption("--reason <text>", "reden van de wijziging")
    .option("--end <date>", "nieuwe einddatum")
    .option("--volume <n>", "nieuwe omvang", Number)
    .option("--budget <n>", "nieuw budget", Number)
    .option("--product <id>", "ander product")
    .option("--provider <agb>", "andere aanbieder")
    .option("--unit <code>", "andere eenheid")
    .option("--frequency <code>", "andere frequentie")
    .option("--idempotency-key <key>", "dezelfde sleutel twee keer heeft één effect")
    .action(
      async (
        number: string,
        opts: {
          from: string;
          reason: string;
          end?: string;
          volume?: number;
          budget?: number;
          product?: string;
          provider?: string;
          unit?: string;
          frequency?: string;
          idempotencyKey?: string;
        },
      ) => {
        for (const [name, v] of [
          ["--volume", opts.volume],
          ["--budget", opts.budget],
        ] as const) {
          if (v !== undefined && (!Number.isFinite(v) || v < 0))
            throw new InputError(`${name} moet een getal ≥ 0 zijn`);
        }
        const from = parseIsoDateOption(opts.from, "--from");
        const endDate = opts.end ? parseIsoDateOption(opts.end, "--end") : undefined;
        const result = await withStore(async (store) => {
          const current = await getAllocation(store, number);
          if (!current) throw new InputError(`Onbekende toewijzing '${number}'`);
          return changeAllocation(store, compiled(current.regionId), {
            number,
            from,
            reason: opts.reason,
            ...(endDate ? { endDate } : {}),
            ...(opts.volume !== undefined ? { volume: opts.volume } : {}),
            ...(opts.budget !== undefined ? { budget: opts.budget } : {}),
            ...(opts.product ? { product: opts.product } : {}),
            ...(opts.provider ? { providerAgb: opts.provider } : {}),
            ...(opts.unit ? { unit: opts.unit } : {}),
            ...(opts.frequency ? { frequency: opts.frequency } : {}),
            idempotencyKey: opts.idempotencyKey ?? keyOf("change", number, opts),
          });
        });
        console.log(
          result.mode === "gewijzigd"
            ? `Toewijzing ${result.allocation.number} gewijzigd.`
            : `Toewijzing ${result.ended[0]?.number ?? number} beëindigd per ${result.ended[0]?.endDate}; nieuwe toewijzing ${result.allocation.number} vanaf ${result.allocation.startDate}.`,
        );
      },
    );
  allocation
    .command("start")
    .description("Meld de werkelijke start van de zorg onder een toewijzing (zoals een JW305)")
    .argument("<number>", "toewijzingsnummer")
    .requiredOption("--date <date>", "werkelijke startdatum (JJJJ-MM-DD)")
    .option("--reported <date>", "datum van de melding; standaard vandaag")
    .action(async (number: string, opts: { date: string; reported?: string }) => {
      const startedOn = parseIsoDateOption(opts.date, "--date");
      const reportedOn = opts.reported ? parseIsoDateOption(opts.reported, "--reported") : today();
      const d = await withStore((store) => recordStart(store, { number, startedOn, reportedOn }));
      console.log(
        `Start van toewijzing ${d.allocationNumber} vastgelegd: ${d.startedOn} (gemeld ${d.startReportedOn}).`,
      );
    });
  allocation
    .command("stop")
    .description("Meld het werkelijke einde van de zorg onder een toewijzing (zoals een JW307)")
    .argument("<number>", "toewijzingsnummer")
    .requiredOption("--date <date>", "werkelijke einddatum (JJJJ-MM-DD)")
    .requiredOption("--reason <text>", "reden van beëindiging")
    .option("--reported <date>", "datum van de melding; standaard vandaag")
    .action(async (number: string, opts: { date: string; reason: string; reported?: string }) => {
      const stoppedOn = parseIsoDateOption(opts.date, "--date");
      const reportedOn = opts.reported ? parseIsoDateOption(opts.reported, "--reported") : today();
      const d = await withStore((store) =>
        recordStop(store, { number, stoppedOn, reportedOn, reason: opts.reason }),
      );
      console.log(
        `Einde van toewijzing ${d.allocationNumber} vastgelegd: ${d.stoppedOn} (gemeld ${d.stopReportedOn}).`,
      );
    });

  const family = program.command("family").description("Gezinnen en de coördinator op gezinsniveau");
  family
    .command("create")
    .description('Leg een gezin vast; de BSN\'s komen uit een bestand ({"bsns": ["...", "..."]})')
    .requiredOption("--municipality <cbs>", "gemeente (CBS-code)")
    .requiredOption("--members <file|->", 'bestand met {"bsns": [...]}')
    .option("--idempotency-key <key>", "dezelfde sleutel twee keer heeft één effect")
    .action(async (opts: { municipality: string; members: string; idempotencyKey?: string }) => {
      if (!/^\d{4}$/.test(opts.municipality))
        throw new InputError("--municipality moet een CBS-code van 4 cijfers zijn");
      const parsed = z
        .strictObject({ bsns: z.array(z.string()).min(1) })
        .safeParse(parseCaseText(readText(opts.members), opts.members));
      if (!parsed.success) throw new InputError(`${opts.members}: verwacht {"bsns": ["...", "..."]}`);
      const result = await withStore((store) =>
        createFamily(store, {
          municipality: opts.municipality,
          bsns: parsed.data.bsns,
          idempotencyKey:
            opts.idempotencyKey ??
            keyOf("family", opts.municipality, parsed.data.bsns.map((b) => store.vault.lookupHash(b)).sort()),
        }),
      );
      console.log(
        `${result.created ? "Gezin vastgelegd" : "Gezin bestond al"}: ${result.id} (${result.members.length} leden).`,
      );
    });
  family
    .command("coordinator")
    .description("Wie coördineert op gezinsniveau, volgens de regels van de regio")
    .argument("<id>", "gezin-id")
    .requiredOption("--region <id>", "regio-id")
    .option("--date <date>", "peildatum (JJJJ-MM-DD); standaard vandaag")
    .option("--format <format>", "json of text", "text")
    .action(async (id: string, opts: { region: string; date?: string; format: string }) => {
      const date = opts.date ? parseIsoDateOption(opts.date, "--date") : today();
      const c = await withStore((store) => familyCoordination(store, compiled(opts.region), id, date));
      print(c, opts.format, () =>
        c.coordinators.length === 0
          ? `Geen coördinator op gezinsniveau nodig (segmenten: ${c.segments.join(", ") || "geen"}).`
          : c.coordinators
              .map((x) => `Coördinatie op gezinsniveau: ${x.coordinator}. ${x.because}`)
              .join("\n"),
      );
    });

  const municipality = program
    .command("municipality")
    .description("Gemeenten en de regio waar ze bij horen, met datums (uit de regiomodellen)");
  municipality
    .command("list")
    .description("Toon de gemeenten met hun regio")
    .option("--region <id>", "alleen de gemeenten van deze regio")
    .option("--date <date>", "alleen wie op deze datum lid is (JJJJ-MM-DD)")
    .option("--format <format>", "json of text", "text")
    .action(async (opts: { region?: string; date?: string; format: string }) => {
      const date = opts.date ? parseIsoDateOption(opts.date, "--date") : undefined;
      const rows = await withStore(async (store) => {
        if (opts.region && !(await listRegions(store)).some((r) => r.id === opts.region))
          throw new InputError(`Onbekende regio '${opts.region}'`);
        return listMunicipalities(store, {
          ...(opts.region ? { regionId: opts.region } : {}),
          ...(date ? { date } : {}),
        });
      });
      const nameWidth = Math.max(0, ...rows.map((m) => m.name.length));
      const regionWidth = Math.max(0, ...rows.flatMap((m) => m.memberships.map((x) => x.regionId.length)));
      const lines = rows.flatMap((m) =>
        (m.memberships.length === 0 ? [undefined] : m.memberships).map(
          (x) =>
            `${m.cbs}  ${m.name.padEnd(nameWidth)}  ${x ? `${x.regionId.padEnd(regionWidth)}  ${membershipText(x)}` : "geen regio in het register"}`,
        ),
      );
      const none = `Geen gemeenten${opts.region ? ` in ${opts.region}` : ""}${date ? ` op ${date}` : ""}.`;
      print(rows, opts.format, () => lines.join("\n") || none);
    });
  municipality
    .command("show")
    .description("Toon een gemeente met haar regio's en datums")
    .argument("<cbs>", "CBS-code (4 cijfers)")
    .option("--date <date>", "zeg ook bij welke regio de gemeente op deze datum hoort (JJJJ-MM-DD)")
    .option("--format <format>", "json of text", "text")
    .action(async (cbs: string, opts: { date?: string; format: string }) => {
      if (!/^\d{4}$/.test(cbs)) throw new InputError(`CBS-code moet 4 cijfers zijn, niet '${cbs}'`);
      const date = opts.date ? parseIsoDateOption(opts.date, "--date") : undefined;
      const { m, onDate } = await withStore(async (store) => ({
        m: (await listMunicipalities(store, { cbs }))[0],
        onDate: date ? await regionOfMunicipality(store, cbs, date) : undefined,
      }));
      if (!m) throw new InputError(`Onbekende gemeente '${cbs}'`);
      const atDate = !date
        ? []
        : onDate
          ? [
              `Op ${date} hoort ${m.name} bij ${onDate.regionName} (${onDate.regionId})${onDate.segments ? `, alleen voor segment ${onDate.segments.join(", ")}` : ""}.`,
            ]
          : [`Op ${date} hoort ${m.name} bij geen regio in het register.`];
      print({ ...m, ...(date ? { date, region: onDate ?? null } : {}) }, opts.format, () =>
        [
          `Gemeente ${m.cbs} ${m.name}`,
          ...(m.memberships.length === 0
            ? ["- hoort bij geen regio in het register"]
            : m.memberships.map((x) => `- ${x.regionName} (${x.regionId}): ${membershipText(x)}`)),
          ...atDate,
        ].join("\n"),
      );
    });

  const client = program.command("client").description("Cliënten (zonder BSN in beeld)");
  client
    .command("find")
    .description(
      "Zoek een cliënt op BSN; het BSN komt uit een bestand of standaardinvoer, nooit uit een argument",
    )
    .requiredOption("--client <file|->", 'bestand met {"bsn": "..."}')
    .action(async (opts: { client: string }) => {
      const bsn = readBsn(opts.client);
      const found = await withStore(async (store) => {
        const client = await findClientByBsn(store, bsn);
        await logCliRead(store, "client", client ? [client.id] : [], client ? "ok" : "niet-gevonden");
        return client;
      });
      if (!found) throw new InputError("Geen cliënt gevonden met dit BSN.");
      console.log(JSON.stringify(found, null, 2));
    });
  client
    .command("show")
    .description("Toon een cliënt met verwijzingen en toewijzingen")
    .argument("<id>", "cliënt-id")
    .action(async (id: string) => {
      const data = await withStore(async (store) => {
        const shown = {
          referrals: (await listReferrals(store))
            .filter((r) => r.clientId === id)
            .map((r) => ({
              id: r.id,
              requestDate: r.requestDate,
              regionId: r.regionId,
              segments: r.segments,
            })),
          allocations: await listAllocations(store, { clientId: id }),
        };
        const known = shown.referrals.length > 0 || shown.allocations.length > 0;
        // An id that is not one (a BSN typed by mistake) is not kept in the log.
        await logCliRead(store, "client", known ? [id] : [], known ? "ok" : "niet-gevonden");
        return shown;
      });
      if (data.referrals.length === 0 && data.allocations.length === 0)
        throw new InputError(`Onbekende cliënt '${id}'`);
      console.log(JSON.stringify({ id, ...data }, null, 2));
    });

  program
    .command("deadlines")
    .description("Toon termijnen die open of verlopen zijn")
    .option("--due-before <date>", "alleen termijnen die vóór deze datum aflopen")
    .option("--today <date>", "de datum van vandaag (voor tests)")
    .option("--format <format>", "json of text", "text")
    .action(async (opts: { dueBefore?: string; today?: string; format: string }) => {
      const now = opts.today ? parseIsoDateOption(opts.today, "--today") : today();
      const limit = opts.dueBefore ? parseIsoDateOption(opts.dueBefore, "--due-before") : undefined;
      const all = await withStore(async (store) => [
        ...(await registryDeadlines(store)),
        ...(await ijwDeadlines(store)),
      ]);
      all.sort((a, b) => a.due.localeCompare(b.due));
      const rows = all
        .filter((d) => !d.doneOn && (!limit || d.due < limit))
        .map((d) => ({ ...d, status: deadlineStatus(d, now) }));
      print(
        rows,
        opts.format,
        () =>
          rows
            .map(
              (d) =>
                `${d.status === "te-laat" ? "TE LAAT " : "open    "} ${d.due}  gemeente ${d.municipality}  ${d.label}${subjectText(d)}${d.consequence ? ` — ${d.consequence}` : ""}`,
            )
            .join("\n") || "Geen open termijnen.",
      );
    });
}

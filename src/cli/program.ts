import { Command, CommanderError, Option } from "commander";
import { CaseValidationError, caseJsonSchema, parseCase } from "../domain/case.ts";
import { checkRegion, formatFindings } from "../rules/check/index.ts";
import { compileRegion, RuleTieError } from "../rules/engine.ts";
import { compareInRegions, renderComparisonText } from "../rules/compare.ts";
import {
  formatIssue,
  listRegionIds,
  loadRegion,
  ModelLoadError,
  RegionNotFoundError,
  regionForMunicipality,
  regionSummary,
} from "../rules/load.ts";
import { parseProvider } from "../domain/provider.ts";
import { today } from "../domain/dates.ts";
import { RegistryError } from "../store/registry.ts";
import { runDemo } from "./demo.ts";
import { InputError, parseCaseText, parseIsoDateOption, readText } from "./input.ts";
import { addIjwCommands } from "./ijw-commands.ts";
import { addAuditCommands } from "./audit-commands.ts";
import { addRegistryCommands, ensureDemoData } from "./registry-commands.ts";
import { addRetentionCommands } from "./retention-commands.ts";
import { addGenerateCommand } from "./generate-command.ts";
import { addReportCommand } from "./report-command.ts";
import { addWhatIfCommand } from "./whatif-command.ts";
import { renderAdviceText, renderPartnerText } from "./render-text.ts";

/**
 * The command line. Exit codes: 0 done, 1 a defect in a region model (or check errors), 2 bad input
 * from the user (with a message that names the field and the reason).
 */

function regionByMunicipality(cbs: string, date: string): string {
  try {
    return regionForMunicipality(cbs, date).id;
  } catch (e) {
    if (e instanceof RegionNotFoundError) throw new InputError(e.message);
    throw e;
  }
}

function loadCompiled(id: string) {
  const known = listRegionIds();
  if (!known.includes(id)) {
    throw new InputError(`Onbekende regio '${id}'. Bekende regio's: ${known.join(", ")}`);
  }
  return compileRegion(loadRegion(id));
}

/** What an action reports back besides its output. */
interface RunState {
  exitCode: number;
}

export function buildProgram(state: RunState = { exitCode: 0 }): Command {
  const program = new Command();
  program
    .name("wegwijzer")
    .description(
      "Wegwijzer: advies over segment, route en coördinatie in de jeugdhulp, met uitleg en bronnen",
    )
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });

  program
    .command("regions")
    .description("Toon de regiomodellen")
    .option("--format <format>", "json of text", "text")
    .action((opts: { format: string }) => {
      const rows = listRegionIds().map((id) => regionSummary(id, loadRegion(id)));
      if (opts.format === "json") {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      for (const r of rows) {
        const validity = r.validFrom
          ? `geldig vanaf ${r.validFrom}${r.validTo ? ` t/m ${r.validTo}` : ""}`
          : "";
        const kind = r.kind === "baseline" ? "basis" : `regio, bouwt op ${r.extends ?? "-"}`;
        console.log(`${r.id.padEnd(24)} ${r.name} (versie ${r.version}; ${kind}) ${validity}`.trimEnd());
      }
    });

  program
    .command("advise")
    .description("Geef een advies voor een casus")
    .option("--region <id>", "regio-id, zie 'regions'")
    .option("--municipality <cbs>", "kies de regio bij deze gemeente (CBS-code) op de peildatum")
    .requiredOption("--case <file|->", "casus als JSON- of YAML-bestand, of '-' voor standaardinvoer")
    .option("--as-of <date>", "peildatum (JJJJ-MM-DD); standaard de aanmelddatum van de casus")
    .addOption(new Option("--format <format>", "uitvoer").choices(["json", "text"]).default("json"))
    .addOption(
      new Option("--trace <mode>", "uitleg in tekst").choices(["all", "applied", "none"]).default("all"),
    )
    .action(
      (opts: {
        region?: string;
        municipality?: string;
        case: string;
        asOf?: string;
        format: string;
        trace: "all" | "applied" | "none";
      }) => {
        const asOf = opts.asOf ? parseIsoDateOption(opts.asOf, "--as-of") : undefined;
        if (opts.region && opts.municipality)
          throw new InputError("Geef --region of --municipality, niet allebei");
        if (opts.municipality !== undefined && !/^\d{4}$/.test(opts.municipality)) {
          throw new InputError(
            `--municipality moet een CBS-code van 4 cijfers zijn, niet '${opts.municipality}'`,
          );
        }
        const facts = parseCase(parseCaseText(readText(opts.case), opts.case));
        const cbs = opts.municipality ?? (opts.region ? undefined : facts.municipality);
        const regionId =
          opts.region ?? (cbs ? regionByMunicipality(cbs, asOf ?? facts.requestDate ?? today()) : undefined);
        if (!regionId) throw new InputError("Geef --region of --municipality (of een gemeente in de casus)");
        const region = loadCompiled(regionId);
        const placed = cbs && !facts.municipality ? { ...facts, municipality: cbs } : facts;
        const advice = region.advise(placed, asOf ? { asOf } : {});
        console.log(
          opts.format === "json"
            ? JSON.stringify(advice, null, 2)
            : renderAdviceText(advice, { trace: opts.trace }),
        );
      },
    );

  program
    .command("compare")
    .description("Vergelijk het advies voor één casus in meerdere regio's")
    .requiredOption("--case <file|->", "casus als JSON- of YAML-bestand, of '-' voor standaardinvoer")
    .requiredOption(
      "--regions <ids>",
      "regio-id's met komma's, bijvoorbeeld hart-van-brabant,een-10-voor-de-jeugd",
    )
    .option("--as-of <date>", "peildatum (JJJJ-MM-DD); standaard de aanmelddatum van de casus")
    .option(
      "--keep-municipality",
      "beoordeel met de gemeente uit de casus, ook in regio's waar die niet bij hoort",
    )
    .addOption(new Option("--format <format>", "uitvoer").choices(["json", "text"]).default("text"))
    .action(
      (opts: {
        case: string;
        regions: string;
        asOf?: string;
        format: string;
        keepMunicipality?: boolean;
      }) => {
        const asOf = opts.asOf ? parseIsoDateOption(opts.asOf, "--as-of") : undefined;
        const ids = opts.regions
          .split(",")
          .map((r) => r.trim())
          .filter(Boolean);
        if (ids.length < 2)
          throw new InputError("--regions: geef ten minste twee regio's, gescheiden door komma's");
        const compiled = ids.map(loadCompiled);
        const facts = parseCase(parseCaseText(readText(opts.case), opts.case));
        const comparison = compareInRegions(compiled, facts, {
          asOf,
          date: asOf ?? facts.requestDate ?? today(),
          keepMunicipality: opts.keepMunicipality,
        });
        const moved = comparison.moved;
        if (opts.format === "json") {
          console.log(JSON.stringify(comparison, null, 2));
          return;
        }
        for (const m of moved) {
          console.log(
            `In ${m.region} beoordeeld alsof de jeugdige in ${m.municipality.name} (${m.municipality.cbs}) woont.`,
          );
        }
        console.log(renderComparisonText(comparison));
      },
    );

  program
    .command("partner-check")
    .description("Toets een aanbieder aan de selectiecriteria voor strategische partners")
    .requiredOption("--region <id>", "regio-id")
    .requiredOption("--provider <file|->", "gegevens van de aanbieder als JSON- of YAML-bestand, of '-'")
    .option("--as-of <date>", "peildatum (JJJJ-MM-DD); standaard vandaag")
    .addOption(new Option("--format <format>", "uitvoer").choices(["json", "text"]).default("text"))
    .action((opts: { region: string; provider: string; asOf?: string; format: string }) => {
      const asOf = opts.asOf ? parseIsoDateOption(opts.asOf, "--as-of") : undefined;
      const region = loadCompiled(opts.region);
      if (!region.model.decisions.some((d) => d.kind === "criterion")) {
        throw new InputError(`Regio '${opts.region}' heeft geen selectiecriteria voor aanbieders`);
      }
      const provider = parseProvider(parseCaseText(readText(opts.provider), opts.provider));
      const result = region.assessProvider(provider, asOf ? { asOf } : {});
      console.log(opts.format === "json" ? JSON.stringify(result, null, 2) : renderPartnerText(result));
    });

  program
    .command("check-region")
    .description(
      "Controleer een regiomodel: schema, verwijzingen, overlap, gaten, geldigheid, bronnen en testgevallen",
    )
    .argument("[id]", "regio-id")
    .option("--all", "controleer alle regio's")
    .action((id: string | undefined, opts: { all?: boolean }) => {
      const ids = opts.all ? listRegionIds() : id ? [id] : [];
      if (ids.length === 0) throw new InputError("Geef een regio-id, of --all");
      let errors = 0;
      for (const rid of ids) {
        if (!listRegionIds().includes(rid)) throw new InputError(`Onbekende regio '${rid}'`);
        const findings = checkRegion(rid);
        errors += findings.filter((f) => f.severity === "error").length;
        console.log(`# ${rid}`);
        console.log(formatFindings(findings));
      }
      if (errors > 0) state.exitCode = 1;
    });

  addRegistryCommands(program);
  addRetentionCommands(program, state);
  addGenerateCommand(program);
  addReportCommand(program);
  addWhatIfCommand(program);
  addIjwCommands(program, state);
  addAuditCommands(program, state);

  const schema = program.command("schema").description("Toon een JSON Schema");
  schema
    .command("case")
    .description("Het JSON Schema van de casusfeiten")
    .action(() => {
      console.log(JSON.stringify(caseJsonSchema(), null, 2));
    });

  program
    .command("demo")
    .description("Interactief advies in de terminal (of voorbeelden als er geen terminal is)")
    .option("--region <id>", "regio-id", "hart-van-brabant")
    .option("--no-seed", "laad geen demogegevens in het register")
    .action(async (opts: { region: string; seed: boolean }) => {
      if (opts.seed) console.log(await ensureDemoData());
      await runDemo(loadCompiled(opts.region));
    });

  return program;
}

/** Runs the CLI in-process; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[]): Promise<number> {
  const state: RunState = { exitCode: 0 };
  try {
    await buildProgram(state).parseAsync(argv);
    return state.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof InputError || e instanceof CaseValidationError) {
      console.error(e.message);
      return 2;
    }
    if (e instanceof ModelLoadError) {
      console.error(`Regiomodel '${e.regionId}' bevat fouten:\n${e.issues.map(formatIssue).join("\n")}`);
      return 1;
    }
    if (e instanceof RegistryError) {
      console.error(e.message);
      return 2;
    }
    if (e instanceof Error && /elfproef|moet 9 cijfers/.test(e.message)) {
      console.error(`BSN: ${e.message}`);
      return 2;
    }
    if (e instanceof RuleTieError) {
      console.error(e.message);
      return 1;
    }
    if ((e as { name?: string }).name === "ExitPromptError") return 130;
    throw e;
  }
}

import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { today } from "../domain/dates.ts";
import { renderTable, toCsv, toXlsx } from "../monitoring/export.ts";
import { isReportName, REPORT_NAMES, REPORTS } from "../monitoring/reports.ts";
import { listRegionIds, loadRegion } from "../rules/load.ts";
import { reportAsSystem } from "../store/reports.ts";
import { InputError, parseIsoDateOption } from "./input.ts";
import { withStore } from "./registry-commands.ts";

/**
 * `report <name>`: a monitoring report (issue 8, item 2) as a text table, JSON, CSV or XLSX. Reads as
 * the system, like the other command-line reads: audited, small cells hidden (src/store/reports.ts).
 */
export function addReportCommand(program: Command): void {
  program
    .command("report")
    .description("Toon een monitoringrapport over de registratie (geen persoonsgegevens)")
    .argument("<naam>", `het rapport: ${REPORT_NAMES.join(", ")}`)
    .option("--year <jaar>", "het jaar (JJJJ); standaard het jaar van de peildatum")
    .option("--region <id>", "alleen deze regio; standaard alle regio's")
    .option("--as-of <datum>", "peildatum (JJJJ-MM-DD); standaard vandaag")
    .addOption(
      new Option("--format <formaat>", "uitvoer").choices(["text", "json", "csv", "xlsx"]).default("text"),
    )
    .option("--out <bestand>", "schrijf naar dit bestand in plaats van naar het scherm (nodig bij xlsx)")
    .addHelpText(
      "after",
      `\nRapporten:\n${REPORT_NAMES.map((n) => `  ${n.padEnd(22)} ${REPORTS[n].titel}`).join("\n")}`,
    )
    .action(
      async (
        name: string,
        opts: { year?: string; region?: string; asOf?: string; format: string; out?: string },
      ) => {
        if (!isReportName(name)) {
          throw new InputError(`naam: '${name}' is geen rapport. Kies uit: ${REPORT_NAMES.join(", ")}`);
        }
        const asOf = opts.asOf ? parseIsoDateOption(opts.asOf, "--as-of") : today();
        const yearText = opts.year ?? asOf.slice(0, 4);
        const year = Number(yearText);
        if (!/^\d{4}$/.test(yearText) || year < 2015 || year > 2100) {
          throw new InputError(`--year: '${yearText}' moet een jaar zijn van 2015 tot en met 2100`);
        }
        if (opts.region !== undefined) {
          const regions = listRegionIds().filter((id) => loadRegion(id).info.kind === "region");
          if (!regions.includes(opts.region)) {
            throw new InputError(
              `--region: '${opts.region}' is geen regio. Bekende regio's: ${regions.join(", ")}`,
            );
          }
        }
        if (opts.format === "xlsx" && !opts.out) {
          throw new InputError("--out: geef een bestand bij --format xlsx (een werkmap is geen tekst)");
        }
        const report = await withStore((store) =>
          reportAsSystem(store, name, { year, regionId: opts.region ?? null, asOf }),
        );
        const output =
          opts.format === "json"
            ? `${JSON.stringify(report, null, 2)}\n`
            : opts.format === "csv"
              ? toCsv(report)
              : opts.format === "xlsx"
                ? await toXlsx(report)
                : `${renderTable(report)}\n`;
        if (opts.out) {
          writeFileSync(opts.out, output);
          console.log(`Rapport ${name} (${report.rijen.length} rijen) geschreven naar ${opts.out}`);
        } else process.stdout.write(output);
      },
    );
}

import {
  Alert,
  Button,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
} from "@utrecht/component-library-react";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { api, ApiError, type RegionList, type Report, type ReportParams, type Session } from "../api.ts";
import { BudgetBars, COLOURS, GroupedBars, HorizontalBars, MonthLines } from "../dashboard/charts.tsx";
import {
  asOfFor,
  countText,
  daysText,
  euroRounded,
  monthName,
  monthShort,
  numberOf,
  type Row,
} from "../dashboard/format.ts";
import { ReportSection, type TableRowData } from "../dashboard/ReportSection.tsx";
import { dateLabel } from "../labels.ts";
import { AppLink } from "../router.tsx";
import { usePageTitle } from "../usePageTitle.ts";

/**
 * The policy dashboard (issue 7 item 5): the monitoring reports of GET /monitoring/rapporten/{naam} as
 * charts, each with a summary in words, a table and its CSV and XLSX download. Only for the roles that
 * may read reports (beleid, beheer: the action monitoring.lezen); others get an explanation, and the API
 * refuses them anyway. The year and region are in the address (?jaar=&regio=), so a link can be shared.
 */

const ALLOWED_ROLES = new Set(["beleid", "beheer"]);
export const canSeeDashboard = (session: Session | null | undefined): boolean =>
  !!session && ALLOWED_ROLES.has(session.role);

const REPORTS = [
  "per-segment",
  "per-maand",
  "per-segment-per-maand",
  "budget-taakgericht",
  "pxq",
  "wachttijd",
  "duur",
  "per-zorgvorm",
  "per-gemeente",
  "per-aanbieder",
] as const;
type Shown = (typeof REPORTS)[number];
type Reports = Record<Shown, Report>;

const YEARS_BACK = 5;

function fromAddress(thisYear: number): { year: number; region: string } {
  const query = new URLSearchParams(window.location.search);
  const year = Number(query.get("jaar"));
  const ok = Number.isInteger(year) && year <= thisYear && year > thisYear - YEARS_BACK - 1;
  const region = query.get("regio") ?? "";
  return { year: ok ? year : thisYear, region: /^[a-z0-9-]*$/.test(region) ? region : "" };
}

export function PolicyDashboard({ session }: { session: Session | null | undefined }) {
  usePageTitle("Monitoring");
  return (
    <div className="ww-dashboard">
      <Heading level={1} tabIndex={-1}>
        Monitoring
      </Heading>
      <Paragraph appearance="lead">
        Cijfers over de jeugdhulp in de regio: hoeveel kinderen hulp krijgen, wat dat kost, hoe lang ze
        wachten en hoe lang de hulp duurt. Zonder namen of BSN.
      </Paragraph>
      {session === undefined ? <Paragraph>Even geduld, we kijken of u bent aangemeld.</Paragraph> : null}
      {session !== undefined && !canSeeDashboard(session) ? <NotAllowed session={session} /> : null}
      {canSeeDashboard(session) ? <Figures /> : null}
    </div>
  );
}

function NotAllowed({ session }: { session: Session | null }) {
  return (
    <Alert type="info">
      <Heading level={2}>Deze cijfers zijn alleen voor beleid en beheer</Heading>
      <Paragraph>
        Alleen beleidsmedewerkers en functioneel beheerders kunnen deze pagina zien. Ook al staan er geen
        namen in, de cijfers gaan over alle kinderen in de regio.
      </Paragraph>
      {session ? (
        <Paragraph>
          U bent aangemeld als {session.name} ({session.roleName}). Met die rol kunt u deze cijfers niet zien.
          Wilt u ze wel zien? Vraag het aan de functioneel beheerder van uw organisatie, of{" "}
          <AppLink href="/aanmelden">meld u aan met een andere rol</AppLink>.
        </Paragraph>
      ) : (
        <Paragraph>
          U bent niet aangemeld. <AppLink href="/aanmelden">Meld u aan</AppLink> als beleidsmedewerker of
          functioneel beheerder.
        </Paragraph>
      )}
    </Alert>
  );
}

function Figures() {
  const thisYear = new Date().getFullYear();
  const initial = useMemo(() => fromAddress(thisYear), [thisYear]);
  const [year, setYear] = useState(initial.year);
  const [region, setRegion] = useState(initial.region);
  const [applied, setApplied] = useState(initial);
  const [regions, setRegions] = useState<RegionList["regions"]>([]);
  const [reports, setReports] = useState<Reports | undefined>();
  const [problem, setProblem] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(true);

  const params: ReportParams = useMemo(
    () => ({
      jaar: applied.year,
      peildatum: asOfFor(applied.year, new Date()),
      ...(applied.region ? { regio: applied.region } : {}),
    }),
    [applied],
  );

  useEffect(() => {
    api
      .regions()
      .then((list) => setRegions(list.regions.filter((r) => r.kind === "region")))
      .catch(() => setRegions([]));
  }, []);

  useEffect(() => {
    let live = true;
    setBusy(true);
    setProblem(undefined);
    Promise.all(REPORTS.map((name) => api.report(name, params)))
      .then((answers) => {
        if (!live) return;
        setReports(Object.fromEntries(REPORTS.map((name, i) => [name, answers[i]])) as Reports);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setReports(undefined);
        setProblem(e instanceof ApiError ? e : new ApiError(0, "Er ging iets mis", "Probeer het opnieuw."));
      })
      .finally(() => {
        if (live) setBusy(false);
      });
    return () => {
      live = false;
    };
  }, [params]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = new URLSearchParams({ jaar: String(year) });
    if (region) query.set("regio", region);
    // The address follows the choice (a shared link opens the same figures); no new history entry per try.
    window.history.replaceState(null, "", `/dashboard?${query.toString()}`);
    setApplied({ year, region });
  };

  const regionName = (id: string | number | null | undefined): string =>
    regions.find((r) => r.id === id)?.name ?? String(id ?? "");
  const segmentLabel = (row: Row): string =>
    applied.region ? `Segment ${row.segment}` : `${regionName(row.regio)}, segment ${row.segment}`;
  const regionText = applied.region ? regionName(applied.region) : "alle regio's";
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i);

  return (
    <>
      <form noValidate onSubmit={submit} className="ww-form ww-inline-form" aria-label="Kies jaar en regio">
        <FormField
          label={<FormLabel htmlFor="dashboard-jaar">Jaar</FormLabel>}
          input={
            <Select
              id="dashboard-jaar"
              value={String(year)}
              onChange={(e) => setYear(Number(e.target.value))}
            >
              {years.map((y) => (
                <SelectOption key={y} value={String(y)}>
                  {y}
                </SelectOption>
              ))}
            </Select>
          }
        />
        <FormField
          label={<FormLabel htmlFor="dashboard-regio">Regio</FormLabel>}
          input={
            <Select id="dashboard-regio" value={region} onChange={(e) => setRegion(e.target.value)}>
              <SelectOption value="">Alle regio&apos;s</SelectOption>
              {regions.map((r) => (
                <SelectOption key={r.id} value={r.id}>
                  {r.name}
                </SelectOption>
              ))}
            </Select>
          }
        />
        <Button type="submit" appearance="primary-action-button">
          Toon de cijfers
        </Button>
      </form>

      <div className="ww-dashboard__figures" aria-busy={busy}>
        <Paragraph role="status">
          {busy
            ? "De cijfers worden geladen."
            : reports
              ? `Cijfers van ${applied.year}, ${regionText}. Stand op ${dateLabel(params.peildatum)}.`
              : ""}
        </Paragraph>
        {problem ? (
          <Alert type="error">
            <Heading level={2}>{problem.title}</Heading>
            <Paragraph>{problem.detail}</Paragraph>
          </Alert>
        ) : null}
        {reports && !busy ? (
          <>
            <Paragraph>
              Aantallen van 1 tot en met 4 tonen we niet: daar staat &lsquo;minder dan 5&rsquo;. Een rij over
              minder dan 5 kinderen laten we weg. Bij elke grafiek staan dezelfde cijfers in een tabel, en
              kunt u ze downloaden.
            </Paragraph>
            <Sections reports={reports} params={params} segmentLabel={segmentLabel} regionName={regionName} />
          </>
        ) : null}
      </div>
    </>
  );
}

const top = (rows: Row[], key: string): Row | undefined =>
  rows.reduce<Row | undefined>(
    (best, r) => ((numberOf(r, key) ?? -1) > (best ? (numberOf(best, key) ?? -1) : -1) ? r : best),
    undefined,
  );

/** "P6W" → 42 days; the norm comes from the region model through the report. */
function normDays(norm: string): number | null {
  const weeks = /^P(\d+)W$/.exec(norm);
  if (weeks) return Number(weeks[1]) * 7;
  const days = /^P(\d+)D$/.exec(norm);
  return days ? Number(days[1]) : null;
}

function normText(norm: string): string {
  const weeks = /^P(\d+)W$/.exec(norm);
  if (weeks) return `${weeks[1]} weken`;
  const days = normDays(norm);
  return days === null ? norm : `${days} dagen`;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const allMonths = (year: number): string[] =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);

/** The months 1-12 of a month report, with the months the API left out (fewer than 5 children) in place. */
function withLeftOutMonths(report: Report, groupKeys: string[]): TableRowData[] {
  const groups = new Map<string, Row[]>();
  for (const row of report.rijen) {
    const key = groupKeys.map((k) => String(row[k])).join("|");
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const out: TableRowData[] = [];
  for (const rows of groups.values()) {
    const first = rows[0];
    for (let m = 1; m <= 12; m++) {
      const month = `${report.jaar}-${String(m).padStart(2, "0")}`;
      const row = rows.find((r) => r.maand === month);
      if (row) out.push(row);
      else if (first)
        out.push({
          leftOut: true,
          keys: Object.fromEntries([...groupKeys.map((k) => [k, String(first[k])]), ["maand", month]]),
        });
    }
    out.push(...rows.filter((r) => !/^\d{4}-\d{2}$/.test(String(r.maand))));
  }
  return out;
}

function Sections({
  reports,
  params,
  segmentLabel,
  regionName,
}: {
  reports: Reports;
  params: ReportParams;
  segmentLabel: (row: Row) => string;
  regionName: (id: string | number | null | undefined) => string;
}) {
  const year = params.jaar;

  // -- clients and spend per segment
  const seg = reports["per-segment"];
  const segTop = top(seg.rijen, "clienten");
  const segSpend = top(seg.rijen, "uitgaven");
  const taskBased = seg.rijen.filter((r) => r.bekostiging === "taakgericht");
  const segSummary =
    seg.rijen.length === 0
      ? [`Er zijn in ${year} geen toewijzingen in deze selectie.`]
      : [
          `In ${year} hadden ${seg.rijen.length} segmenten cliënten. ${segTop ? `De meeste cliënten zijn in ${segmentLabel(segTop)}: ${countText(numberOf(segTop, "clienten") ?? 0)}.` : ""}`,
          segSpend && (numberOf(segSpend, "uitgaven") ?? 0) > 0
            ? `Het meeste geld uit declaraties (P × Q) ging naar ${segmentLabel(segSpend)}: ${euroRounded(numberOf(segSpend, "uitgaven") ?? 0)}.`
            : "Er zijn geen uitgaven uit declaraties.",
          ...(taskBased.length > 0
            ? [
                `${taskBased.length === 1 ? "Eén segment wordt" : `${taskBased.length} segmenten worden`} taakgericht betaald. Daar zijn geen declaraties, dus de uitgaven staan op 0. Wat die segmenten kosten, ziet u bij 'Taakgericht budget'.`,
              ]
            : []),
        ];

  // -- per month
  const month = reports["per-maand"];
  const monthData = allMonths(year).map((key) => {
    const r = month.rijen.find((x) => x.maand === key);
    return {
      name: monthShort(key),
      clienten: r ? numberOf(r, "clienten") : null,
      uitgaven: r ? numberOf(r, "uitgaven") : null,
    };
  });
  const busiest = top(month.rijen, "clienten");
  const monthSummary =
    month.rijen.length === 0
      ? [`Er zijn in ${year} geen maanden met 5 of meer cliënten.`]
      : [
          busiest
            ? `De drukste maand was ${monthName(String(busiest.maand))}: ${countText(numberOf(busiest, "clienten") ?? 0)} cliënten kregen hulp.`
            : "",
          "Een kind telt mee in elke maand dat het hulp krijgt. Tel de maanden dus niet op.",
        ];

  // -- per segment per month: per region a line per segment (colour and dash apart, named in the legend)
  const segMonth = reports["per-segment-per-maand"];
  const segMonthRegions = [...new Set(segMonth.rijen.map((r) => String(r.regio)))];
  const lineStyles = Object.values(COLOURS).flatMap((colour) => [
    { colour, dashed: false },
    { colour, dashed: true },
  ]);
  const segMonthCharts = segMonthRegions.map((regio) => {
    const rows = segMonth.rijen.filter((r) => r.regio === regio);
    const segments = [...new Set(rows.map((r) => String(r.segment)))];
    return {
      regio,
      series: segments.map((segment, i) => ({
        key: `s${i}`,
        name: `Segment ${segment}`,
        // Every other line dashed, and the colours in another order than the dashes: two lines never
        // share both (at most 8 segments a region; the models have 5 at most).
        ...lineStyles[(i * 3) % lineStyles.length]!,
      })),
      data: allMonths(year).map((key) => ({
        name: monthShort(key),
        ...Object.fromEntries(
          segments.map((segment, i) => {
            const row = rows.find((r) => r.segment === segment && r.maand === key);
            return [`s${i}`, row ? numberOf(row, "clienten") : null];
          }),
        ),
      })),
    };
  });
  const segMonthSummary =
    segMonth.rijen.length === 0
      ? [`Er zijn in ${year} geen segmenten met 5 of meer cliënten in een maand.`]
      : [
          `Per regio een lijn per segment: hoeveel cliënten er elke maand hulp kregen in dat segment. Een maand met minder dan 5 cliënten staat niet in de lijn.`,
        ];

  // -- task-based budget
  const budget = reports["budget-taakgericht"];
  const budgetGroups = [...new Set(budget.rijen.map((r) => `${r.regio}|${r.segment}`))].map((key) => {
    const rows = budget.rijen.filter((r) => `${r.regio}|${r.segment}` === key);
    return { key, rows, yearRow: rows.find((r) => r.maand === "jaar"), first: rows[0] };
  });

  // -- P × Q
  const pxq = reports.pxq;
  const pxqTotal = pxq.rijen.reduce((sum, r) => sum + (numberOf(r, "bedrag") ?? 0), 0);
  const pxqTop = top(pxq.rijen, "bedrag");
  const pxqLabel = (r: Row) => `${segmentLabel(r)}: ${r.product}`;

  // -- waiting time
  const wait = reports.wachttijd;
  const withNorm = wait.rijen.filter((r) => typeof r.norm === "string");
  const firstNorm = withNorm[0];
  const reference =
    firstNorm && typeof firstNorm.norm === "string" && normDays(firstNorm.norm) !== null
      ? {
          value: normDays(firstNorm.norm) ?? 0,
          label: `Norm ${segmentLabel(firstNorm)}: ${normText(firstNorm.norm)}`,
        }
      : undefined;
  const slowest = top(wait.rijen, "mediaan");

  // -- duration
  const duration = reports.duur;
  const withMax = duration.rijen.filter((r) => r.maximum !== "geen");

  return (
    <>
      <ReportSection
        id="rapport-per-segment"
        title="Cliënten en uitgaven per segment"
        report={seg}
        params={params}
        summary={segSummary}
      >
        <div className="ww-chart-pair">
          <HorizontalBars
            label={`Staafgrafiek: cliënten per segment in ${year}`}
            seriesName="Cliënten"
            data={seg.rijen.map((r) => ({ name: segmentLabel(r), value: numberOf(r, "clienten") }))}
            format={countText}
          />
          <HorizontalBars
            label={`Staafgrafiek: uitgaven P × Q per segment in ${year}`}
            seriesName="Uitgaven"
            colour={COLOURS.orange}
            data={seg.rijen.map((r) => ({ name: segmentLabel(r), value: numberOf(r, "uitgaven") }))}
            format={euroRounded}
          />
        </div>
      </ReportSection>

      <ReportSection
        id="rapport-per-maand"
        title="Cliënten en uitgaven per maand"
        report={month}
        params={params}
        summary={monthSummary}
        rows={withLeftOutMonths(month, [])}
      >
        <div className="ww-chart-pair">
          <MonthLines
            label={`Lijngrafiek: cliënten per maand in ${year}`}
            data={monthData}
            series={[{ key: "clienten", name: "Cliënten", colour: COLOURS.blue }]}
            format={countText}
          />
          <MonthLines
            label={`Lijngrafiek: uitgaven P × Q per maand in ${year}`}
            data={monthData}
            series={[{ key: "uitgaven", name: "Uitgaven", colour: COLOURS.orange, dashed: true }]}
            format={euroRounded}
          />
        </div>
      </ReportSection>

      <ReportSection
        id="rapport-per-segment-per-maand"
        title="Cliënten per segment per maand"
        report={segMonth}
        params={params}
        summary={segMonthSummary}
        rows={withLeftOutMonths(segMonth, ["regio", "segment"])}
      >
        {segMonthCharts.map((chart) => (
          <div key={chart.regio}>
            <Heading level={3}>{regionName(chart.regio)}</Heading>
            <MonthLines
              label={`Lijngrafiek: cliënten per segment per maand in ${year}, ${regionName(chart.regio)}`}
              data={chart.data}
              series={chart.series}
              format={countText}
            />
          </div>
        ))}
      </ReportSection>

      <ReportSection
        id="rapport-budget"
        title="Taakgericht budget tegen het plafond"
        report={budget}
        params={params}
        rows={withLeftOutMonths(budget, ["regio", "segment"])}
        summary={
          budgetGroups.length === 0
            ? ["In deze selectie is geen segment dat taakgericht wordt betaald."]
            : [
                "Bij taakgerichte segmenten betaalt de regio een vast bedrag per jaar: het budgetplafond. Wegwijzer rekent dat in 12 gelijke delen per maand. De prognose tot het einde van het jaar is dus het plafond.",
                "Wat wel verschilt, is hoeveel zorg dat bedrag koopt. Dat meten we in zorgdagen: de dagen dat kinderen hulp krijgen in het segment.",
              ]
        }
      >
        {budgetGroups.map(({ key, rows, yearRow, first }) => {
          if (!first) return null;
          const label = segmentLabel(first);
          const ceiling = yearRow ? numberOf(yearRow, "plafond") : null;
          // All twelve months on the axis: a month the API left out (fewer than 5 children) stays empty.
          const data = allMonths(year).map((key) => {
            const r = rows.find((x) => x.maand === key);
            return {
              name: monthShort(key),
              werkelijk: r?.soort === "werkelijk" ? numberOf(r, "betaaldCumulatief") : null,
              prognose: r?.soort === "prognose" ? numberOf(r, "betaaldCumulatief") : null,
            };
          });
          const missing = allMonths(year).filter((key) => !rows.some((x) => x.maand === key));
          const perDay = yearRow ? numberOf(yearRow, "bedragPerZorgdag") : null;
          const days = yearRow ? numberOf(yearRow, "zorgdagen") : null;
          return (
            <div key={key} className="ww-budget">
              <Heading level={3}>{label}</Heading>
              {ceiling === null ? (
                <Paragraph>
                  Het regiomodel noemt geen budgetplafond voor dit segment. Daarom is er geen bedrag; de
                  zorgdagen staan in de tabel
                  {days !== null ? ` (prognose voor het jaar: ${countText(days)})` : ""}.
                </Paragraph>
              ) : (
                <>
                  <Paragraph>
                    Plafond {year}: {euroRounded(ceiling)}. Prognose betaald tot het einde van het jaar:{" "}
                    {euroRounded(numberOf(yearRow ?? {}, "betaald") ?? ceiling)}.
                    {days !== null ? ` Prognose zorgdagen: ${countText(days)}.` : ""}
                    {perDay !== null ? ` Dat is ${euroRounded(perDay)} per zorgdag.` : ""}
                    {missing.length > 0
                      ? ` ${capitalise(missing.map(monthName).join(", "))}: minder dan 5 cliënten, daarom ${missing.length === 1 ? "staat die maand" : "staan die maanden"} niet in de grafiek.`
                      : ""}
                  </Paragraph>
                  <BudgetBars
                    label={`Staafgrafiek: ${label}, betaald per maand opgeteld tegen het plafond van ${euroRounded(ceiling)}`}
                    data={data}
                    ceiling={ceiling}
                    format={euroRounded}
                  />
                </>
              )}
            </div>
          );
        })}
      </ReportSection>

      <ReportSection
        id="rapport-pxq"
        title="Uitgaven P × Q per product"
        report={pxq}
        params={params}
        summary={
          pxq.rijen.length === 0
            ? [`Er zijn in ${year} geen goedgekeurde declaraties in deze selectie.`]
            : [
                `Uit declaraties is in ${year} samen ${euroRounded(pxqTotal)} betaald (prijs × aantal).`,
                pxqTop
                  ? `Het meeste geld ging naar ${pxqLabel(pxqTop)}: ${euroRounded(numberOf(pxqTop, "bedrag") ?? 0)}.`
                  : "",
              ]
        }
      >
        <HorizontalBars
          label={`Staafgrafiek: bedrag gedeclareerd per product in ${year}`}
          seriesName="Bedrag"
          colour={COLOURS.orange}
          data={pxq.rijen.map((r) => ({ name: pxqLabel(r), value: numberOf(r, "bedrag") }))}
          format={euroRounded}
        />
      </ReportSection>

      <ReportSection
        id="rapport-wachttijd"
        title="Wachttijd van aanmelding tot start"
        report={wait}
        params={params}
        summary={[
          wait.rijen.length === 0
            ? `Er zijn in ${year} geen starts in deze selectie.`
            : `De helft van de kinderen wacht korter dan de mediaan, 9 van de 10 korter dan het 90e percentiel.${slowest ? ` De langste mediaan is in ${segmentLabel(slowest)}: ${daysText(numberOf(slowest, "mediaan") ?? 0)} dagen.` : ""}`,
          ...withNorm.map(
            (r) =>
              `${segmentLabel(r)} heeft een norm: start binnen ${normText(String(r.norm))} na de aanmelding. ${
                numberOf(r, "aandeelBinnenNorm") !== null
                  ? `${daysText(numberOf(r, "aandeelBinnenNorm") ?? 0)}% van de starts was op tijd.`
                  : "Het aandeel op tijd tonen we niet (minder dan 5)."
              }`,
          ),
        ]}
      >
        <GroupedBars
          label={`Staafgrafiek: wachttijd in dagen per segment in ${year}, mediaan en 90e percentiel`}
          data={wait.rijen.map((r) => ({
            name: segmentLabel(r),
            mediaan: numberOf(r, "mediaan"),
            p90: numberOf(r, "p90"),
          }))}
          series={[
            { key: "mediaan", name: "Mediaan (dagen)", colour: COLOURS.blue, fill: "solid" },
            {
              key: "p90",
              name: "90e percentiel (dagen, gestreept)",
              colour: COLOURS.orange,
              fill: "stripes",
            },
          ]}
          format={daysText}
          {...(reference ? { reference } : {})}
        />
      </ReportSection>

      <ReportSection
        id="rapport-duur"
        title="Duur tegen de maximale duur"
        report={duration}
        params={params}
        summary={
          withMax.length === 0
            ? [
                "Geen enkel product in deze selectie heeft een maximale duur in het regiomodel. Daarom is er geen grafiek; de aantallen toewijzingen staan in de tabel.",
              ]
            : [
                `${withMax.length} ${withMax.length === 1 ? "product heeft" : "producten hebben"} een maximale duur. De grafiek toont per product hoeveel toewijzingen langer duren dan het maximum, bijna aan het maximum zitten (90% of meer) of daar ruim binnen blijven.`,
              ]
        }
      >
        {withMax.length > 0 ? (
          <GroupedBars
            label={`Gestapelde staafgrafiek: toewijzingen per product tegen de maximale duur in ${year}`}
            stacked
            data={withMax.map((r) => ({
              name: `${segmentLabel(r)}: ${r.product}`,
              langer: numberOf(r, "langer"),
              bijna: numberOf(r, "bijna"),
              binnen: numberOf(r, "binnen"),
            }))}
            series={[
              { key: "binnen", name: "Binnen het maximum", colour: COLOURS.blue, fill: "solid" },
              {
                key: "bijna",
                name: "Bijna aan het maximum (gestippeld)",
                colour: COLOURS.purple,
                fill: "dots",
              },
              {
                key: "langer",
                name: "Langer dan het maximum (gestreept)",
                colour: COLOURS.orange,
                fill: "stripes",
              },
            ]}
            format={countText}
          />
        ) : null}
      </ReportSection>

      <VolumeSection
        id="rapport-per-zorgvorm"
        title="Cliënten per zorgvorm"
        report={reports["per-zorgvorm"]}
        params={params}
        label={(r) => String(r.zorgvorm)}
        extra="Een product kan bij meer zorgvormen horen. Dan telt het kind bij elke zorgvorm mee."
        spend={false}
      />
      <VolumeSection
        id="rapport-per-gemeente"
        title="Cliënten en uitgaven per gemeente"
        report={reports["per-gemeente"]}
        params={params}
        label={(r) => String(r.gemeenteNaam ?? r.gemeente)}
      />
      <VolumeSection
        id="rapport-per-aanbieder"
        title="Cliënten en uitgaven per aanbieder"
        report={reports["per-aanbieder"]}
        params={params}
        label={(r) => String(r.aanbiederNaam ?? r.aanbieder)}
      />
    </>
  );
}

function VolumeSection({
  id,
  title,
  report,
  params,
  label,
  extra,
  spend = true,
}: {
  id: string;
  title: string;
  report: Report;
  params: ReportParams;
  label: (row: Row) => string;
  extra?: string;
  spend?: boolean;
}) {
  const most = top(report.rijen, "clienten");
  const mostSpend = top(report.rijen, "uitgaven");
  const summary =
    report.rijen.length === 0
      ? [`Er zijn in ${params.jaar} geen rijen met 5 of meer cliënten.`]
      : [
          most
            ? `De meeste cliënten zijn bij ${label(most)}: ${countText(numberOf(most, "clienten") ?? 0)}.`
            : "",
          ...(spend && mostSpend
            ? [
                `Het meeste geld uit declaraties ging naar ${label(mostSpend)}: ${euroRounded(numberOf(mostSpend, "uitgaven") ?? 0)}.`,
              ]
            : []),
          ...(extra ? [extra] : []),
        ];
  return (
    <ReportSection id={id} title={title} report={report} params={params} summary={summary}>
      <div className={spend ? "ww-chart-pair" : ""}>
        <HorizontalBars
          label={`Staafgrafiek: cliënten, ${title.toLowerCase()}, ${params.jaar}`}
          seriesName="Cliënten"
          data={report.rijen.map((r) => ({ name: label(r), value: numberOf(r, "clienten") }))}
          format={countText}
        />
        {spend ? (
          <HorizontalBars
            label={`Staafgrafiek: uitgaven P × Q, ${title.toLowerCase()}, ${params.jaar}`}
            seriesName="Uitgaven"
            colour={COLOURS.orange}
            data={report.rijen.map((r) => ({ name: label(r), value: numberOf(r, "uitgaven") }))}
            format={euroRounded}
          />
        ) : null}
      </div>
    </ReportSection>
  );
}

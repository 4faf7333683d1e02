import {
  Alert,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { useEffect, useState } from "react";
import { api, ApiError, type RegionCheck, type RegionSummary } from "../api.ts";
import { dateLabel, periodLabel, severityLabel } from "../labels.ts";
import { AppLink } from "../router.tsx";
import { usePageTitle } from "../usePageTitle.ts";
import { RegionRules } from "./RegionRules.tsx";

type SourceRef = { doc: string; section?: string; quote?: string } | undefined;

function validity(from?: string, to?: string): string {
  if (!from && !to) return "altijd";
  return `${from ? `vanaf ${dateLabel(from)}` : ""}${to ? ` tot ${dateLabel(to)}` : ""}`.trim();
}

function valueText(value: number | string | boolean | null, unit?: string): string {
  if (value === null) return "onbekend (de bron noemt geen waarde)";
  if (typeof value === "boolean") return value ? "ja" : "nee";
  const text = typeof value === "number" ? value.toLocaleString("nl-NL") : value;
  return unit ? `${text} ${unit}` : text;
}

/**
 * One region model (GET /regions/{id}) and its static check (GET /regions/{id}/check): segments with
 * products, duration, financing and deadlines; the numbers with their validity and source; the
 * municipalities; the source documents; what the check found; and the decision tables' rules with their
 * sources and test cases (GET /regions/{id}/rules, RegionRules.tsx).
 */
export function RegionDetail({ id }: { id: string }) {
  const [region, setRegion] = useState<RegionSummary | undefined>();
  const [check, setCheck] = useState<RegionCheck | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  usePageTitle(region ? `Regiomodel ${region.name}` : "Regiomodel");

  useEffect(() => {
    let live = true;
    setRegion(undefined);
    setCheck(undefined);
    setProblem(undefined);
    Promise.all([api.region(id), api.regionCheck(id)])
      .then(([r, c]) => {
        if (!live) return;
        setRegion(r);
        setCheck(c);
      })
      .catch((e: unknown) => {
        if (live) setProblem(e instanceof ApiError ? e.detail : "Dit regiomodel is niet te laden.");
      });
    return () => {
      live = false;
    };
  }, [id]);

  const sourceText = (ref: SourceRef): string => {
    if (!ref) return "–";
    const doc = region?.sources.find((s) => s.id === ref.doc);
    const parts = [doc ? `${doc.title}${doc.file ? ` (${doc.file})` : ""}` : ref.doc];
    if (ref.section) parts.push(ref.section);
    if (ref.quote) parts.push(`“${ref.quote}”`);
    return parts.join(", ");
  };

  return (
    <>
      <Paragraph>
        <AppLink href="/regios">Alle regiomodellen</AppLink>
      </Paragraph>
      <Heading level={1} tabIndex={-1}>
        {region ? region.name : "Regiomodel"}
      </Heading>
      {problem ? (
        <Alert type="error">
          <Paragraph>{problem}</Paragraph>
        </Alert>
      ) : null}
      {!region && !problem ? <Paragraph>Het regiomodel wordt geladen.</Paragraph> : null}
      {region ? (
        <>
          <Paragraph appearance="lead">{region.description}</Paragraph>
          <Paragraph>
            Versie {region.version}, geldig {validity(region.validFrom, region.validTo)}.
            {region.extends ? ` Bouwt op het model ${region.extends}.` : ""} Hash van het model:{" "}
            <code>{region.modelHash.slice(0, 12)}</code>.
          </Paragraph>
          <Paragraph>
            <AppLink href={`/regios/vergelijk?a=${encodeURIComponent(region.id)}`}>
              Vergelijk met een ander regiomodel
            </AppLink>
          </Paragraph>

          <section aria-labelledby="controle">
            <Heading level={2} id="controle">
              Controle van het model
            </Heading>
            {check ? (
              <>
                <Paragraph>
                  {check.errors} {check.errors === 1 ? "fout" : "fouten"}, {check.warnings}{" "}
                  {check.warnings === 1 ? "waarschuwing" : "waarschuwingen"} en {check.infos}{" "}
                  {check.infos === 1 ? "opmerking" : "opmerkingen"}.
                </Paragraph>
                {check.findings.length > 0 ? (
                  <Table>
                    <caption className="ww-caption">Bevindingen van de controle</caption>
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell scope="col">Soort</TableHeaderCell>
                        <TableHeaderCell scope="col">Bevinding</TableHeaderCell>
                        <TableHeaderCell scope="col">Waar</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {check.findings.map((f, i) => (
                        <TableRow key={`${f.code}-${i}`}>
                          <TableCell>{severityLabel[f.severity] ?? f.severity}</TableCell>
                          <TableCell>
                            {f.message} <span className="ww-note">({f.code})</span>
                          </TableCell>
                          <TableCell>
                            {f.file
                              ? `${f.file}${f.line ? `:${f.line}` : ""}`
                              : (f.rule ?? f.decision ?? "–")}
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                ) : null}
              </>
            ) : null}
          </section>

          <section aria-labelledby="segmenten">
            <Heading level={2} id="segmenten">
              Segmenten
            </Heading>
            {region.segments.length === 0 ? (
              <Paragraph>Dit model heeft geen eigen segmenten.</Paragraph>
            ) : null}
            {region.segments.map((s) => (
              <section key={s.id} aria-labelledby={`segment-${s.id}`} className="ww-segment">
                <Heading level={3} id={`segment-${s.id}`}>
                  {s.name}
                </Heading>
                <Paragraph>{s.description}</Paragraph>
                <UnorderedList>
                  <UnorderedListItem>Geldig: {validity(s.validFrom, s.validTo)}.</UnorderedListItem>
                  <UnorderedListItem>
                    Duur:{" "}
                    {s.duration.noEndDate
                      ? "zonder einddatum"
                      : s.duration.max
                        ? `ten hoogste ${periodLabel(s.duration.max)}`
                        : "geen maximum"}
                    . {s.duration.guideline}
                  </UnorderedListItem>
                  <UnorderedListItem>Financiering: {s.financing.description}</UnorderedListItem>
                  {s.provider ? <UnorderedListItem>Aanbieder: {s.provider}</UnorderedListItem> : null}
                  {s.deadlines.map((d) => (
                    <UnorderedListItem key={d.id}>
                      Termijn: {d.label}, {periodLabel(d.period)}
                      {d.consequence ? `. ${d.consequence}` : ""}
                    </UnorderedListItem>
                  ))}
                  {s.source ? <UnorderedListItem>Bron: {sourceText(s.source)}</UnorderedListItem> : null}
                </UnorderedList>
                {s.products.length > 0 ? (
                  <Table>
                    <caption className="ww-caption">Producten in {s.name}</caption>
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell scope="col">Product</TableHeaderCell>
                        <TableHeaderCell scope="col">Zorgvormen</TableHeaderCell>
                        <TableHeaderCell scope="col">iJw</TableHeaderCell>
                        <TableHeaderCell scope="col">Ten hoogste</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {s.products.map((p) => (
                        <TableRow key={p.id}>
                          <TableCell>{p.name}</TableCell>
                          <TableCell>{p.careForms.length > 0 ? p.careForms.join(", ") : "–"}</TableCell>
                          <TableCell>
                            {[p.ijw?.category, p.ijw?.code, p.ijw?.unit].filter(Boolean).join(" / ") || "–"}
                          </TableCell>
                          <TableCell>{p.maxDuration ? periodLabel(p.maxDuration) : "–"}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                ) : null}
              </section>
            ))}
          </section>

          <RegionRules id={region.id} />

          <section aria-labelledby="parameters">
            <Heading level={2} id="parameters">
              Getallen en grenzen
            </Heading>
            {region.parameters.length === 0 ? (
              <Paragraph>Dit model heeft geen eigen getallen.</Paragraph>
            ) : (
              <Table>
                <caption className="ww-caption">Getallen met hun geldigheid en bron</caption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Wat</TableHeaderCell>
                    <TableHeaderCell scope="col">Waarde en geldigheid</TableHeaderCell>
                    <TableHeaderCell scope="col">Bron</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {region.parameters.map((p) => (
                    <TableRow key={p.name}>
                      <TableCell>
                        {p.description}
                        {p.localChoice ? (
                          <div className="ww-note">
                            Keuze van Wegwijzer, geen beleid: {p.localChoice.reason}
                          </div>
                        ) : null}
                      </TableCell>
                      <TableCell>
                        <ul className="ww-plain-list">
                          {p.values.map((v) => (
                            <li key={v.from}>
                              {valueText(v.value, p.unit)} ({validity(v.from, v.to)})
                            </li>
                          ))}
                        </ul>
                      </TableCell>
                      <TableCell>
                        <ul className="ww-plain-list">
                          {p.values.map((v) => (
                            <li key={v.from}>{sourceText(v.source)}</li>
                          ))}
                        </ul>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </section>

          {region.municipalities.length > 0 ? (
            <section aria-labelledby="gemeenten">
              <Heading level={2} id="gemeenten">
                Gemeenten
              </Heading>
              <Table>
                <caption className="ww-caption">
                  Gemeenten in de regio, met de datum waarop ze meedoen
                </caption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                    <TableHeaderCell scope="col">CBS-code</TableHeaderCell>
                    <TableHeaderCell scope="col">Doet mee</TableHeaderCell>
                    <TableHeaderCell scope="col">Segmenten via de regio</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {region.municipalities.map((m) => (
                    <TableRow key={`${m.cbs}-${m.from}`}>
                      <TableCell>{m.name}</TableCell>
                      <TableCell>{m.cbs}</TableCell>
                      <TableCell>{validity(m.from, m.to)}</TableCell>
                      <TableCell>{m.segments ? m.segments.join(", ") : "alle"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </section>
          ) : null}

          <section aria-labelledby="bronnen">
            <Heading level={2} id="bronnen">
              Bronnen
            </Heading>
            <UnorderedList>
              {region.sources.map((s) => (
                <UnorderedListItem key={s.id}>
                  {s.title}
                  {s.file ? ` (bestand ${s.file})` : ""}
                  {s.url ? ` — ${s.url}` : ""}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </section>
        </>
      ) : null}
    </>
  );
}

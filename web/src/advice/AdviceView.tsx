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
import type { Advice } from "../api.ts";
import { dateLabel, periodLabel, statusLabel, valueLabel } from "../labels.ts";
import { SourceText } from "./SourceText.tsx";

const euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

type TraceEntry = Advice["trace"][number];

/**
 * The advice in the order a professional reads it: is this Jeugdwet via this region, which segment,
 * then route, coordination, duration, financing, deadlines and warnings, and last the reasons with their
 * sources. Everything comes from the API's answer; nothing is decided here.
 */
export function AdviceView({ advice }: { advice: Advice }) {
  const eligible =
    advice.eligible === true
      ? "Ja, dit is jeugdhulp via deze regio."
      : advice.eligible === false
        ? "Nee, dit is geen jeugdhulp via deze regio."
        : "Dat is nog niet te zeggen.";
  return (
    <div className="ww-advice">
      <Paragraph appearance="lead">
        Advies voor {advice.region.name}, op {dateLabel(advice.asOf)}.
      </Paragraph>
      {advice.complete ? (
        <Alert type="ok">
          <Paragraph>Het advies is compleet: er zijn geen open vragen meer.</Paragraph>
        </Alert>
      ) : (
        <Alert type="info">
          <Paragraph>
            Het advies is nog niet compleet.{" "}
            {advice.missing.length > 0
              ? `Er ${advice.missing.length === 1 ? "is nog 1 vraag" : `zijn nog ${advice.missing.length} vragen`} die de uitkomst kunnen veranderen.`
              : "Het model mist een waarde uit de bron (zie hieronder)."}
          </Paragraph>
        </Alert>
      )}

      <section aria-labelledby="advies-jeugdwet">
        <Heading level={3} id="advies-jeugdwet">
          Jeugdhulp via deze regio?
        </Heading>
        <Paragraph>
          {eligible} {advice.eligibility.reason}
        </Paragraph>
        <SourceText source={advice.eligibility.source} />
      </section>

      <section aria-labelledby="advies-segment">
        <Heading level={3} id="advies-segment">
          Segment en producten
        </Heading>
        {advice.segments.length === 0 ? (
          <Paragraph>Nog geen segment. {advice.complete ? "" : "Beantwoord eerst de open vragen."}</Paragraph>
        ) : (
          advice.segments.map((s) => (
            <div key={s.id} className="ww-segment">
              <Paragraph>
                <strong>{s.name}</strong>
                {s.subsegmentName || s.subsegment ? `, subsegment ${s.subsegmentName ?? s.subsegment}` : ""}
                {s.profile ? `, profiel ${s.profile}` : ""}
                {s.intensity ? `, intensiteit ${s.intensity}` : ""}
                {s.purchaseArea ? `. Inkoopgebied: ${s.purchaseArea.name}` : ""}
                {s.provider ? `. Aanbieder: ${s.provider}` : ""}
              </Paragraph>
              {s.products.length > 0 ? (
                <Table>
                  <caption className="ww-caption">Producten in {s.name}</caption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">Product</TableHeaderCell>
                      <TableHeaderCell scope="col">iJw-categorie</TableHeaderCell>
                      <TableHeaderCell scope="col">iJw-code</TableHeaderCell>
                      <TableHeaderCell scope="col">Eenheid</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {s.products.map((p) => (
                      <TableRow key={p.id}>
                        <TableCell>{p.name}</TableCell>
                        <TableCell>{p.ijw?.category ?? "onbekend"}</TableCell>
                        <TableCell>{p.ijw?.code ?? "onbekend"}</TableCell>
                        <TableCell>{p.ijw?.unit ?? "onbekend"}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              ) : null}
            </div>
          ))
        )}
      </section>

      {advice.route ? (
        <section aria-labelledby="advies-route">
          <Heading level={3} id="advies-route">
            Route
          </Heading>
          <UnorderedList>
            <UnorderedListItem>Verwijs naar: {advice.route.referTo}.</UnorderedListItem>
            {advice.route.decidedBy ? (
              <UnorderedListItem>Wie beslist: {advice.route.decidedBy}.</UnorderedListItem>
            ) : null}
            {advice.route.decisionBy ? (
              <UnorderedListItem>Wie maakt de beschikking: {advice.route.decisionBy}.</UnorderedListItem>
            ) : null}
            {advice.route.request ? (
              <UnorderedListItem>Berichten: {advice.route.request}</UnorderedListItem>
            ) : null}
          </UnorderedList>
          <Paragraph>Waarom: {advice.route.because}</Paragraph>
        </section>
      ) : null}

      {advice.coordination.length > 0 ? (
        <section aria-labelledby="advies-coordinatie">
          <Heading level={3} id="advies-coordinatie">
            Coördinatie
          </Heading>
          <UnorderedList>
            {advice.coordination.map((c) => (
              <UnorderedListItem key={`${c.level}-${c.coordinator}`}>
                {c.coordinator} coördineert ({c.level}). Waarom: {c.because}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}

      {advice.duration.length > 0 ? (
        <section aria-labelledby="advies-duur">
          <Heading level={3} id="advies-duur">
            Duur
          </Heading>
          {advice.duration.map((d) => (
            <div key={d.segment}>
              <Paragraph>
                Segment {d.segment}:{" "}
                {d.noEndDate ? "zonder einddatum. " : d.maxText ? `ten hoogste ${d.maxText}. ` : ""}
                {d.latestEnd ? `Uiterlijk tot ${dateLabel(d.latestEnd)}. ` : ""}
                {d.guideline}
              </Paragraph>
              <SourceText source={d.source} />
            </div>
          ))}
        </section>
      ) : null}

      {advice.financing.length > 0 ? (
        <section aria-labelledby="advies-financiering">
          <Heading level={3} id="advies-financiering">
            Financiering
          </Heading>
          {advice.financing.map((f) => (
            <div key={f.segment}>
              <Paragraph>
                Segment {f.segment}: {f.description}
                {f.budgetCeiling && typeof f.budgetCeiling.value === "number"
                  ? ` Budgetplafond: ${euro.format(f.budgetCeiling.value)} per jaar.`
                  : ""}
              </Paragraph>
              <SourceText source={f.source} />
            </div>
          ))}
        </section>
      ) : null}

      {advice.deadlines.length > 0 ? (
        <section aria-labelledby="advies-termijnen">
          <Heading level={3} id="advies-termijnen">
            Termijnen
          </Heading>
          <Table>
            <caption className="ww-caption">Termijnen vanaf de aanmelding</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Wat</TableHeaderCell>
                <TableHeaderCell scope="col">Uiterlijk</TableHeaderCell>
                <TableHeaderCell scope="col">Termijn</TableHeaderCell>
                <TableHeaderCell scope="col">Bron</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {advice.deadlines.map((d) => (
                <TableRow key={`${d.segment}-${d.id}`}>
                  <TableCell>
                    {d.label}
                    {d.consequence ? <div className="ww-note">{d.consequence}</div> : null}
                  </TableCell>
                  <TableCell>{dateLabel(d.due)}</TableCell>
                  <TableCell>
                    {periodLabel(d.period)} vanaf {dateLabel(d.from)}
                  </TableCell>
                  <TableCell>
                    <SourceText source={d.source} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ) : null}

      {advice.warnings.length > 0 ? (
        <section aria-labelledby="advies-meldingen">
          <Heading level={3} id="advies-meldingen">
            Let op
          </Heading>
          {advice.warnings.map((w) => (
            <Alert key={w.code + w.message} type={w.severity === "error" ? "error" : "warning"}>
              <Paragraph>{w.message}</Paragraph>
              <SourceText source={w.source} />
            </Alert>
          ))}
        </section>
      ) : null}

      {advice.whatWouldChange.length > 0 ? (
        <section aria-labelledby="advies-verandert">
          <Heading level={3} id="advies-verandert">
            Wat het advies zou veranderen
          </Heading>
          <UnorderedList>
            {advice.whatWouldChange.map((w) => (
              <UnorderedListItem key={w}>{w}</UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}

      {advice.localChoices.length > 0 || advice.unknownParameters.length > 0 ? (
        <section aria-labelledby="advies-keuzes">
          <Heading level={3} id="advies-keuzes">
            Keuzes en onbekende waarden
          </Heading>
          <UnorderedList>
            {advice.localChoices.map((c) => (
              <UnorderedListItem key={c.name}>
                {c.description}: een keuze van Wegwijzer, geen beleid van de regio. {c.reason}
              </UnorderedListItem>
            ))}
            {advice.unknownParameters.map((p) => (
              <UnorderedListItem key={p.name}>
                {p.description}: de bron noemt geen waarde. Wegwijzer raadt die niet.
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}

      <Reasons advice={advice} />

      <Paragraph appearance="small" className="ww-receipt">
        Model {advice.receipt.region} versie {advice.receipt.modelVersion} (hash{" "}
        {advice.receipt.modelHash.slice(0, 12)}), peildatum {dateLabel(advice.receipt.asOf)}, rekenregels{" "}
        {advice.receipt.engineVersion}.
      </Paragraph>
    </div>
  );
}

/** Every rule that was looked at, grouped by question: first the ones that apply, then the others. */
function Reasons({ advice }: { advice: Advice }) {
  const groups = new Map<string, { title: string; entries: TraceEntry[] }>();
  for (const t of advice.trace) {
    if (t.status === "niet-geldig") continue;
    const group = groups.get(t.decision) ?? { title: t.decisionTitle, entries: [] };
    group.entries.push(t);
    groups.set(t.decision, group);
  }
  return (
    <section aria-labelledby="advies-redenen" className="ww-reasons">
      <Heading level={3} id="advies-redenen">
        Waarom: de regels en hun bron
      </Heading>
      {advice.whyNot.length > 0 ? (
        <>
          <Heading level={4}>Waarom niet de andere segmenten</Heading>
          <UnorderedList>
            {advice.whyNot.map((w) => (
              <UnorderedListItem key={w.segment}>
                {w.name}:{" "}
                {w.reasons.length > 0 ? w.reasons.join(" ") : "geen regel in dit model leidt hierheen."}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}
      {[...groups.entries()].map(([id, group]) => {
        const applied = group.entries.filter((t) => t.applied);
        const other = group.entries.filter((t) => !t.applied);
        return (
          <div key={id} className="ww-reason-group">
            <Heading level={4}>{group.title}</Heading>
            {applied.length === 0 ? <Paragraph>Geen regel geldt (nog).</Paragraph> : null}
            {applied.map((t) => (
              <Reason key={t.rule} entry={t} />
            ))}
            {other.length > 0 ? (
              <details className="ww-details">
                <summary>
                  {other.length === 1 ? "1 regel die niet geldt" : `${other.length} regels die niet gelden`}{" "}
                  of nog niet te beoordelen zijn
                </summary>
                {other.map((t) => (
                  <Reason key={t.rule} entry={t} />
                ))}
              </details>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}

function Reason({ entry }: { entry: TraceEntry }) {
  return (
    <div className={`ww-reason ww-reason--${entry.status}`}>
      <Paragraph>
        <span className="ww-status">{statusLabel[entry.status] ?? valueLabel(entry.status)}:</span>{" "}
        {entry.explanation}
      </Paragraph>
      {entry.overrides ? (
        <Paragraph appearance="small">
          Wijkt af van de landelijke basisregel ({entry.overrides.rule}): {entry.overrides.reason}
        </Paragraph>
      ) : null}
      {entry.counterfactual ? <Paragraph appearance="small">{entry.counterfactual}</Paragraph> : null}
      <SourceText source={entry.source} />
    </div>
  );
}

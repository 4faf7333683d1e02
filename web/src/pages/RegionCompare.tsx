import {
  Alert,
  Button,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { type FormEvent, useEffect, useState } from "react";
import { api, ApiError, type RegionDiff, type RegionList } from "../api.ts";
import { dateLabel } from "../labels.ts";
import { AppLink, navigate } from "../router.tsx";
import { usePageTitle } from "../usePageTitle.ts";
import { localToday } from "./RegionRules.tsx";

/**
 * Two region models side by side (/regios/vergelijk?a=…&b=…, GET /regions/{a}/differences?with=b):
 * segments, numbers with their values, and the rules that only one has or that differ. The models have
 * one version per region (the files in git), so versions of one region are not compared; the page says so.
 */

type Brief = RegionDiff["rules"]["added"][number];
type Value = RegionDiff["parameters"]["changed"][number]["a"][number];

function pairFromUrl(): { a: string; b: string } {
  const q = new URLSearchParams(window.location.search);
  return { a: q.get("a") ?? "", b: q.get("b") ?? "" };
}

function valuesText(values: Value[], unit?: string): string {
  return values
    .map((v) => {
      const shown =
        v.value === null
          ? "onbekend"
          : typeof v.value === "boolean"
            ? v.value
              ? "ja"
              : "nee"
            : `${typeof v.value === "number" ? v.value.toLocaleString("nl-NL") : v.value}${unit ? ` ${unit}` : ""}`;
      return `${shown} (vanaf ${dateLabel(v.from)}${v.to ? ` tot ${dateLabel(v.to)}` : ""})`;
    })
    .join("; ");
}

function RuleList({ rules, empty }: { rules: Brief[]; empty: string }) {
  if (rules.length === 0) return <Paragraph>{empty}</Paragraph>;
  return (
    <UnorderedList>
      {rules.map((r) => (
        <UnorderedListItem key={`${r.decision}/${r.rule}`} data-rule={r.rule}>
          <strong>{r.rule}</strong> ({r.decisionTitle}): {r.outcome}
          {r.conditions.length > 0 ? ` als ${r.conditions.join(" en ")}` : ", altijd"}.
        </UnorderedListItem>
      ))}
    </UnorderedList>
  );
}

export function RegionCompare() {
  usePageTitle("Regiomodellen vergelijken");
  const [pair, setPair] = useState(pairFromUrl);
  const [draft, setDraft] = useState(pair);
  const [regions, setRegions] = useState<RegionList["regions"]>([]);
  const [diff, setDiff] = useState<RegionDiff | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    api
      .regions()
      .then((r) => setRegions(r.regions))
      .catch(() => setProblem("De lijst met regiomodellen is niet te laden."));
    const back = () => {
      setPair(pairFromUrl());
      setDraft(pairFromUrl());
    };
    window.addEventListener("popstate", back);
    return () => window.removeEventListener("popstate", back);
  }, []);

  useEffect(() => {
    let live = true;
    setDiff(undefined);
    setProblem(undefined);
    if (!pair.a || !pair.b) return;
    api
      .regionDiff(pair.a, pair.b, localToday())
      .then((d) => {
        if (live) setDiff(d);
      })
      .catch((e: unknown) => {
        if (live) setProblem(e instanceof ApiError ? e.detail : "De vergelijking is niet te maken.");
      });
    return () => {
      live = false;
    };
  }, [pair]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/regios/vergelijk?a=${encodeURIComponent(draft.a)}&b=${encodeURIComponent(draft.b)}`);
    setPair(draft);
  };

  const choose = (side: "a" | "b", label: string) => (
    <FormField
      label={<FormLabel htmlFor={`vergelijk-${side}`}>{label}</FormLabel>}
      input={
        <Select
          id={`vergelijk-${side}`}
          value={draft[side]}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setDraft((d) => ({ ...d, [side]: value }));
          }}
        >
          <SelectOption value="">Kies een regiomodel</SelectOption>
          {regions.map((r) => (
            <SelectOption key={r.id} value={r.id}>
              {r.name}
            </SelectOption>
          ))}
        </Select>
      }
    />
  );

  const a = diff?.a.name ?? "";
  const b = diff?.b.name ?? "";

  return (
    <>
      <Paragraph>
        <AppLink href="/regios">Alle regiomodellen</AppLink>
      </Paragraph>
      <Heading level={1} tabIndex={-1}>
        Regiomodellen vergelijken
      </Heading>
      <Paragraph>
        Kies twee regiomodellen. U ziet welke segmenten, getallen en regels maar in één van de twee staan, en
        wat verschilt.
      </Paragraph>
      <Alert type="info">
        <Paragraph>
          Wegwijzer bewaart van elk regiomodel één versie: de bestanden zoals ze nu zijn. Twee versies van
          dezelfde regio vergelijken kan hier (nog) niet. Eerdere versies staan in de versiegeschiedenis (git)
          van het model.
        </Paragraph>
      </Alert>
      <form className="ww-form ww-inline-form" onSubmit={submit} aria-label="Kies twee regiomodellen">
        {choose("a", "Regiomodel")}
        {choose("b", "Vergelijk met")}
        <Button type="submit" appearance="primary-action-button" disabled={!draft.a || !draft.b}>
          Vergelijken
        </Button>
      </form>
      {problem ? (
        <Alert type="error">
          <Paragraph>{problem}</Paragraph>
        </Alert>
      ) : null}
      {pair.a && pair.b && !diff && !problem ? <Paragraph>De vergelijking wordt gemaakt.</Paragraph> : null}
      {diff ? (
        <div className="ww-diff">
          <Paragraph appearance="lead">
            {a} (versie {diff.a.version}) vergeleken met {b} (versie {diff.b.version}). De getallen in de
            voorwaarden zijn de waarden op {dateLabel(diff.asOf)}.
          </Paragraph>

          <section aria-labelledby="verschil-segmenten">
            <Heading level={2} id="verschil-segmenten">
              Segmenten
            </Heading>
            <Paragraph>
              {diff.segments.same} {diff.segments.same === 1 ? "segment is" : "segmenten zijn"} gelijk.
            </Paragraph>
            {diff.segments.onlyInA.length + diff.segments.onlyInB.length + diff.segments.changed.length >
            0 ? (
              <Table>
                <caption className="ww-caption">Segmenten die verschillen</caption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Segment</TableHeaderCell>
                    <TableHeaderCell scope="col">{a}</TableHeaderCell>
                    <TableHeaderCell scope="col">{b}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {diff.segments.onlyInA.map((s) => (
                    <TableRow key={`a-${s.id}`}>
                      <TableHeaderCell scope="row">{s.id}</TableHeaderCell>
                      <TableCell>{s.name}</TableCell>
                      <TableCell>niet in dit model</TableCell>
                    </TableRow>
                  ))}
                  {diff.segments.onlyInB.map((s) => (
                    <TableRow key={`b-${s.id}`}>
                      <TableHeaderCell scope="row">{s.id}</TableHeaderCell>
                      <TableCell>niet in dit model</TableCell>
                      <TableCell>{s.name}</TableCell>
                    </TableRow>
                  ))}
                  {diff.segments.changed.map((s) => (
                    <TableRow key={`c-${s.id}`}>
                      <TableHeaderCell scope="row">{s.id}</TableHeaderCell>
                      <TableCell>{s.name.a}</TableCell>
                      <TableCell>
                        {s.name.b}
                        <div className="ww-note">Verschilt in: {s.fields.join(", ")}</div>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
          </section>

          <section aria-labelledby="verschil-getallen">
            <Heading level={2} id="verschil-getallen">
              Getallen en grenzen
            </Heading>
            <Paragraph>
              {diff.parameters.same} {diff.parameters.same === 1 ? "getal is" : "getallen zijn"} gelijk.
            </Paragraph>
            {diff.parameters.onlyInA.length +
              diff.parameters.onlyInB.length +
              diff.parameters.changed.length >
            0 ? (
              <Table>
                <caption className="ww-caption">Getallen die verschillen, met hun waarden</caption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Getal</TableHeaderCell>
                    <TableHeaderCell scope="col">{a}</TableHeaderCell>
                    <TableHeaderCell scope="col">{b}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {diff.parameters.onlyInA.map((p) => (
                    <TableRow key={`a-${p.name}`} data-parameter={p.name}>
                      <TableHeaderCell scope="row">
                        {p.description} <span className="ww-note">({p.name})</span>
                      </TableHeaderCell>
                      <TableCell>{valuesText(p.values, p.unit)}</TableCell>
                      <TableCell>niet in dit model</TableCell>
                    </TableRow>
                  ))}
                  {diff.parameters.onlyInB.map((p) => (
                    <TableRow key={`b-${p.name}`} data-parameter={p.name}>
                      <TableHeaderCell scope="row">
                        {p.description} <span className="ww-note">({p.name})</span>
                      </TableHeaderCell>
                      <TableCell>niet in dit model</TableCell>
                      <TableCell>{valuesText(p.values, p.unit)}</TableCell>
                    </TableRow>
                  ))}
                  {diff.parameters.changed.map((p) => (
                    <TableRow key={`c-${p.name}`} data-parameter={p.name}>
                      <TableHeaderCell scope="row">
                        {p.description} <span className="ww-note">({p.name})</span>
                      </TableHeaderCell>
                      <TableCell>{valuesText(p.a, p.unit)}</TableCell>
                      <TableCell>{valuesText(p.b, p.unit)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
          </section>

          <section aria-labelledby="verschil-regels">
            <Heading level={2} id="verschil-regels">
              Regels
            </Heading>
            <Paragraph>
              {diff.rules.same} {diff.rules.same === 1 ? "regel is" : "regels zijn"} gelijk (vaak uit
              hetzelfde basismodel).
            </Paragraph>
            <Heading level={3}>Alleen in {a}</Heading>
            <RuleList rules={diff.rules.removed} empty="Geen." />
            <Heading level={3}>Alleen in {b}</Heading>
            <RuleList rules={diff.rules.added} empty="Geen." />
            <Heading level={3}>In allebei, maar anders</Heading>
            {diff.rules.changed.length === 0 ? <Paragraph>Geen.</Paragraph> : null}
            {diff.rules.changed.length > 0 ? (
              <UnorderedList>
                {diff.rules.changed.map((r) => (
                  <UnorderedListItem key={`${r.decision}/${r.rule}`} data-rule={r.rule}>
                    <strong>{r.rule}</strong> ({r.decisionTitle}) verschilt in {r.fields.join(", ")}. {a}:{" "}
                    {r.a.outcome}
                    {r.a.conditions.length > 0 ? ` als ${r.a.conditions.join(" en ")}` : ""}. {b}:{" "}
                    {r.b.outcome}
                    {r.b.conditions.length > 0 ? ` als ${r.b.conditions.join(" en ")}` : ""}.
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            ) : null}
          </section>
        </div>
      ) : null}
    </>
  );
}

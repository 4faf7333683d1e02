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
} from "@utrecht/component-library-react";
import { useEffect, useState } from "react";
import { api, ApiError, type RegionList } from "../api.ts";
import { dateLabel } from "../labels.ts";
import { AppLink } from "../router.tsx";
import { usePageTitle } from "../usePageTitle.ts";

/** The region models (GET /regions): the regions and the national baseline they build on. */
export function Regions() {
  usePageTitle("Regiomodellen");
  const [regions, setRegions] = useState<RegionList["regions"] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    api
      .regions()
      .then((r) => setRegions(r.regions))
      .catch((e: unknown) => setProblem(e instanceof ApiError ? e.detail : "De regio's zijn niet te laden."));
  }, []);
  return (
    <>
      <Heading level={1} tabIndex={-1}>
        Regiomodellen
      </Heading>
      <Paragraph appearance="lead">
        Elke regio heeft eigen regels voor jeugdhulp. Wegwijzer zet ze in een regiomodel, met de bron van elke
        regel. Hier ziet u per regio de segmenten, producten, getallen en de controle van het model.
      </Paragraph>
      {problem ? (
        <Alert type="error">
          <Paragraph>{problem}</Paragraph>
        </Alert>
      ) : null}
      {regions === undefined && !problem ? <Paragraph>De regio&apos;s worden geladen.</Paragraph> : null}
      {regions ? (
        <Table>
          <caption className="ww-caption">Regiomodellen en de landelijke basis</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Model</TableHeaderCell>
              <TableHeaderCell scope="col">Soort</TableHeaderCell>
              <TableHeaderCell scope="col">Versie</TableHeaderCell>
              <TableHeaderCell scope="col">Geldig</TableHeaderCell>
              <TableHeaderCell scope="col">Bouwt op</TableHeaderCell>
              <TableHeaderCell scope="col">Segmenten</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {regions.map((r) => (
              <TableRow key={r.id}>
                <TableHeaderCell scope="row">
                  <AppLink href={`/regios/${r.id}`}>{r.name}</AppLink>
                </TableHeaderCell>
                <TableCell>{r.kind === "baseline" ? "Basis" : "Regio"}</TableCell>
                <TableCell>{r.version}</TableCell>
                <TableCell>
                  {r.validFrom ? `vanaf ${dateLabel(r.validFrom)}` : "altijd"}
                  {r.validTo ? ` tot ${dateLabel(r.validTo)}` : ""}
                </TableCell>
                <TableCell>{r.extends ?? "–"}</TableCell>
                <TableCell>{r.segments.length > 0 ? r.segments.join(", ") : "–"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </>
  );
}

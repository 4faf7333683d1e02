import {
  Heading,
  Link,
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
import type { ReactNode } from "react";
import { type Report, type ReportParams, reportUrl } from "../api.ts";
import { cellText, HIDDEN, NO_FIGURE, type Row } from "./format.ts";

/**
 * One report on the dashboard: a heading, a short summary in words, the chart(s), the same figures as a
 * table (in a <details>, so the page stays short), the report's own notes, and the downloads. The table
 * shows every column of the API's answer, in the API's order, so it can be checked against the export.
 */

/** A month the API left out because it is about fewer than 5 children (the small-cell rule). */
export interface LeftOutRow {
  leftOut: true;
  /** The text cells before the figures (region, segment, month). */
  keys: Record<string, string>;
}

export type TableRowData = Row | LeftOutRow;

const isLeftOut = (row: TableRowData): row is LeftOutRow => "leftOut" in row && row.leftOut === true;

export function ReportSection({
  id,
  title,
  report,
  params,
  summary,
  rows,
  children,
}: {
  id: string;
  title: string;
  report: Report;
  params: ReportParams;
  summary: string[];
  /** The rows for the table; default the API's rows (month reports add the left-out months). */
  rows?: TableRowData[];
  children: ReactNode;
}) {
  const tableRows = rows ?? report.rijen;
  const texts = tableRows.map((row) =>
    isLeftOut(row) ? [] : report.kolommen.map((c) => cellText(report, row, c)),
  );
  const anyHidden = texts.some((r) => r.includes(HIDDEN)) || tableRows.some(isLeftOut);
  const anyAbsent = texts.some((r) => r.includes(NO_FIGURE));
  const firstFigure = report.kolommen.findIndex((c) => c.soort !== "tekst");

  return (
    <section aria-labelledby={id} className="ww-report" data-rapport={report.naam}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      <div className="ww-report__summary">
        {summary.filter(Boolean).map((s) => (
          <Paragraph key={s}>{s}</Paragraph>
        ))}
      </div>
      {children}
      <details className="ww-details ww-report__table">
        <summary>
          Toon als tabel<span className="ww-visually-hidden">: {title}</span>
        </summary>
        {/* A wide table scrolls on its own; focusable, so the keyboard can scroll it too (WCAG 2.1.1). */}
        <div className="ww-table-scroll" tabIndex={0} role="region" aria-label={`Tabel: ${title}`}>
          <Table>
            <caption className="ww-caption">
              {report.titel}, {report.jaar}
              {report.regio ? `, ${report.regio}` : ", alle regio's"}
            </caption>
            <TableHeader>
              <TableRow>
                {report.kolommen.map((c) => (
                  <TableHeaderCell key={c.id} scope="col" className={c.soort === "tekst" ? "" : "ww-num"}>
                    {c.titel}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {tableRows.map((row, i) =>
                isLeftOut(row) ? (
                  <TableRow key={`weg-${i}`} className="ww-left-out">
                    {report.kolommen.slice(0, firstFigure).map((c) => (
                      <TableCell key={c.id}>{row.keys[c.id] ?? ""}</TableCell>
                    ))}
                    <TableCell colSpan={report.kolommen.length - firstFigure}>
                      {HIDDEN} cliënten: deze maand tonen we niet
                    </TableCell>
                  </TableRow>
                ) : (
                  <TableRow key={i}>
                    {report.kolommen.map((c, j) => (
                      <TableCell key={c.id} className={c.soort === "tekst" ? "" : "ww-num"}>
                        {texts[i]?.[j] ?? ""}
                      </TableCell>
                    ))}
                  </TableRow>
                ),
              )}
            </TableBody>
          </Table>
        </div>
        {anyHidden || anyAbsent ? (
          <UnorderedList className="ww-note">
            {anyHidden ? (
              <UnorderedListItem>
                &lsquo;{HIDDEN}&rsquo;: het aantal is 1, 2, 3 of 4. Zo kleine aantallen tonen we niet, omdat
                ze naar een kind kunnen wijzen.
              </UnorderedListItem>
            ) : null}
            {anyAbsent ? (
              <UnorderedListItem>
                Een streepje ({NO_FIGURE}) betekent: hier is geen cijfer, bijvoorbeeld omdat er geen norm of
                geen maximum is, of omdat de maand nog moet komen.
              </UnorderedListItem>
            ) : null}
          </UnorderedList>
        ) : null}
        <Heading level={3}>Hoe tellen we dit?</Heading>
        <UnorderedList>
          {report.toelichting.map((t) => (
            <UnorderedListItem key={t}>{t}</UnorderedListItem>
          ))}
        </UnorderedList>
      </details>
      <Paragraph className="ww-downloads">
        Downloaden:{" "}
        <Link href={reportUrl(report.naam, params, "csv")} download>
          CSV<span className="ww-visually-hidden"> van {title}</span>
        </Link>{" "}
        of{" "}
        <Link href={reportUrl(report.naam, params, "xlsx")} download>
          Excel (XLSX)<span className="ww-visually-hidden"> van {title}</span>
        </Link>
      </Paragraph>
    </section>
  );
}

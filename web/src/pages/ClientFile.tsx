import {
  Alert,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { type ReactNode, useEffect, useState } from "react";
import { maskBsn } from "../../../src/domain/bsn.ts";
import { ApiError, type Session } from "../api.ts";
import {
  type AccessLog,
  type Allocation,
  type ClientFile as File,
  type Deadline,
  type MessageList,
  registry,
} from "../clients/clientApi.ts";
import { dateLabel } from "../labels.ts";
import { AppLink } from "../router.tsx";
import { usePageTitle } from "../usePageTitle.ts";
import { SignInFirst } from "./ClientSearch.tsx";

/**
 * The client file (/clienten/{id}): the client, the family and its coordinator, the allocations on a
 * timeline (a bar per allocation, and the same in a table for screen readers and print), the iJw messages
 * in and out, the deadlines (overdue ones in red and with the words "te laat"), and who looked at the
 * file. Each part is read on its own: a role that may not read a part sees why instead of the part.
 */

type Part<T> = { state: "laden" } | { state: "ok"; value: T } | { state: "fout"; text: string };

const loading = { state: "laden" } as const;

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function partOf<T>(promise: Promise<T>, set: (part: Part<T>) => void): void {
  promise.then(
    (value) => set({ state: "ok", value }),
    (error: unknown) =>
      set({
        state: "fout",
        text:
          error instanceof ApiError && error.status === 403
            ? "Uw rol ziet dit deel van het dossier niet."
            : error instanceof ApiError
              ? error.detail
              : "Dit deel is niet te laden.",
      }),
  );
}

const dateTime = new Intl.DateTimeFormat("nl-NL", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Amsterdam",
});

const actionLabel: Record<string, string> = {
  lezen: "bekeken",
  zoeken: "gezocht",
  aanmaken: "vastgelegd",
  wijzigen: "gewijzigd",
  exporteren: "opgehaald",
  "bericht-in": "bericht ontvangen",
  "bericht-uit": "bericht klaargezet",
  noodtoegang: "noodtoegang geopend",
  vernietigen: "vernietigd",
  beheer: "beheer",
};
const resourceLabel: Record<string, string> = {
  client: "dossier",
  verwijzing: "verwijzing",
  toewijzing: "toewijzing",
  "ijw-bericht": "iJw-bericht",
  termijnen: "termijnen",
  logboek: "wie keek in dit dossier",
  contract: "contracten",
};
const outcomeLabel: Record<string, string> = {
  ok: "gelukt",
  geweigerd: "geweigerd",
  "niet-gevonden": "niet gevonden",
  fout: "fout",
};

type DeadlineState = "te-laat" | "open" | "op-tijd" | "te-laat-afgerond";

function deadlineState(d: Deadline, today: string): DeadlineState {
  if (d.doneOn) return d.doneOn > d.due ? "te-laat-afgerond" : "op-tijd";
  return d.due < today ? "te-laat" : "open";
}

const deadlineText: Record<DeadlineState, string> = {
  "te-laat": "Te laat",
  open: "Open",
  "op-tijd": "Op tijd gedaan",
  "te-laat-afgerond": "Te laat gedaan",
};

const messageNames: Record<string, string> = {
  JW301: "Toewijzing",
  JW302: "Retour toewijzing",
  JW305: "Start zorg",
  JW306: "Retour start zorg",
  JW307: "Stop zorg",
  JW308: "Retour stop zorg",
  JW315: "Verzoek om toewijzing",
  JW316: "Retour verzoek om toewijzing",
  JW317: "Verzoek om wijziging",
  JW318: "Retour verzoek om wijziging",
  JW319: "Antwoord op verzoek",
  JW320: "Retour antwoord op verzoek",
};

function Timeline({ allocations, today }: { allocations: Allocation[]; today: string }) {
  if (allocations.length === 0) return <Paragraph>Er zijn geen toewijzingen die u mag zien.</Paragraph>;
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const first = Math.min(...allocations.map((a) => day(a.startDate)));
  const last = Math.max(day(today), ...allocations.map((a) => day(a.endDate ?? today)));
  const span = Math.max(1, last - first);
  const at = (d: number) => ((d - first) / span) * 100;
  return (
    <>
      {/* The bars are a picture of the table below, which says the same in words: hidden for screen readers. */}
      <div className="ww-timeline" aria-hidden="true">
        <div className="ww-timeline__scale">
          <span>{dateLabel(allocations.map((a) => a.startDate).sort()[0])}</span>
          <span>vandaag {dateLabel(today)}</span>
        </div>
        {allocations.map((a) => (
          <div key={a.id} className="ww-timeline__row">
            <span className="ww-timeline__label">
              {a.number} · segment {a.segment} · {a.product}
            </span>
            <span className="ww-timeline__track">
              <span
                className={`ww-timeline__bar ww-timeline__bar--${a.status}`}
                style={{
                  insetInlineStart: `${at(day(a.startDate))}%`,
                  inlineSize: `${Math.max(1, at(day(a.endDate ?? today)) - at(day(a.startDate)))}%`,
                }}
              />
              <span className="ww-timeline__today" style={{ insetInlineStart: `${at(day(today))}%` }} />
            </span>
          </div>
        ))}
      </div>
      <div className="ww-table-scroll">
        <Table>
          <TableCaption className="ww-caption">Toewijzingen, de oudste eerst</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Nummer</TableHeaderCell>
              <TableHeaderCell scope="col">Segment en product</TableHeaderCell>
              <TableHeaderCell scope="col">Aanbieder (AGB)</TableHeaderCell>
              <TableHeaderCell scope="col">Van</TableHeaderCell>
              <TableHeaderCell scope="col">Tot en met</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {[...allocations]
              .sort((a, b) => a.startDate.localeCompare(b.startDate))
              .map((a) => (
                <TableRow key={a.id}>
                  <TableCell>{a.number}</TableCell>
                  <TableCell>
                    Segment {a.segment}, {a.product}
                    {a.taskBased ? " (taakgericht)" : ""}
                  </TableCell>
                  <TableCell>{a.providerAgb}</TableCell>
                  <TableCell>{dateLabel(a.startDate)}</TableCell>
                  <TableCell>{a.endDate ? dateLabel(a.endDate) : "geen einddatum"}</TableCell>
                  <TableCell>
                    {a.status === "actief" ? "Loopt" : `Beëindigd${a.endReason ? `: ${a.endReason}` : ""}`}
                  </TableCell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}

function Deadlines({ list, today }: { list: Deadline[]; today: string }) {
  if (list.length === 0) return <Paragraph>Er lopen geen termijnen voor dit dossier.</Paragraph>;
  const late = list.filter((d) => deadlineState(d, today) === "te-laat").length;
  return (
    <>
      {late > 0 ? (
        <Alert type="warning">
          <Paragraph>
            {late === 1 ? "Eén termijn is te laat. Die staat" : `${late} termijnen zijn te laat. Die staan`}{" "}
            in het rood in de tabel, met &lsquo;Te laat&rsquo; erbij.
          </Paragraph>
        </Alert>
      ) : null}
      <div className="ww-table-scroll">
        <Table>
          <TableCaption className="ww-caption">Termijnen, de eerste uiterste datum eerst</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Wat moet er gebeuren</TableHeaderCell>
              <TableHeaderCell scope="col">Vanaf</TableHeaderCell>
              <TableHeaderCell scope="col">Uiterlijk</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
              <TableHeaderCell scope="col">Als het te laat is</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.map((d, i) => {
              const state = deadlineState(d, today);
              return (
                <TableRow key={`${d.kind}-${d.subjectId}-${d.from}-${i}`} className={`ww-deadline--${state}`}>
                  <TableCell>{d.label}</TableCell>
                  <TableCell>{dateLabel(d.from)}</TableCell>
                  <TableCell>{dateLabel(d.due)}</TableCell>
                  <TableCell>
                    <span className={`ww-deadline-status ww-deadline-status--${state}`}>
                      {deadlineText[state]}
                      {d.doneOn ? ` op ${dateLabel(d.doneOn)}` : ""}
                    </span>
                  </TableCell>
                  <TableCell>{d.consequence ?? ""}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </>
  );
}

function Messages({ list }: { list: MessageList["berichten"] }) {
  if (list.length === 0) return <Paragraph>Er zijn geen iJw-berichten over dit kind.</Paragraph>;
  return (
    <div className="ww-table-scroll">
      <Table>
        <TableCaption className="ww-caption">iJw-berichten in en uit, in volgorde van ontvangst</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Datum</TableHeaderCell>
            <TableHeaderCell scope="col">In of uit</TableHeaderCell>
            <TableHeaderCell scope="col">Bericht</TableHeaderCell>
            <TableHeaderCell scope="col">Van</TableHeaderCell>
            <TableHeaderCell scope="col">Aan</TableHeaderCell>
            <TableHeaderCell scope="col">Status</TableHeaderCell>
            <TableHeaderCell scope="col">Inhoud</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.map((m) => (
            <TableRow key={m.id}>
              <TableCell>{dateLabel(m.dagtekening)}</TableCell>
              <TableCell>{m.direction === "in" ? "Ontvangen" : "Verstuurd"}</TableCell>
              <TableCell>
                {messageNames[m.type] ?? "Bericht"} ({m.type})
              </TableCell>
              <TableCell>{m.sender}</TableCell>
              <TableCell>{m.receiver}</TableCell>
              <TableCell>{m.status}</TableCell>
              <TableCell>{m.summary}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function AccessLogTable({ log }: { log: AccessLog }) {
  if (log.regels.length === 0) return <Paragraph>Nog niemand heeft dit dossier bekeken.</Paragraph>;
  return (
    <>
      <Paragraph>
        De nieuwste {log.regels.length === log.maximum ? log.maximum : ""} regels eerst. Ook dat u dit nu
        leest, komt in het logboek.
      </Paragraph>
      <div className="ww-table-scroll">
        <Table>
          <TableCaption className="ww-caption">Wie keek in dit dossier, de nieuwste eerst</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Wanneer</TableHeaderCell>
              <TableHeaderCell scope="col">Wie</TableHeaderCell>
              <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
              <TableHeaderCell scope="col">Rol</TableHeaderCell>
              <TableHeaderCell scope="col">Wat</TableHeaderCell>
              <TableHeaderCell scope="col">Waarom</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {log.regels.map((r, i) => (
              <TableRow key={`${r.at}-${i}`}>
                <TableCell>{dateTime.format(new Date(r.at))}</TableCell>
                <TableCell>{r.actorName ?? "Het systeem"}</TableCell>
                <TableCell>{r.organisation ?? ""}</TableCell>
                <TableCell>{r.roleName ?? ""}</TableCell>
                <TableCell>
                  {resourceLabel[r.resource] ?? r.resource} {actionLabel[r.action] ?? r.action}
                  {r.outcome !== "ok" ? ` (${outcomeLabel[r.outcome] ?? r.outcome})` : ""}
                </TableCell>
                <TableCell>{r.purposeText}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}

function Family({ file }: { file: File }) {
  const family = file.family;
  if (!family) return <Paragraph>In het register hoort dit kind niet bij een gezin.</Paragraph>;
  return (
    <DataList>
      <DataListItem>
        <DataListKey>Gezinsleden</DataListKey>
        <DataListValue>
          <UnorderedList>
            {family.members.map((m) => (
              <UnorderedListItem key={m.id}>
                {m.self ? (
                  `${m.name ?? "Dit kind"} (dit dossier)`
                ) : (
                  <AppLink href={`/clienten/${m.id}`}>
                    {m.name ?? "Gezinslid"}
                    {m.birthDate ? `, geboren ${dateLabel(m.birthDate)}` : ""}
                  </AppLink>
                )}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>Hulp in het gezin nu</DataListKey>
        <DataListValue>
          {family.segments.length > 0
            ? family.segments.map((s) => `segment ${s}`).join(", ")
            : "geen lopende toewijzingen"}
        </DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>Regie op gezinsniveau</DataListKey>
        <DataListValue>
          {family.coordinators.length > 0
            ? family.coordinators.map((c) => (
                <Paragraph key={c.coordinator}>
                  <strong>{c.coordinator}</strong>. {c.because}
                </Paragraph>
              ))
            : "Volgens de regels van de regio is geen coördinator op gezinsniveau nodig."}
        </DataListValue>
      </DataListItem>
    </DataList>
  );
}

function PartView<T>({ part, children }: { part: Part<T>; children: (value: T) => ReactNode }) {
  if (part.state === "laden") return <Paragraph>Wordt geladen…</Paragraph>;
  if (part.state === "fout") return <Paragraph>{part.text}</Paragraph>;
  return <>{children(part.value)}</>;
}

export function ClientFile({ id, session }: { id: string; session: Session | null | undefined }) {
  const [file, setFile] = useState<Part<File>>(loading);
  const [deadlines, setDeadlines] = useState<Part<Deadline[]>>(loading);
  const [messages, setMessages] = useState<Part<MessageList["berichten"]>>(loading);
  const [log, setLog] = useState<Part<AccessLog>>(loading);
  const today = todayIso();
  const name = file.state === "ok" ? (file.value.client.name ?? "Dossier") : "Dossier";
  usePageTitle(`${name} — cliëntdossier`);

  // Keyed on the user, not the session object: a fresh copy of the same session must not read (and log) again.
  const userId = session?.userId;
  useEffect(() => {
    if (!userId) return;
    setFile(loading);
    // The file first: its read is in the log before the log is read, so the list shows this look too.
    registry.file(id).then(
      (value) => {
        setFile({ state: "ok", value });
        partOf(
          registry.deadlines(id).then((d) => d.termijnen),
          setDeadlines,
        );
        partOf(
          registry.messages(id).then((m) => m.berichten),
          setMessages,
        );
        partOf(registry.accessLog(id), setLog);
      },
      (error: unknown) =>
        setFile({
          state: "fout",
          text:
            error instanceof ApiError && error.status === 404
              ? "Dit dossier bestaat niet, of u mag het niet zien."
              : error instanceof ApiError
                ? error.detail
                : "Het dossier is niet te laden.",
        }),
    );
  }, [id, userId]);

  if (session === null) {
    return (
      <>
        <Heading level={1} tabIndex={-1}>
          Dossier
        </Heading>
        <SignInFirst what="dit dossier" />
      </>
    );
  }
  if (file.state !== "ok") {
    return (
      <>
        <Heading level={1} tabIndex={-1}>
          Dossier
        </Heading>
        {file.state === "fout" ? (
          <Alert type="error">
            <Paragraph>{file.text}</Paragraph>
          </Alert>
        ) : (
          <Paragraph>Wordt geladen…</Paragraph>
        )}
        <Paragraph>
          <AppLink href="/clienten">Een ander dossier zoeken</AppLink>
        </Paragraph>
      </>
    );
  }
  const f = file.value;
  return (
    <div className="ww-client-file">
      <Heading level={1} tabIndex={-1}>
        {f.client.name ? `Dossier van ${f.client.name}` : "Dossier"}
      </Heading>
      {f.viaBreakGlass ? (
        <Alert type="warning">
          <Paragraph>
            U ziet dit dossier door noodtoegang. Alleen lezen; de privacyfunctionaris ziet elke noodtoegang.
          </Paragraph>
        </Alert>
      ) : null}
      <DataList>
        <DataListItem>
          <DataListKey>Geboortedatum</DataListKey>
          <DataListValue>{f.client.birthDate ? dateLabel(f.client.birthDate) : "onbekend"}</DataListValue>
        </DataListItem>
        {f.client.bsn ? (
          <DataListItem>
            <DataListKey>BSN</DataListKey>
            <DataListValue>{maskBsn(f.client.bsn)} (verborgen)</DataListValue>
          </DataListItem>
        ) : null}
        <DataListItem>
          <DataListKey>Gemeente</DataListKey>
          <DataListValue>{f.client.municipality}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Verwijzingen</DataListKey>
          <DataListValue>
            {f.referrals.length === 0
              ? "geen die u mag zien"
              : f.referrals
                  .map((r) => `${dateLabel(r.requestDate)} (segment ${r.segments.join(", ") || "geen"})`)
                  .join("; ")}
          </DataListValue>
        </DataListItem>
      </DataList>

      <section aria-labelledby="dossier-gezin">
        <Heading level={2} id="dossier-gezin">
          Gezin en regie
        </Heading>
        <Family file={f} />
      </section>

      <section aria-labelledby="dossier-toewijzingen">
        <Heading level={2} id="dossier-toewijzingen">
          Toewijzingen in de tijd
        </Heading>
        <Timeline allocations={f.allocations} today={today} />
      </section>

      <section aria-labelledby="dossier-termijnen">
        <Heading level={2} id="dossier-termijnen">
          Termijnen
        </Heading>
        <PartView part={deadlines}>{(list) => <Deadlines list={list} today={today} />}</PartView>
      </section>

      <section aria-labelledby="dossier-berichten">
        <Heading level={2} id="dossier-berichten">
          Berichten in en uit
        </Heading>
        <PartView part={messages}>{(list) => <Messages list={list} />}</PartView>
      </section>

      <section aria-labelledby="dossier-inzage">
        <Heading level={2} id="dossier-inzage">
          Wie keek in dit dossier
        </Heading>
        <PartView part={log}>{(value) => <AccessLogTable log={value} />}</PartView>
      </section>

      <Paragraph>
        <AppLink href="/clienten">Een ander dossier zoeken</AppLink>
      </Paragraph>
    </div>
  );
}

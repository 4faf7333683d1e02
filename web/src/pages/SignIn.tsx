import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Link,
  Paragraph,
  RadioButton,
} from "@utrecht/component-library-react";
import { type FormEvent, useRef, useState } from "react";
import { api, ApiError, type Session } from "../api.ts";
import { usePageTitle } from "../usePageTitle.ts";

/**
 * Sign in as a demo user (POST /sessie/demo) on a demo server, or with the organisation's IdP (OpenID
 * Connect). The session cookie is HttpOnly: the app never sees it, only GET /sessie's answer, whose
 * csrfToken goes along with signing out.
 */

const demoUsers = [
  ["demo-toegang", "Medewerker toegang of wijkteam (gemeente Tilburg)"],
  ["demo-verwijzer", "Verwijzer (huisarts)"],
  ["demo-aanbieder", "Medewerker van een aanbieder"],
  ["demo-coalitie", "Coalitie of hoofdaannemer van een segment"],
  ["demo-beleid", "Beleidsmedewerker (alleen totalen)"],
  ["demo-beheer", "Functioneel beheerder"],
  ["demo-auditor", "Auditor (alleen het logboek)"],
] as const;

export function SignIn({
  session,
  onChange,
}: {
  session: Session | null | undefined;
  onChange: () => Promise<void>;
}) {
  usePageTitle(session ? "Mijn sessie" : "Aanmelden");
  const [choice, setChoice] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<ApiError | undefined>();
  const errorRef = useRef<HTMLDivElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!choice) {
      setError("Kies een demogebruiker.");
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    setError(undefined);
    try {
      await api.demoLogin(choice);
      setProblem(undefined);
      await onChange();
    } catch (e) {
      setProblem(e instanceof ApiError ? e : new ApiError(0, "Er ging iets mis", "Probeer het opnieuw."));
    }
  };

  const logout = async () => {
    if (!session) return;
    try {
      await api.logout(session.csrfToken);
    } finally {
      await onChange();
    }
  };

  if (session) {
    return (
      <>
        <Heading level={1} tabIndex={-1}>
          Mijn sessie
        </Heading>
        <Alert type="ok">
          <Paragraph>U bent aangemeld als {session.name}.</Paragraph>
        </Alert>
        <DataList>
          <DataListItem>
            <DataListKey>Naam</DataListKey>
            <DataListValue>{session.name}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Rol</DataListKey>
            <DataListValue>{session.roleName}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Organisatie</DataListKey>
            <DataListValue>{session.organisation}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Afmelden</DataListKey>
            <DataListValue>als u een tijd niets doet, meldt Wegwijzer u vanzelf af</DataListValue>
          </DataListItem>
        </DataList>
        <Paragraph>
          In het menu staan nu ook de pagina&apos;s die bij uw rol horen. Het advies en de regiomodellen
          werken ook zonder aanmelden.
        </Paragraph>
        <ButtonGroup>
          <Button type="button" appearance="secondary-action-button" onClick={() => void logout()}>
            Afmelden
          </Button>
        </ButtonGroup>
      </>
    );
  }

  return (
    <>
      <Heading level={1} tabIndex={-1}>
        Aanmelden
      </Heading>
      <Paragraph appearance="lead">
        Voor het advies en de regiomodellen hoeft u zich niet aan te melden. Voor gegevens van cliënten wel.
      </Paragraph>
      {problem ? (
        <Alert type="error">
          <Heading level={2}>{problem.title}</Heading>
          <Paragraph>{problem.detail}</Paragraph>
          {problem.status === 404 ? (
            <Paragraph>
              <Link href="/api/v1/sessie/oidc/login?terug=/aanmelden">Aanmelden bij uw organisatie</Link>
            </Paragraph>
          ) : null}
        </Alert>
      ) : null}
      <form noValidate onSubmit={submit} className="ww-form">
        <Heading level={2}>Aanmelden als demogebruiker</Heading>
        <Paragraph>
          Op deze demoserver kunt u zich aanmelden als een verzonnen gebruiker. Elke gebruiker heeft een
          andere rol en ziet dus andere gegevens.
        </Paragraph>
        <Fieldset
          role="radiogroup"
          invalid={error !== undefined}
          aria-describedby={error ? "demo-fout" : undefined}
        >
          <FieldsetLegend>Als wie wilt u zich aanmelden?</FieldsetLegend>
          {error ? (
            <div ref={errorRef} tabIndex={-1}>
              <FormFieldErrorMessage id="demo-fout">{error}</FormFieldErrorMessage>
            </div>
          ) : null}
          {demoUsers.map(([id, label]) => (
            <FormField
              key={id}
              type="radio"
              label={
                <FormLabel htmlFor={`demo-${id}`} type="radio">
                  {label} <span className="ww-note">({id})</span>
                </FormLabel>
              }
              input={
                <RadioButton
                  id={`demo-${id}`}
                  name="demogebruiker"
                  value={id}
                  checked={choice === id}
                  invalid={error !== undefined}
                  onChange={() => setChoice(id)}
                />
              }
            />
          ))}
        </Fieldset>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            Aanmelden
          </Button>
        </ButtonGroup>
      </form>
      <Paragraph>
        Werkt u bij een gemeente of aanbieder met een eigen account?{" "}
        <Link href="/api/v1/sessie/oidc/login?terug=/aanmelden">Aanmelden bij uw organisatie</Link> (alleen
        als de beheerder dit heeft ingesteld).
      </Paragraph>
    </>
  );
}

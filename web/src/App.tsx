import {
  NavList,
  NavListLink,
  Page,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SkipLink,
} from "@utrecht/component-library-react";
import { type MouseEvent, useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError, type Session } from "./api.ts";
import { ClientFile } from "./pages/ClientFile.tsx";
import { ClientSearch } from "./pages/ClientSearch.tsx";
import { GuidedAdvice } from "./pages/GuidedAdvice.tsx";
import { NotFound } from "./pages/NotFound.tsx";
import { canSeeDashboard, PolicyDashboard } from "./pages/PolicyDashboard.tsx";
import { Provider } from "./pages/Provider.tsx";
import { RegionCompare } from "./pages/RegionCompare.tsx";
import { RegionDetail } from "./pages/RegionDetail.tsx";
import { Regions } from "./pages/Regions.tsx";
import { SignIn } from "./pages/SignIn.tsx";
import { navigate, usePath } from "./router.tsx";

/**
 * The shell every page shares: skip link, header with the main navigation, the page in <main>, footer.
 * The navigation lists only the pages that exist; the client file, the provider's view and the policy
 * dashboard (issue 7, later increments) get their entry when they are built.
 */

const pages = [
  { href: "/", label: "Advies" },
  { href: "/regios", label: "Regiomodellen" },
  { href: "/dashboard", label: "Monitoring" },
  { href: "/aanbieder", label: "Aanbieder" },
  { href: "/clienten", label: "Cliënten" },
  { href: "/aanmelden", label: "Aanmelden" },
] as const;

function current(path: string, href: string): boolean {
  return href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
}

export function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const previousPath = useRef(path);

  const refreshSession = useCallback(async () => {
    try {
      setSession(await api.session());
    } catch (error) {
      // 401: not signed in; 404: a server without the registry has no sessions at all.
      if (error instanceof ApiError && (error.status === 401 || error.status === 404)) setSession(null);
      else setSession(null);
    }
  }, []);
  useEffect(() => {
    void refreshSession();
  }, [refreshSession]);

  // After a navigation, focus goes to the new page's heading, so a screen reader announces the page and
  // the next Tab starts at its content (not at the link that was followed).
  useEffect(() => {
    if (previousPath.current === path) return;
    previousPath.current = path;
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [path]);

  const follow = (href: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };

  const regionMatch = /^\/regios\/([a-z0-9-]+)$/.exec(path);
  // A client file is addressed by its registry id (a uuid), never by a BSN.
  const clientMatch = /^\/clienten\/([0-9a-f-]{36})$/.exec(path);
  let page;
  if (path === "/") page = <GuidedAdvice session={session} />;
  else if (path === "/regios") page = <Regions />;
  else if (path === "/regios/vergelijk") page = <RegionCompare />;
  else if (regionMatch?.[1]) page = <RegionDetail id={regionMatch[1]} />;
  else if (path === "/dashboard") page = <PolicyDashboard session={session} />;
  else if (path === "/aanbieder") page = <Provider session={session} />;
  else if (path === "/clienten") page = <ClientSearch session={session} />;
  else if (clientMatch?.[1]) page = <ClientFile id={clientMatch[1]} session={session} />;
  else if (path === "/aanmelden") page = <SignIn session={session} onChange={refreshSession} />;
  else page = <NotFound />;

  return (
    <Page className="ww-page">
      <SkipLink href="#inhoud">Naar de inhoud</SkipLink>
      <PageHeader className="ww-header">
        <div className="ww-header__bar">
          <a className="ww-logo" href="/" onClick={follow("/")}>
            Wegwijzer
            <span className="ww-logo__tagline">jeugdhulp in uw regio</span>
          </a>
          <Paragraph className="ww-header__user" aria-live="polite">
            {session ? `Aangemeld: ${session.name} (${session.roleName})` : ""}
          </Paragraph>
        </div>
        <nav aria-label="Hoofdmenu" className="ww-nav">
          <NavList>
            {/* Monitoring only for the roles that may read reports; /dashboard itself explains the rest. */}
            {pages
              .filter((p) => p.href !== "/dashboard" || canSeeDashboard(session))
              // The provider's view only for a provider's employee; /aanbieder itself explains the rest.
              .filter((p) => p.href !== "/aanbieder" || session?.role === "aanbieder")
              .map((p) => (
                <NavListLink
                  key={p.href}
                  href={p.href}
                  onClick={follow(p.href)}
                  aria-current={current(path, p.href) ? "page" : undefined}
                >
                  {p.href === "/aanmelden" && session ? "Mijn sessie" : p.label}
                </NavListLink>
              ))}
          </NavList>
        </nav>
      </PageHeader>
      <PageContent>
        <main id="inhoud" className="utrecht-page-content__main ww-main" tabIndex={-1}>
          {page}
        </main>
      </PageContent>
      <PageFooter className="ww-footer">
        <Paragraph>
          Wegwijzer geeft een advies op basis van de regels van de regio, met de bron van elke regel. De
          gemeente of de verwijzer beslist. Open source onder de EUPL-1.2.
        </Paragraph>
      </PageFooter>
    </Page>
  );
}

import { Link } from "@utrecht/component-library-react";
import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from "react";

/**
 * A small history router: the app has a handful of pages, so a dependency for routing is not worth it.
 * The server answers every non-/api path with index.html (src/server/web.ts), so a reload or a shared
 * link opens the same page.
 */

const listeners = new Set<() => void>();

export function navigate(path: string): void {
  if (path === window.location.pathname + window.location.search) return;
  window.history.pushState(null, "", path);
  for (const listener of listeners) listener();
}

export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    listeners.add(update);
    window.addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return path;
}

type AppLinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** A link inside the app: a normal <a href>, so opening it in a new tab and copying it still work. */
export function AppLink({ href, onClick, ...rest }: AppLinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <Link href={href} onClick={follow} {...rest} />;
}

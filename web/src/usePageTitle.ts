import { useEffect } from "react";

/** Every page has its own title, so browser tabs, history and screen readers name it. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Wegwijzer`;
  }, [title]);
}

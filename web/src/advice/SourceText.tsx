import { Link } from "@utrecht/component-library-react";
import type { CitedSource } from "../api.ts";

/** Where a rule comes from: the document (file name or link), the section and the quoted words. */
export function SourceText({ source }: { source: CitedSource | undefined }) {
  if (!source) return <p className="ww-source">Bron: het model noemt geen bron voor deze regel.</p>;
  const name = source.url ? (
    <Link href={source.url} external>
      {source.title}
    </Link>
  ) : (
    source.title
  );
  return (
    <div className="ww-source">
      <p className="ww-source__where">
        Bron: {name}
        {source.file ? <> (bestand {source.file})</> : null}
        {source.section ? <>, {source.section}</> : null}
      </p>
      {source.quote ? (
        <blockquote className="utrecht-blockquote ww-source__quote">
          <p className="utrecht-blockquote__content">“{source.quote}”</p>
        </blockquote>
      ) : null}
    </div>
  );
}

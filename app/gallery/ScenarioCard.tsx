// One built-in scenario in the gallery.
import { formatHash, builtinRoute } from '../../sim-core/url';
import type { GalleryEntry } from './meta';

/** A card: title (the link), summary, source thread and tags. */
export function ScenarioCard({ entry }: { entry: GalleryEntry }) {
  const s = entry.source;
  return (
    <article className="card" aria-labelledby={`card-${entry.id}`}>
      <h2 className="card-title" id={`card-${entry.id}`}>
        <a href={formatHash(builtinRoute(entry.id))}>{entry.title}</a>
      </h2>
      <p className="card-summary">{entry.summary}</p>
      {s && (
        <p className="card-source">
          <span className="card-list">{s.list}</span> · <time dateTime={s.date}>{s.date}</time> · {s.author}
          {s.subject && <span className="card-subject" title={s.thread}>{s.subject}</span>}
        </p>
      )}
      <p className="card-facts">Linux {entry.kernel} · {entry.cpus} CPU{entry.cpus === 1 ? '' : 's'}</p>
      {entry.tags.length > 0 && (
        <ul className="tags" aria-label="Tags">
          {entry.tags.map((t) => <li key={t} className="tag">{t}</li>)}
        </ul>
      )}
    </article>
  );
}

// A clear failure: what is wrong, the details (e.g. a scenario's path-qualified problems) and a way
// back. Used for broken links, invalid scenarios and simulator failures.
import type { ReactNode } from 'react';

/** What to tell the person. */
export interface Failure {
  readonly title: string;
  readonly message: string;
  readonly problems: readonly string[];
}

/** Shows a failure with a link back to the gallery (and any extra actions). */
export function ErrorPanel({ failure, children }: { failure: Failure; children?: ReactNode }) {
  return (
    <section className="error-panel" role="alert" aria-labelledby="error-title">
      <h1 id="error-title">{failure.title}</h1>
      <p className="error-message">{failure.message}</p>
      {failure.problems.length > 0 && (
        <ul className="error-problems" aria-label="Problems">
          {failure.problems.slice(0, 50).map((p, i) => <li key={i}><code>{p}</code></li>)}
          {failure.problems.length > 50 && <li>…and {failure.problems.length - 50} more</li>}
        </ul>
      )}
      <p className="error-actions">
        <a className="button" href="#/">Back to the gallery</a>
        {children}
      </p>
    </section>
  );
}

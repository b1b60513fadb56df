// The frame every view shares: a labelled region with a heading, an optional toolbar line, and a
// body; shows a short waiting message until the first frame arrives.
import { type ReactNode, useId } from 'react';
import './views.css';

/** A view's outer section. */
export function ViewFrame(props: { readonly title: string; readonly className?: string; readonly extra?: ReactNode; readonly ready: boolean; readonly children?: ReactNode }) {
  const id = useId();
  return (
    <section className={`mv-view ${props.className ?? ''}`} aria-labelledby={id}>
      <header className="mv-view-head">
        <h2 id={id}>{props.title}</h2>
        {props.extra}
      </header>
      <div className="mv-view-body">{props.ready ? props.children : <p className="mv-muted">Waiting for the simulation…</p>}</div>
    </section>
  );
}

/** Text for screen readers only. */
export function SrOnly(props: { readonly children: ReactNode; readonly live?: boolean }) {
  return <span className="mv-sr" aria-live={props.live ? 'polite' : undefined}>{props.children}</span>;
}

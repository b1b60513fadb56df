// One userfaultfd context: its fd, features and registered ranges, then the message flow from left to
// right: the tasks asleep in handle_userfault → fault_pending_wqh → the handler's read() → fault_wqh →
// the resolving ioctl and wake_userfault → woken. Everything names the kernel object it stands for.
import { memo, type ReactNode } from 'react';
import { cx } from '../lib/cx';
import type { Lit } from '../lib/highlight';
import { useSelectable } from '../lib/interact';
import { mmKey } from '../lib/keys';
import { Lane } from './Lane';
import type { ActorLine, CtxModel } from './model';
import { Wbr } from './Wbr';

type LitProps = { readonly sel: Lit | null; readonly hov: Lit | null };

const litOf = (key: string, { sel, hov }: LitProps): string => (sel?.key === key ? 'is-sel' : hov?.key === key ? 'is-hov' : '');

/** A selectable line naming an actor and what it does. */
function ActorItem(props: { readonly a: ActorLine; readonly className: string } & LitProps) {
  const { a } = props;
  const selectable = useSelectable();
  return (
    <li>
      <div className={cx('mv-uffd-actor', props.className, a.active && 'is-active', litOf(a.key, props))} {...selectable(a.key, a.label, props.sel?.key === a.key)}>
        <b>{a.who}</b> <span><Wbr text={a.text} /></span>
        {a.note && <span className="mv-uffd-note">{a.note}</span>}
      </div>
    </li>
  );
}

/** A list of actor lines, named for assistive technology. */
function Actors(props: { readonly items: readonly ActorLine[]; readonly label: string; readonly className: string } & LitProps) {
  return (
    <ul className="mv-uffd-actors" aria-label={props.label}>
      {props.items.map((a) => <ActorItem key={a.key} a={a} className={props.className} sel={props.sel} hov={props.hov} />)}
    </ul>
  );
}

/** The fd, its process, features and the registered ranges with their modes. */
function Head(props: { readonly m: CtxModel } & LitProps) {
  const { m } = props;
  const selectable = useSelectable();
  const key = mmKey(m.mm);
  return (
    <div className="mv-uffd-head">
      <h3 className="mv-mono">{m.title}</h3>
      <span className={cx('mv-btn', litOf(key, props))} {...selectable(key, `mm ${m.mm}, process ${m.process}`, props.sel?.key === key)}>{m.process} · mm {m.mm}</span>
      {m.features.map((f) => <span key={f} className="mv-chip mv-mono">UFFD_FEATURE_{f}</span>)}
      <span className="mv-muted">Registered:</span>
      {m.ranges.length === 0 && <span className="mv-muted">no range yet (UFFDIO_REGISTER)</span>}
      {m.ranges.map((r) => (
        <span key={r.key} className="mv-uffd-range">
          <span className={cx('mv-btn mv-mono', litOf(r.key, props))} {...selectable(r.key, `registered VMA ${r.text}, ${r.pages}, modes ${r.modes.join(' and ')}`, props.sel?.key === r.key)}>{r.text}</span>
          {r.modes.map((mode) => <span key={mode} className={cx('mv-uffd-mode', `mode-${mode.toLowerCase()}`)} title={`VM_UFFD_${mode}`}>{mode}</span>)}
        </span>
      ))}
    </div>
  );
}

/** The connector between two lanes: who moves messages from one to the next. */
function Link(props: { readonly verb: string; readonly active?: boolean; readonly children?: ReactNode }) {
  return (
    <div className={cx('mv-uffd-link', props.active && 'is-active')}>
      <span className="mv-uffd-verb"><span aria-hidden="true">→ </span><span className="mv-mono"><Wbr text={props.verb} /></span></span>
      {props.children}
    </div>
  );
}

/** The first column: the faulting tasks, asleep until woken. */
function Sleepers(props: { readonly m: CtxModel } & LitProps) {
  const { m } = props;
  return (
    <div className="mv-uffd-lane lane-tasks" role="group" aria-label={`Tasks in handle_userfault: ${m.sleepers.length}`}>
      <h4 className="mv-mono"><Wbr text="handle_userfault" /></h4>
      <p className="mv-uffd-sub">faulting tasks, no locks held</p>
      {m.sleepers.length === 0 ? <p className="mv-uffd-empty">no task</p> : <Actors items={m.sleepers} label="Tasks in handle_userfault" className="is-sleeper" sel={props.sel} hov={props.hov} />}
    </div>
  );
}

/** A context (memoised: its props keep their identity while they read the same). */
export const UffdContext = memo(function UffdContext(props: { readonly m: CtxModel } & LitProps) {
  const { m, sel, hov } = props;
  return (
    <article className="mv-uffd-ctx" aria-label={`userfaultfd ${m.title} of ${m.process}`}>
      <Head m={m} sel={sel} hov={hov} />
      <div className="mv-uffd-flow">
        <Sleepers m={m} sel={sel} hov={hov} />
        <Lane id="pending" cards={m.lanes.pending} mm={m.mm} sel={sel} hov={hov} />
        <Link verb="read()">
          {m.handlers.length ? <Actors items={m.handlers} label="Handler threads" className="is-handler" sel={sel} hov={hov} /> : <p className="mv-uffd-empty">no handler thread is reading</p>}
        </Link>
        <Lane id="read" cards={m.lanes.read} mm={m.mm} sel={sel} hov={hov} />
        <Link verb={m.resolver} active={m.active !== null}>
          <span className="mv-uffd-sub">{m.active ? <>in <span className="mv-mono">{m.active}</span>, then wake_userfault</> : 'then wake_userfault'}</span>
        </Link>
        <Lane id="woken" cards={m.lanes.woken} mm={m.mm} sel={sel} hov={hov} />
      </div>
      {m.calls.length > 0 && (
        <div className="mv-uffd-calls">
          <h4 className="mv-uffd-list-head">ioctls in flight</h4>
          <Actors items={m.calls} label="ioctls in flight" className="is-call" sel={sel} hov={hov} />
        </div>
      )}
    </article>
  );
});

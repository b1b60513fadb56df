// One run's CPUs in a line of cards: what each runs (or that it idles, lazily borrowing an mm), its
// TLB size, and the flush IPIs it sends or receives at this step.
import type { Frame, IpiView } from '../sim/frame';
import { cx } from '../views/lib/cx';
import { cpuStatus } from '../views/cpu/cpu-info';

function ipiLines(cpu: number, ipis: readonly IpiView[]): string[] {
  const out: string[] = [];
  for (const i of ipis) {
    if (i.to === cpu) out.push(i.state === 'in-flight' ? `IPI from CPU${i.from} in flight` : `handling IPI from CPU${i.from}`);
  }
  const sent = ipis.filter((i) => i.from === cpu && i.to !== cpu).map((i) => `CPU${i.to}`);
  if (sent.length) out.push(`sends IPI to ${sent.join(', ')}`);
  return out;
}

/** The CPUs of the frame, with the IPIs on screen. */
export function CpuStrip({ frame, label }: { frame: Frame; label: string }) {
  const inFlight = frame.ipis.filter((i) => i.state === 'in-flight').length;
  return (
    <section className="cmp-cpus" aria-label={`CPUs of run ${label}`}>
      <h3 className="cmp-h3">
        CPUs <span className="muted">· {frame.ipis.length === 0 ? 'no IPIs on the way' : `${frame.ipis.length} IPI${frame.ipis.length === 1 ? '' : 's'} (${inFlight} in flight)`}</span>
      </h3>
      <ul className="cmp-cpu-list">
        {frame.cpus.map((c) => {
          const st = cpuStatus(c);
          const lines = ipiLines(c.id, frame.ipis);
          return (
            <li key={c.id} className={cx('cmp-cpu', `is-${st.cls}`, lines.length > 0 && 'has-ipi')} title={st.label}>
              <span className="cmp-cpu-name">CPU{c.id}</span>
              <span className="cmp-cpu-task">{c.task ?? (st.cls === 'lazy' ? 'lazy TLB' : 'idle')}</span>
              <span className="cmp-cpu-tlb muted">TLB {c.tlb.length}</span>
              {lines.map((l) => <span key={l} className="cmp-cpu-ipi">⚡ {l}</span>)}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

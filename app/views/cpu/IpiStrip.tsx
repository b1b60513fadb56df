// The CPUs in a row with the shootdown traffic between them: flush IPIs as arcs above (dashed and
// moving while in flight, solid while flush_tlb_func runs), acknowledgements as arcs below (dashed on
// their way, solid when counted), and skipped CPUs drawn dashed with the word "skipped".
import type { Lit } from '../lib/highlight';
import { useSelectable } from '../lib/interact';
import { cpuKey } from '../lib/keys';
import type { ShootdownView } from './shootdown';

// Geometry (px): the CPU boxes sit at `top`; IPI arcs rise above them (label over the peak), acks
// dip below (label under the dip). The strip only reserves room for the arcs it draws.
const W = 120;
const BOX_W = 84;
const BOX_H = 26;
const ABOVE = 40;
const BELOW = 40;
const IPI_PEAK = 18;

/** Vertical layout of the strip. */
interface Rows { readonly top: number; readonly dip: number; readonly height: number }

const cx = (i: number) => i * W + W / 2;

function Arc(props: { readonly from: number; readonly to: number; readonly below: boolean; readonly className: string; readonly label: string; readonly prefix: string; readonly rows: Rows }) {
  const { from, to, below, rows } = props;
  const y = below ? rows.top + BOX_H : rows.top;
  const peak = below ? rows.dip : IPI_PEAK;
  const x1 = cx(from) + (to > from ? 12 : -12);
  const x2 = cx(to) + (to > from ? -12 : 12);
  // A quadratic Bézier's extreme is (y0 + 2·cy + y2) / 4: pick cy so the arc peaks at `peak`.
  const cy = (4 * peak - 2 * y) / 2;
  return (
    <g className={props.className}>
      <path d={`M${x1} ${y} Q${(x1 + x2) / 2} ${cy} ${x2} ${y}`} markerEnd={`url(#${props.prefix}-${below ? 'ack' : 'ipi'})`} />
      <text x={(x1 + x2) / 2} y={below ? rows.dip + 13 : IPI_PEAK - 6}>{props.label}</text>
    </g>
  );
}

function CpuNode(props: { readonly id: number; readonly i: number; readonly skipped: boolean; readonly lit: string; readonly selected: boolean; readonly top: number }) {
  const { id, i, top: TOP } = props;
  const selectable = useSelectable();
  const label = `CPU${id}${props.skipped ? ', skipped by the flush' : ''}`;
  return (
    <g className={`mv-ipi-cpu ${props.skipped ? 'is-skipped' : ''} ${props.lit}`} {...selectable(cpuKey(id), label, props.selected)}>
      <rect x={cx(i) - BOX_W / 2} y={TOP} width={BOX_W} height={BOX_H} rx={4} />
      <text x={cx(i)} y={TOP + 17}>CPU{id}</text>
      {props.skipped && <text className="mv-skip-label" x={cx(i)} y={TOP + BOX_H + 15}>skipped (no IPI)</text>}
      <rect className="mv-ring" x={cx(i) - BOX_W / 2} y={TOP} width={BOX_W} height={BOX_H} rx={4} />
    </g>
  );
}

/** The strip of the CPUs `cpus` (ids, in order), for the shootdowns on screen. */
export function IpiStrip(props: { readonly cpus: readonly number[]; readonly sds: readonly ShootdownView[]; readonly sel: Lit | null; readonly hov: Lit | null; readonly prefix: string }) {
  const { cpus, sds, sel, hov, prefix } = props;
  const pos = new Map(cpus.map((c, i) => [c, i]));
  const at = (cpu: number) => pos.get(cpu) ?? 0;
  const skipped = new Set(sds.flatMap((s) => s.skipped.map((k) => k.cpu)));
  const top = sds.some((s) => s.ipis.length > 0) ? ABOVE : 6;
  const below = sds.some((s) => s.acks.length > 0) || skipped.size > 0;
  const rows: Rows = { top, dip: top + BOX_H + 22, height: top + BOX_H + (below ? BELOW : 6) };
  const H = rows.height;
  return (
    <svg className="mv-ipi" width={cpus.length * W} height={H} viewBox={`0 0 ${cpus.length * W} ${H}`} role="group" aria-label="Flush IPIs and acknowledgements between CPUs">
      <defs>
        <marker id={`${prefix}-ipi`} viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto"><path className="mv-ipi-head" d="M0 0 L6 3 L0 6 z" /></marker>
        <marker id={`${prefix}-ack`} viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto"><path className="mv-ack-head" d="M0 0 L6 3 L0 6 z" /></marker>
      </defs>
      {sds.flatMap((s) => s.ipis.map((i) => (
        <Arc key={`i${s.actor.id}-${i.to}`} rows={rows} prefix={prefix} from={at(s.initiator)} to={at(i.to)} below={false} className={`mv-ipi-arc ${i.state === 'in-flight' ? 'is-flying' : ''}`} label={i.state === 'in-flight' ? 'flush IPI' : 'IPI: flush_tlb_func'} />
      )))}
      {sds.flatMap((s) => s.acks.map((a) => (
        <Arc key={`a${s.actor.id}-${a.from}`} rows={rows} prefix={prefix} from={at(a.from)} to={at(s.initiator)} below className={`mv-ack-arc ${a.arrived ? '' : 'is-flying'}`} label={a.arrived ? 'ack counted' : 'ack'} />
      )))}
      {cpus.map((c, i) => (
        <CpuNode key={c} id={c} i={i} top={top} skipped={skipped.has(c)} selected={sel?.key === cpuKey(c)} lit={sel?.cpus.has(c) ? 'is-lit-sel' : hov?.cpus.has(c) ? 'is-lit-hov' : ''} />
      ))}
    </svg>
  );
}

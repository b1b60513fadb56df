// TLB shootdowns in progress, from the frame: for each flush_tlb_mm_range, the IPIs on their way or
// being handled (frame.ipis), the acknowledgements travelling back, and the CPUs of mm_cpumask that got
// no IPI and why. The skip reasons come from the start step's narration when it is on screen, and
// otherwise from the CPUs' state (lazy, or running another mm), but only when the IPI count leaves
// no doubt about who was skipped.
import type { ActorView, Frame } from '../../sim/frame';

/** A CPU of mm_cpumask that the flush did not IPI. */
export interface Skip { readonly cpu: number; readonly reason: string }

/** One shootdown. */
export interface ShootdownView {
  readonly actor: ActorView;
  readonly initiator: number;
  readonly mm: number | null;
  readonly acked: number;
  readonly total: number;
  readonly ipis: readonly { readonly to: number; readonly state: 'in-flight' | 'handled' }[];
  /** Acks whose sender is known: travelling back, or counted in this very step. */
  readonly acks: readonly { readonly from: number; readonly arrived: boolean }[];
  /** Acks sent but not yet counted by the initiator (their senders may be unknown). */
  readonly pending: number;
  readonly skipped: readonly Skip[];
  /** The flush completed in this very step (its machine is gone from the frame). */
  readonly done: boolean;
}

// Reasons, worded as arch/x86/mm/tlb.c decides them (sim-core/kernel/tlb.ts chooseTargets).
/** Why a lazy CPU gets no IPI. */
export const REASON_LAZY = 'lazy TLB: will catch up by tlb_gen at its next switch_mm';
/** Why a CPU running another mm gets no IPI. */
export const REASON_OTHER = 'runs another mm: no IPI (tlb_gen is compared when it switches back)';

const ACKS = /acks (\d+) of (\d+)/;
const SKIPPED = /CPU(\d+) skipped: ([^;]+)/g;
const ACKED = /^CPU(\d+) acknowledged/;

function skipsFromSay(say: string): Skip[] {
  return [...say.matchAll(SKIPPED)].map((m) => ({ cpu: Number(m[1]), reason: (m[2] ?? '').trim() }));
}

function skipsFromState(f: Frame, initiator: number, mm: number | null, total: number, ipiTo: ReadonlySet<number>): Skip[] {
  const m = f.mms.find((x) => x.id === mm);
  if (!m) return [];
  const members = m.cpumask.filter((c) => c !== initiator);
  const cpu = (id: number) => f.cpus.find((c) => c.id === id);
  const running = members.filter((c) => cpu(c)?.mm === mm && !cpu(c)?.lazy);
  // Running CPUs always get the IPI; if that accounts for every IPI, all other members were skipped.
  if (total !== running.length) return [];
  return members.filter((c) => !running.includes(c) && !ipiTo.has(c)).map((c) => ({ cpu: c, reason: cpu(c)?.mm === mm ? REASON_LAZY : REASON_OTHER }));
}

function view(f: Frame, a: ActorView): ShootdownView {
  const r = f.record;
  const m = ACKS.exec(a.detail);
  const acked = Number(m?.[1] ?? 0);
  const total = Number(m?.[2] ?? 0);
  const ipis = f.ipis.filter((i) => i.initiator === a.id).map((i) => ({ to: i.to, state: i.state }));
  const ipiTo = new Set(ipis.map((i) => i.to));
  const mm = f.cpus.find((c) => c.id === a.cpu)?.mm ?? null;
  const acks: { from: number; arrived: boolean }[] = [];
  if (r?.kind === 'flush_tlb_func' && r.to === 'done' && !ipiTo.has(r.cpu)) acks.push({ from: r.cpu, arrived: false });
  const arrived = r?.actor === a.id && r.from === 'wait_acks' ? ACKED.exec(r.say) : null;
  if (arrived) acks.push({ from: Number(arrived[1]), arrived: true });
  const started = r?.actor === a.id && r.from === 'flush_tlb_mm_range';
  const skipped = started ? skipsFromSay(r.say) : skipsFromState(f, a.cpu, mm, total, ipiTo);
  return { actor: a, initiator: a.cpu, mm, acked, total, ipis, acks, pending: Math.max(0, total - acked - ipis.length), skipped, done: false };
}

/** The flush that finished in the step leading to `f`, if any: its last ack is drawn arriving. */
function finished(f: Frame): ShootdownView | null {
  const r = f.record;
  if (!r || r.kind !== 'flush_tlb_mm_range' || r.to !== 'done' || f.actors.some((a) => a.id === r.actor)) return null;
  const actor: ActorView = { id: r.actor, kind: r.kind, cpu: r.cpu, task: r.task, state: 'done', waiting: false, detail: '', parent: null };
  const ack = r.from === 'wait_acks' ? ACKED.exec(r.say) : null;
  const acks = ack ? [{ from: Number(ack[1]), arrived: true }] : [];
  const skipped = r.from === 'flush_tlb_mm_range' ? skipsFromSay(r.say) : [];
  return { actor, initiator: r.cpu, mm: f.cpus.find((c) => c.id === r.cpu)?.mm ?? null, acked: 0, total: 0, ipis: [], acks, pending: 0, skipped, done: true };
}

/** Shootdowns running in frame `f`, and the one that completed in its step. */
export function shootdowns(f: Frame): ShootdownView[] {
  const out = f.actors.filter((a) => a.kind === 'flush_tlb_mm_range').map((a) => view(f, a));
  const last = finished(f);
  return last ? [...out, last] : out;
}

// CPUs view: each CPU with what it runs, its ASIDs and tlb_gen, mm_cpumask membership and TLB
// (stale and dormant entries marked), and the shootdown traffic between CPUs: IPIs out, acks back,
// lazy CPUs skipped with the reason.
import { useFrameSelector } from '../../store/hooks';
import { useSvgPrefix } from '../common/prefix';
import { ViewFrame } from '../common/ViewFrame';
import { useLit } from '../lib/use-lit';
import { CpuCard } from './CpuCard';
import './cpu.css';
import { IpiStrip } from './IpiStrip';
import { selectCpus } from './select';

/** The CPUs view (reads the store; no props). */
export function CpuView() {
  const d = useFrameSelector(selectCpus);
  const { sel, hov } = useLit();
  const prefix = useSvgPrefix();
  return (
    <ViewFrame title="CPUs and TLBs" className="mv-cpus" ready={!!d}>
      {d && d.sds.length > 0 && <IpiStrip cpus={d.ids} sds={d.sds} sel={sel} hov={hov} prefix={prefix} />}
      <div className="mv-cpu-grid">
        {d?.cpus.map((c) => <CpuCard key={c.id} c={c} sel={sel} hov={hov} />)}
      </div>
      <p className="mv-note">stale: the entry disagrees with its PTE, allowed only until the flush completes · dormant: unusable now (another ASID is loaded, or the CPU is lazy and behind tlb_gen)</p>
    </ViewFrame>
  );
}

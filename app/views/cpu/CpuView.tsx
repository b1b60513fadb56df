// CPUs view: each CPU with what it runs, its ASIDs and tlb_gen, mm_cpumask membership and TLB
// (stale and dormant entries marked), and the shootdown traffic between CPUs: IPIs out, acks back,
// lazy CPUs skipped with the reason.
import { useMemo } from 'react';
import { useFrame } from '../../store/hooks';
import { useSvgPrefix } from '../common/prefix';
import { ViewFrame } from '../common/ViewFrame';
import { useLit } from '../lib/use-lit';
import { shootdownRoles } from './cpu-info';
import { CpuCard } from './CpuCard';
import './cpu.css';
import { IpiStrip } from './IpiStrip';
import { shootdowns } from './shootdown';

/** The CPUs view (reads the store; no props). */
export function CpuView() {
  const frame = useFrame();
  const { sel, hov } = useLit();
  const prefix = useSvgPrefix();
  const sds = useMemo(() => (frame ? shootdowns(frame) : []), [frame]);
  // The strip appears only when there is traffic to draw: IPIs, acks, or CPUs skipped.
  const traffic = sds.some((s) => s.ipis.length > 0 || s.acks.length > 0 || s.skipped.length > 0);
  return (
    <ViewFrame title="CPUs and TLBs" className="mv-cpus" ready={!!frame}>
      {traffic && frame && <IpiStrip cpus={frame.cpus} sds={sds} sel={sel} hov={hov} prefix={prefix} />}
      <div className="mv-cpu-grid">
        {frame?.cpus.map((c) => <CpuCard key={c.id} c={c} mms={frame.mms} roles={shootdownRoles(c.id, sds)} sel={sel} hov={hov} />)}
      </div>
      <p className="mv-note">stale: the entry disagrees with its PTE, allowed only until the flush completes · dormant: unusable now (another ASID is loaded, or the CPU is lazy and behind tlb_gen)</p>
    </ViewFrame>
  );
}

// userfaultfd view: each context (struct userfaultfd_ctx) with the ranges registered with it, its
// fault messages moving from fault_pending_wqh through the handler's read() to fault_wqh and on to
// the ioctl that resolves them, the handler threads and the tasks asleep in handle_userfault.
// Selecting a message selects its page, which the address-space view outlines.
import { useFrameSelector } from '../../store/hooks';
import { ViewFrame } from '../common/ViewFrame';
import { useLit } from '../lib/use-lit';
import { selectUffd } from './model';
import { UffdContext } from './UffdContext';
import './uffd.css';

/** The title of the view (its region's accessible name). */
export const UFFD_TITLE = 'userfaultfd';

/** The userfaultfd view (reads the store; no props). */
export function UffdView() {
  const ctxs = useFrameSelector(selectUffd);
  const { sel, hov } = useLit();
  const queued = ctxs?.reduce((n, c) => n + c.lanes.pending.length + c.lanes.read.length, 0) ?? 0;
  const extra = ctxs?.length ? <span className="mv-chip" title="messages in fault_pending_wqh and fault_wqh, all contexts">{queued} message{queued === 1 ? '' : 's'} queued</span> : null;
  return (
    <ViewFrame title={UFFD_TITLE} className="mv-uffd" ready={!!ctxs} extra={extra}>
      {ctxs?.length === 0 && <p className="mv-muted">No userfaultfd context at this step: the run creates one with userfaultfd(2) later.</p>}
      {ctxs?.map((m) => <UffdContext key={m.id} m={m} sel={sel} hov={hov} />)}
    </ViewFrame>
  );
}

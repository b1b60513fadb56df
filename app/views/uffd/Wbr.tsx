// Kernel identifiers are long (UFFDIO_WRITEPROTECT, fault_pending_wqh) and the lanes narrow: offer a
// line break after each underscore so a name wraps between its words, never inside one.
import { Fragment } from 'react';

/** `text` with a <wbr> after every underscore. */
export function Wbr(props: { readonly text: string }) {
  const parts = props.text.split('_');
  return <>{parts.map((p, i) => <Fragment key={i}>{p}{i < parts.length - 1 && <>_<wbr /></>}</Fragment>)}</>;
}

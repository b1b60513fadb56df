// SVG ids for patterns: React's useId contains characters that break url(#…) references.
import { useId } from 'react';

/** A document-unique id prefix safe inside url(#…). */
export function useSvgPrefix(): string {
  return 'mv' + useId().replace(/[^a-zA-Z0-9]/g, '');
}

// What can be wrong with a share link. Every failure carries a code (for tests and styling) and a
// sentence a person can act on; the UI shows the sentence as is.

/** Why a link was refused. */
export type LinkErrorCode =
  | 'bad-route' | 'bad-id' | 'bad-query' | 'bad-step' | 'bad-params' | 'bad-choices' | 'bad-plot'
  | 'empty-data' | 'bad-base64' | 'truncated' | 'corrupt' | 'too-large' | 'not-text';

/** A refused link: a machine-readable code and a human sentence. */
export interface LinkError {
  readonly code: LinkErrorCode;
  readonly message: string;
}

/** Either a value or the reason there is none. */
export type LinkResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LinkError };

/** A successful result. */
export const ok = <T>(value: T): LinkResult<T> => ({ ok: true, value });

/** A failed result. */
export const fail = <T = never>(code: LinkErrorCode, message: string): LinkResult<T> => ({ ok: false, error: { code, message } });

/** Formats a count with thousands separators, independent of the reader's locale. */
export const count = (n: number): string => n.toLocaleString('en-US');

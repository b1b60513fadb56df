// Address syntax of the scenario language: "buf", "buf[3]", "buf[0..33]" or a raw "0x7f0000001000".

/** A parsed address: a page range of a named region, or a raw byte address. */
export type AddrSpec =
  | { readonly kind: 'region'; readonly region: string; readonly first: number; readonly last: number }
  | { readonly kind: 'raw'; readonly addr: number };

const REGION = /^([A-Za-z_][\w-]*)(?:\[(\d+)(?:\.\.(\d+))?\])?$/;
const RAW = /^0x[0-9a-fA-F]{1,16}$/;

/** Parses an address; returns an error message instead of throwing. */
export function parseAddr(text: string, allowRange: boolean): AddrSpec | string {
  if (RAW.test(text)) {
    const addr = Number.parseInt(text.slice(2), 16);
    if (!Number.isSafeInteger(addr) || addr >= 2 ** 47) return `'${text}' is outside the 47-bit user address space`;
    return { kind: 'raw', addr };
  }
  const m = REGION.exec(text);
  if (!m) return `'${text}' is not an address: use name, name[i], name[i..j] or 0x...`;
  const first = Number(m[2] ?? 0);
  const last = m[3] === undefined ? first : Number(m[3]);
  if (m[3] !== undefined && !allowRange) return `'${text}': a page range (i..j) is only allowed on read and write; use "pages" here`;
  if (last < first) return `'${text}': the range ends before it starts`;
  if (last - first >= 1 << 24) return `'${text}': the range is too long`;
  return { kind: 'region', region: m[1] as string, first, last };
}

/** Number of pages an access spec touches. */
export function specPages(a: AddrSpec): number {
  return a.kind === 'raw' ? 1 : a.last - a.first + 1;
}

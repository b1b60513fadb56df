// Narration helpers: links to the kernel source on Elixir, the scenario metadata the shell may put in
// the store (read defensively: its shape is checked, not assumed), and time formatting.

/** The kernel release the function links point at. */
export const ELIXIR_VERSION = 'v6.18';
const ELIXIR = `https://elixir.bootlin.com/linux/${ELIXIR_VERSION}`;

/** Elixir's identifier search for a kernel function name, or null when `fn` is not an identifier. */
export function identUrl(fn: string): string | null {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(fn) ? `${ELIXIR}/A/ident/${fn}` : null;
}

/** Elixir's page of a kernel source file, or null when `file` is not a source path. */
export function sourceUrl(file: string): string | null {
  return /^[A-Za-z0-9_.\-/]+\.[chS]$/.test(file) && !file.includes('..') ? `${ELIXIR}/source/${file}` : null;
}

/** The mailing-list thread a scenario retells. */
export interface ThreadSource { readonly thread: string; readonly list: string; readonly date: string; readonly subject: string; readonly author: string }

/** Scenario metadata as the narration uses it. */
export interface ScenarioMeta { readonly title: string; readonly summary: string; readonly kernel: string | null; readonly narration: string | null; readonly source: ThreadSource | null }

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function source(v: unknown): ThreadSource | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const [thread, list, date, subject, author] = [o.thread, o.list, o.date, o.subject, o.author].map(str);
  return thread && list && date && subject && author ? { thread, list, date, subject, author } : null;
}

/** Scenario metadata from whatever the store holds, or null when it is absent or malformed. */
export function scenarioMeta(raw: unknown): ScenarioMeta | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const title = str(o.title);
  if (!title) return null;
  return { title, summary: str(o.summary) ?? '', kernel: str(o.kernel), narration: str(o.narration), source: source(o.source) };
}

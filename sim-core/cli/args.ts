// Command-line parsing for `npm run sim`.
import type { ActorId } from '../model/ids';
import { actorId } from '../model/ids';

/** Parsed command line. */
export interface CliArgs {
  readonly target: string;
  readonly json: boolean;
  readonly choices: ReadonlyMap<number, ActorId>;
  readonly params: ReadonlyMap<string, string>;
  /** Print the scenario's parameters instead of running it. */
  readonly listParams: boolean;
}

/** Usage text. */
export const USAGE = `usage: npm run sim -- <built-in id | path/to/scenario.json> [--json] [--choices STEP:ACTOR,...] [--param NAME=VALUE ...] [--list-params]
  --json             print one JSON document on stdout
  --choices          scheduling overrides: at step STEP run actor ACTOR (ids as in the trace)
  --param NAME=VALUE set a scenario parameter (repeatable; see --list-params)
  --list-params      print the scenario's parameters, their ranges or values and defaults, and exit
exit status: 0 ran and met its expectations, 1 an expectation failed, 2 invalid input`;

/** Parses a comma-separated choice list such as "12:3,40:1". */
export function parseChoices(text: string): Map<number, ActorId> | string {
  const out = new Map<number, ActorId>();
  if (text.trim() === '') return out;
  for (const part of text.split(',')) {
    const m = /^(\d+):(\d+)$/.exec(part.trim());
    if (!m) return `--choices: '${part}' is not STEP:ACTOR (two non-negative integers)`;
    out.set(Number(m[1]), actorId(Number(m[2])));
  }
  return out;
}

/** Parses argv (without node and the script); returns an error message on bad input. */
export function parseArgs(argv: readonly string[]): CliArgs | string {
  let target: string | null = null;
  let json = false;
  let choices = new Map<number, ActorId>();
  const params = new Map<string, string>();
  let listParams = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--json') json = true;
    else if (a === '--list-params') listParams = true;
    else if (a === '--choices' || a.startsWith('--choices=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) return '--choices needs a value';
      const c = parseChoices(v);
      if (typeof c === 'string') return c;
      choices = c;
    } else if (a === '--param' || a.startsWith('--param=')) {
      const v = a.includes('=') && a.startsWith('--param=') ? a.slice(8) : argv[++i];
      const m = v === undefined ? null : /^([A-Za-z_][\w-]*)=(.+)$/.exec(v);
      if (!m) return `--param needs NAME=VALUE (got ${v === undefined ? 'nothing' : `'${v}'`})`;
      if (params.has(m[1] as string)) return `--param ${m[1] as string} is given twice`;
      params.set(m[1] as string, m[2] as string);
    } else if (a === '--help' || a === '-h') return 'help';
    else if (a.startsWith('-')) return `unknown option '${a}'`;
    else if (target === null) target = a;
    else return `unexpected argument '${a}' (one scenario at a time)`;
  }
  if (target === null) return 'no scenario given';
  return { target, json, choices, params, listParams };
}

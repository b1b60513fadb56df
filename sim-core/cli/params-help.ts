// `npm run sim -- <scenario> --list-params`: a scenario's parameters as a person reads them.
import { accepted } from '../scenarios/params';
import type { Program } from '../scenarios/program';

/** The parameters of a program (run as `target`), one block each: name, what it takes, default, doc. */
export function paramsHelp(p: Program, target: string): string {
  const id = p.scenario.id;
  if (p.paramDecls.length === 0) return `${id} declares no parameters.`;
  const lines = [`${id} parameters (set with --param NAME=VALUE):`];
  for (const d of p.paramDecls) {
    lines.push(`  ${d.name}  ${accepted(d)}, default ${d.default}`, `      ${d.doc}`);
  }
  lines.push(`example: npm run sim -- ${target} ${p.paramDecls.map((d) => `--param ${d.name}=${d.default}`).join(' ')}`);
  return lines.join('\n');
}

/** The parameter values of a run, on one line ("" when there are none). */
export const paramsLine = (p: Program): string => Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join(' ');

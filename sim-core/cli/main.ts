// `npm run sim`: runs a scenario headless and checks its expectations (DESIGN.md "Headless CLI").
import { existsSync, readFileSync, statSync } from 'node:fs';
import { checkExpect } from '../engine/expect';
import { type RunSummary, runProgram } from '../engine/run';
import { builtins, compileBuiltin } from '../scenarios/library';
import { ParamError, parseScenarioText, ScenarioError } from '../scenarios/parse';
import type { Program } from '../scenarios/program';
import { type CliArgs, parseArgs, USAGE } from './args';
import { paramsHelp, paramsLine } from './params-help';

/** Largest scenario file the CLI reads. */
const MAX_FILE = 4 * 1024 * 1024;

class InputError extends Error {}

function load({ target, params }: CliArgs): Program {
  const asFile = target.endsWith('.json') || target.includes('/');
  if (asFile) {
    if (!existsSync(target)) throw new InputError(`${target}: no such file`);
    if (statSync(target).size > MAX_FILE) throw new InputError(`${target}: larger than ${MAX_FILE / 1024 / 1024} MiB, not a scenario`);
    return parseScenarioText(readFileSync(target, 'utf8'), target, params);
  }
  const p = compileBuiltin(target, params);
  if (!p) throw new InputError(`unknown scenario '${target}'. Built-ins: ${[...builtins().keys()].join(', ')}`);
  return p;
}

function human(p: Program, r: RunSummary, failures: readonly string[]): string {
  const lines = [`${r.scenario} — ${p.scenario.title} (kernel ${r.kernel})`];
  if (p.paramDecls.length) lines.push(`parameters: ${paramsLine(p)}`);
  lines.push(`${r.steps} steps, modelled CPU time ${(Number(r.counters['cost.ns']) / 1000).toFixed(1)} µs`, 'results:');
  for (const x of r.results) {
    const v = x.signal ? x.signal : x.errno ? `-1 ${x.errno}` : JSON.stringify(x.ret);
    lines.push(`  ${x.task}#${x.index} ${x.op} → ${v}`);
  }
  const counters = Object.entries(r.counters).filter(([, v]) => (Array.isArray(v) ? v.some((n) => n !== 0) : v !== 0));
  lines.push(`counters: ${counters.map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`).join(' ')}`);
  lines.push(r.violations.length ? `violations (${r.violations.length}):` : 'violations: none');
  for (const v of r.violations.slice(0, 20)) lines.push(`  step ${v.step}: ${v.message}`);
  if (r.stalled.length) lines.push(`stalled forever: ${r.stalled.join('; ')}`);
  if (r.halted) lines.push(`stopped: ${r.halted}`);
  lines.push(failures.length ? `expectations NOT met:\n${failures.map((f) => `  ${f}`).join('\n')}` : 'expectations: met');
  lines.push(`digest: ${r.digest}`);
  return lines.join('\n');
}

function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if (args === 'help') { console.log(USAGE); return 0; }
  if (typeof args === 'string') { console.error(`mmscope: ${args}\n${USAGE}`); return 2; }
  let program: Program;
  try {
    // Listing parameters must work whatever --param says, so it compiles with the defaults.
    program = load(args.listParams ? { ...args, params: new Map() } : args);
  } catch (e) {
    const what = e instanceof ParamError ? 'invalid parameters' : 'invalid scenario';
    if (e instanceof ScenarioError) { console.error(`mmscope: ${what}:\n${e.problems.map((p) => `  ${p}`).join('\n')}`); return 2; }
    if (e instanceof InputError) { console.error(`mmscope: ${e.message}`); return 2; }
    throw e;
  }
  if (args.listParams) { console.log(paramsHelp(program, args.target)); return 0; }
  const r = runProgram(program, { choices: args.choices });
  if (r.halted && /^(tasks\[|choice at step)/.test(r.halted)) { console.error(`mmscope: ${r.halted}`); return 2; }
  const failures = checkExpect(program, r);
  if (args.json) {
    const results = r.results.map(({ step: _s, ...x }) => ({ ...x, signal: x.signal ?? null }));
    console.log(JSON.stringify({ scenario: r.scenario, kernel: r.kernel, params: program.params, steps: r.steps, results, counters: r.counters, violations: r.violations, digest: r.digest, halted: r.halted, stalled: r.stalled, expect: { met: failures.length === 0, failures } }, null, 2));
  } else {
    console.log(human(program, r, failures));
  }
  return failures.length ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`mmscope: internal error: ${(e as Error).message}`);
  if (process.env.MMSCOPE_DEBUG) console.error(e);
  process.exitCode = 1;
}

// `npm run trace -- <scenario> [from] [to]`: prints the narrated steps of a run (a debugging aid).
import { readFileSync } from 'node:fs';
import { createEngine } from '../engine/setup';
import { builtin } from '../scenarios/library';
import { parseScenarioText } from '../scenarios/parse';

const [target = '', from = '0', to = '1e9'] = process.argv.slice(2);
const program = target.endsWith('.json') ? parseScenarioText(readFileSync(target, 'utf8'), target) : builtin(target);
if (!program) {
  console.error(`unknown scenario ${target}`);
  process.exit(2);
}
const e = createEngine(program);
for (let r = e.step(); r; r = e.step()) {
  if (r.step < Number(from) || r.step > Number(to)) continue;
  const v = r.violations.length ? `  !! ${r.violations.join('; ')}` : '';
  console.log(`${String(r.step).padStart(6)} CPU${r.cpu} #${r.actor} ${r.kind}:${r.from}→${r.to} [${r.fn.file}: ${r.fn.name}] ${r.say}${v}`);
}
if (e.state.halted) console.log(`halted: ${e.state.halted}`);

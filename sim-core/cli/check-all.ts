// `npm run test:scenarios`: every built-in (and every file in ../shared/scenarios when present) must
// run to its end and meet its expect block. Prints one line per scenario.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkExpect } from '../engine/expect';
import { runProgram } from '../engine/run';
import { builtins } from '../scenarios/library';
import { parseScenarioText } from '../scenarios/parse';
import type { Program } from '../scenarios/program';

const programs: [string, Program][] = [...builtins().values()].map((p) => [`built-in ${p.scenario.id}`, p]);
const shared = join(process.cwd(), '..', 'shared', 'scenarios');
if (existsSync(shared)) {
  for (const f of readdirSync(shared).filter((n) => n.endsWith('.json')).sort()) {
    programs.push([`shared ${f}`, parseScenarioText(readFileSync(join(shared, f), 'utf8'), f)]);
  }
}
let bad = 0;
for (const [name, p] of programs) {
  const r = runProgram(p);
  const f = checkExpect(p, r);
  if (f.length) bad++;
  console.log(`${f.length ? 'FAIL' : 'ok  '} ${name} (${r.steps} steps, digest ${r.digest})${f.map((x) => `\n     ${x}`).join('')}`);
}
console.log(`${programs.length - bad}/${programs.length} scenarios met their expectations`);
process.exitCode = bad ? 1 : 0;

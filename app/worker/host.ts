// The worker's message handling, separate from the entry file so it can be tested under Node.
import { compileBuiltin } from '../../sim-core/scenarios/library';
import { ParamError, parseScenarioText, ScenarioError } from '../../sim-core/scenarios/parse';
import type { Program } from '../../sim-core/scenarios/program';
import { DEFAULT_FRAMES_PER_NODE } from '../../sim-core/engine/setup';
import { machineGraphs, type MachineGraph } from '../sim/graphs';
import { deltaBuffers, FolioEncoder } from './folio-delta';
import { ResultsEncoder } from './results-delta';
import { VmaEncoder } from './vma-delta';
import { BROWSER_MAX_FRAMES, BROWSER_MAX_RESULTS, type FromWorker, type ScenarioSource, type ToWorker } from './protocol';
import { LoadFailure, scenarioInfo, Session } from './session';

type Load = Extract<ToWorker, { type: 'load' }>;
type Post = (m: FromWorker, transfer?: ArrayBuffer[]) => void;

let graphs: Record<string, MachineGraph> | null = null;

/** Compiles a scenario with parameter values, or throws LoadFailure saying what is wrong. */
export function compile(src: ScenarioSource, pairs: readonly (readonly [string, string])[]): Program {
  const params = new Map(pairs);
  try {
    if (src.kind === 'custom') return parseScenarioText(src.text, 'scenario', params);
    const p = compileBuiltin(src.id, params);
    if (!p) throw new LoadFailure('scenario', `There is no built-in scenario '${src.id}'.`);
    return p;
  } catch (e) {
    // Bad values in a link are the link's fault, not the scenario's: say so, with each parameter's range.
    if (e instanceof ParamError) throw new LoadFailure('scenario', 'The link sets parameters this scenario does not accept.', e.problems);
    if (e instanceof ScenarioError) throw new LoadFailure('scenario', 'This scenario is not valid.', e.problems);
    throw e;
  }
}

/** Refuses (LoadFailure 'limit') a program too large for the browser. */
export function checkSize(p: Program): void {
  // Every run of an op (see `repeat`) is one result; count them before recording, not after a crash.
  const results = p.tasks.reduce((a, t) => a + t.ops.reduce((b, o) => b + o.repeat, 0), 0);
  if (results > BROWSER_MAX_RESULTS) {
    throw new LoadFailure('limit', `This scenario's ops run ${results.toLocaleString('en-US')} times; the browser records runs of up to ${BROWSER_MAX_RESULTS.toLocaleString('en-US')} op results. Run it with the command-line simulator (npm run sim) instead.`, ['lower the ops\' "repeat" counts']);
  }
  const m = p.scenario.machine;
  const frames = (m.nodes ?? 1) * (m.framesPerNode ?? DEFAULT_FRAMES_PER_NODE);
  if (frames > BROWSER_MAX_FRAMES) {
    throw new LoadFailure('limit', `This machine has ${frames.toLocaleString('en-US')} page frames; the browser draws at most ${BROWSER_MAX_FRAMES.toLocaleString('en-US')}.`, ['machine.framesPerNode × machine.nodes is too large for the browser']);
  }
}

/** A host for one worker: holds the current session and answers messages. */
export class Host {
  private session: Session | null = null;
  private gen = -1;
  private folios = new FolioEncoder();
  private results = new ResultsEncoder();
  private vmas = new VmaEncoder();

  constructor(private readonly post: Post, private readonly now: () => number) {}

  /** Handles one message from the UI. */
  handle(msg: ToWorker): void {
    try {
      switch (msg.type) {
        case 'load': this.load(msg); return;
        case 'seek': if (msg.gen === this.gen && this.session) this.sendFrame(msg.step); return;
      }
    } catch (e) {
      this.session = null;
      if (e instanceof LoadFailure) this.post({ type: 'error', gen: msg.gen, kind: e.kind, message: e.message, problems: e.problems });
      else this.post({ type: 'error', gen: msg.gen, kind: 'internal', message: `The simulator failed: ${e instanceof Error ? e.message : String(e)}`, problems: [] });
    }
  }

  private load(msg: Load): void {
    this.gen = msg.gen;
    this.session = null;
    this.folios = new FolioEncoder();
    this.results = new ResultsEncoder();
    this.vmas = new VmaEncoder();
    const program = compile(msg.source, msg.params);
    checkSize(program);
    const session = Session.record(program, msg.choices, (steps) => this.post({ type: 'progress', gen: msg.gen, steps }));
    this.session = session;
    graphs ??= machineGraphs();
    this.post({
      type: 'ready', gen: msg.gen, total: session.total, markers: session.markers, summary: session.summary, graphs,
      info: scenarioInfo(program, msg.source.kind === 'custom'),
    });
    this.sendFrame(msg.step);
  }

  private sendFrame(step: number): void {
    if (!this.session) return;
    const t = this.now();
    const full = this.session.frameAt(step);
    const folios = this.folios.encode(full.memory.folios);
    const results = this.results.encode(full.results);
    const vmas = this.vmas.encode(full.mms);
    const frame = { ...full, results: [], mms: full.mms.map((mm) => ({ ...mm, vmas: [] })), memory: { ...full.memory, folios: [] } };
    this.post({ type: 'frame', gen: this.gen, frame, folios, results, vmas, ms: this.now() - t }, deltaBuffers(folios));
  }
}

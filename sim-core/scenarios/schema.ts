// Scenario language v1 (DESIGN.md "Scenario language"): the JSON shape, validated with valibot.
// Every object is strict: an unknown field is an error, never silently ignored.
import * as v from 'valibot';

const Int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const Name = v.pipe(v.string(), v.regex(/^[A-Za-z_][\w-]*$/, 'must be a name (letters, digits, _ or -)'));
const Prot = v.picklist(['none', 'r', 'rw']);
const Addr = v.pipe(v.string(), v.minLength(1));

/** Largest page count one op may name (64 GiB of 4 KiB pages). */
export const MAX_OP_PAGES = 1 << 24;

// Fields every op may carry.
const common = {
  after: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z_][\w-]*#\d+$/, 'must look like "task#index"'))),
  repeat: v.optional(Int(1, 1_000_000)),
  stride: v.optional(Int(-MAX_OP_PAGES, MAX_OP_PAGES)),
  note: v.optional(v.string()),
};
const Pages = Int(1, MAX_OP_PAGES);
const op = <T extends string, E extends v.ObjectEntries>(name: T, entries: E) =>
  v.strictObject({ op: v.literal(name), ...common, ...entries });

const UffdModes = v.array(v.picklist(['missing', 'wp', 'minor']));
const MoveModes = v.optional(v.array(v.picklist(['allow_src_holes', 'dontwake'])));
/** UFFDIO_API features a scenario may ask for (UFFD_FEATURE_*), in lower case. */
export const UFFD_FEATURES = ['sigbus', 'wp_unpopulated', 'thread_id', 'exact_address'] as const;

/** One operation of a task. */
export const OpSchema = v.variant('op', [
  op('mmap', {
    as: Name, pages: Pages, prot: Prot, shared: v.optional(v.boolean()), file: v.optional(Name),
    offset: v.optional(Int(0, 2 ** 40)), thp: v.optional(v.boolean()), align: v.optional(v.literal('2M')), at: v.optional(Addr),
  }),
  op('munmap', { addr: Addr, pages: Pages }),
  op('mprotect', { addr: Addr, pages: Pages, prot: Prot }),
  op('madvise', { addr: Addr, pages: Pages, advice: v.picklist(['dontneed', 'dontfork', 'dofork', 'hugepage', 'nohugepage', 'pageout']) }),
  op('read', { addr: Addr }),
  op('write', { addr: Addr, value: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(32))) }),
  op('fork', { child: Name }),
  op('sleep', {}),
  op('exit', {}),
  op('move_pages', { addr: Addr, pages: Pages, node: Int(0, 1023) }),
  op('reclaim', { addr: Addr, pages: Pages }),
  op('pin_user_pages', { addr: Addr, pages: Pages, longterm: v.optional(v.boolean()), as: Name }),
  op('unpin_user_pages', { pin: Name }),
  op('userfaultfd', { as: Name, features: v.optional(v.array(v.picklist(UFFD_FEATURES))) }),
  op('UFFDIO_REGISTER', { uffd: Name, addr: Addr, pages: Pages, mode: UffdModes }),
  op('UFFDIO_COPY', { uffd: Name, dst: Addr, pages: Pages, value: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(32))), mode: v.optional(v.array(v.picklist(['dontwake', 'wp']))) }),
  op('UFFDIO_ZEROPAGE', { uffd: Name, dst: Addr, pages: Pages, mode: v.optional(v.array(v.picklist(['dontwake']))) }),
  op('UFFDIO_MOVE', { uffd: Name, dst: Addr, src: Addr, pages: Pages, mode: MoveModes }),
  op('UFFDIO_REMAP', { uffd: Name, dst: Addr, src: Addr, pages: Pages, mode: MoveModes }),
  op('UFFDIO_WRITEPROTECT', { uffd: Name, addr: Addr, pages: Pages, wp: v.boolean(), dontwake: v.optional(v.boolean()) }),
  op('UFFDIO_WAKE', { uffd: Name, addr: Addr, pages: Pages }),
  op('uffd_serve', {
    uffd: Name, resolve: v.picklist(['copy', 'zeropage', 'move', 'unprotect']), src: v.optional(Name), count: Int(1, 1_000_000),
    delay_us: v.optional(Int(0, 10_000_000)),
  }),
]);

// `instances` and `params` are expanded away before this schema checks a document (expand.ts,
// which also validates them); they are declared here so documents built in code can be typed.
const TaskSchema = v.strictObject({
  name: Name,
  process: Name,
  cpu: Int(0, 255),
  forkedBy: v.optional(Name),
  instances: v.optional(Int(0, 256)),
  ops: v.array(OpSchema),
});

const ParamDeclSchema = v.union([
  v.strictObject({ doc: v.string(), min: v.number(), max: v.number(), default: v.number() }),
  v.strictObject({ doc: v.string(), values: v.array(v.string()), default: v.string() }),
]);

const ExpectResult = v.strictObject({
  task: Name,
  index: Int(0, 10_000_000),
  ret: v.optional(v.union([v.string(), v.number(), v.null()])),
  errno: v.optional(v.nullable(v.string())),
  bytes: v.optional(v.number()),
  signal: v.optional(v.nullable(v.string())),
  status: v.optional(v.array(v.union([v.string(), v.number(), v.null()]))),
});

/** A whole scenario file. */
export const ScenarioSchema = v.strictObject({
  v: v.literal(1),
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes')),
  title: v.pipe(v.string(), v.minLength(1)),
  summary: v.pipe(v.string(), v.minLength(1)),
  narration: v.optional(v.string()),
  tags: v.optional(v.array(v.string())),
  source: v.optional(v.strictObject({
    thread: v.string(), list: v.string(), date: v.string(), subject: v.string(), author: v.string(),
  })),
  kernel: v.optional(v.string()),
  params: v.optional(v.record(v.string(), ParamDeclSchema)),
  machine: v.strictObject({
    cpus: Int(1, 256),
    nodes: v.optional(Int(1, 64)),
    framesPerNode: v.optional(Int(16, 1 << 22)),
    tlbEntries: v.optional(Int(4, 4096)),
    swapPages: v.optional(Int(0, 1 << 22)),
  }),
  sysctl: v.optional(v.strictObject({
    'vm.max_map_count': v.optional(Int(1, 2_147_483_647)),
  })),
  tasks: v.pipe(v.array(TaskSchema), v.minLength(1)),
  expect: v.optional(v.strictObject({
    results: v.optional(v.array(ExpectResult)),
    counters: v.optional(v.record(v.string(), v.union([v.number(), v.array(v.number())]))),
    violations: v.optional(Int(0, 1_000_000)),
  })),
});

/** A parsed scenario. */
export type Scenario = v.InferOutput<typeof ScenarioSchema>;
/** A parsed op. */
export type ScenarioOp = v.InferOutput<typeof OpSchema>;
/** A parsed task. */
export type ScenarioTask = v.InferOutput<typeof TaskSchema>;
/** One expected result. */
export type ExpectedResult = v.InferOutput<typeof ExpectResult>;

/**
 * Two independent reference runs for checking the lowering end to end: one plays the IR
 * the way SPEC §1 describes it (actions one by one, in source order), the other plays a
 * compiled Program against a model of the BCM2835-family registers. Both record the
 * pins' state at every schedule point; a correct lowering gives the same record.
 *
 * `wait until` has no real input here: the k-th wait-until evaluated times out when k is
 * odd and it has somewhere to go (an else block), in both runs alike.
 */
import { Op, type Program } from '../../runtime/program/program.js';
import type { Chip } from '../../src/chips/chip.js';
import type { IrAction, IrNode, IrScript } from '../../src/compile/ir.js';

/** Pin state at one schedule point. */
export interface Snapshot {
  readonly at: string;
  readonly timeNs: number;
  readonly levels: string;
  readonly functions: string;
  readonly pulls: string;
}

/** What a run recorded: snapshots and log/mark texts, in order. */
export interface RunRecord {
  readonly events: (Snapshot | string)[];
}

/** Ends a run that reached its event budget (forever loops). */
class Budget extends Error {}

/** Pin state shared by both runs: output latch, function code and pull per pin. */
class PinModel {
  timeNs = 0;
  waitLevels = 0;
  /** Events and loop iterations of the current part (main or exit), against the budget. */
  partEvents = 0;
  partIterations = 0;
  readonly events: (Snapshot | string)[] = [];

  constructor(
    readonly pins: readonly number[],
    readonly latch: Map<number, number>,
    readonly fsel: Map<number, number>,
    readonly pull: Map<number, string>,
    private readonly budget: number,
  ) {}

  snapshot(at: string): void {
    const of = (m: ReadonlyMap<number, unknown>) => this.pins.map((p) => String(m.get(p) ?? '-')).join('');
    this.record({ at, timeNs: this.timeNs, levels: of(this.latch), functions: of(this.fsel), pulls: of(this.pull) });
  }

  message(text: string): void {
    this.record(text);
  }

  /** Counts one loop iteration: a forever loop with no waits must still end. */
  iteration(): void {
    if (++this.partIterations >= this.budget * 5) throw new Budget();
  }

  private record(event: Snapshot | string): void {
    this.events.push(event);
    if (++this.partEvents >= this.budget) throw new Budget();
  }

  /** The wait-until rule both runs share: true when this evaluation times out. */
  timesOut(canTimeOut: boolean): boolean {
    this.waitLevels++;
    return canTimeOut && this.waitLevels % 2 === 1;
  }
}

/** Initial state: every pin's latch from `initialLevels`, function input, pull unknown. */
function model(pins: readonly number[], initialLevels: readonly (0 | 1)[], budget: number): PinModel {
  return new PinModel(pins, new Map(pins.map((p, i) => [p, initialLevels[i] ?? 0])), new Map(pins.map((p) => [p, 0])), new Map(), budget);
}

/** Plays the IR action by action; `pins` are the pins to record. */
export function runIr(ir: IrScript, chip: Chip, pins: readonly number[], initialLevels: readonly (0 | 1)[], budget = 200): RunRecord {
  const m = model(pins, initialLevels, budget);
  const apply = (a: IrAction): void => {
    if (a.kind === 'drive') {
      m.latch.set(a.pin, a.level === 'toggle' ? 1 - m.latch.get(a.pin)! : a.level);
      return;
    }
    m.fsel.set(a.pin, a.fn === 'out' ? 1 : a.fn === 'in' ? 0 : chip.altCodes[a.alt!]!);
    if (a.fn === 'in' && a.pull) m.pull.set(a.pin, a.pull);
  };
  const run = (nodes: readonly IrNode[]): void => {
    for (const node of nodes) {
      switch (node.kind) {
        case 'instant':
          node.actions.forEach(apply);
          break;
        case 'wait':
          m.snapshot('wait');
          m.timeNs += node.ns;
          break;
        case 'log':
        case 'mark':
          m.message(`${node.kind} ${node.text}`);
          break;
        case 'waitLevel':
          m.snapshot('wait-level');
          if (m.timesOut(node.orElse !== undefined && node.timeoutNs !== undefined)) run(node.orElse!);
          break;
        case 'loop': {
          const start = m.timeNs;
          for (let k = 0; k < node.count; k++) {
            run(node.body);
            if (node.periodNs !== undefined) m.timeNs = Math.max(m.timeNs, start + (k + 1) * node.periodNs);
            m.iteration();
          }
        }
      }
    }
  };
  playBoth(m, () => run(ir.body), () => run(ir.onExit));
  return { events: m.events };
}

/** Plays a program against a register model built from `program.layout` alone. */
export function runProgram(p: Program, pins: readonly number[], initialLevels: readonly (0 | 1)[], budget = 200): RunRecord {
  const m = model(pins, initialLevels, budget);
  const { layout, code } = p;
  const fs = layout.functionSelect;
  let gppud = 0;
  const bankBits = (bank: number, bits: number, f: (pin: number) => void): void => {
    for (let i = 0; i < 32; i++) if ((bits >>> i) & 1) f(bank * 32 + i);
  };
  const fieldsOf = (base: number, ppw: number, bpp: number, offset: number, clear: number, setBits: number, f: (pin: number, v: number) => void): void => {
    const first = ((offset - base) / 4) * ppw;
    for (let i = 0; i < ppw; i++) {
      if ((clear >>> (i * bpp)) & ((1 << bpp) - 1)) f(first + i, (setBits >>> (i * bpp)) & ((1 << bpp) - 1));
    }
  };
  const write = (offset: number, value: number): void => {
    const pull = layout.pull;
    if (layout.set.includes(offset)) bankBits(layout.set.indexOf(offset), value, (pin) => m.latch.set(pin, 1));
    else if (layout.clear.includes(offset)) bankBits(layout.clear.indexOf(offset), value, (pin) => m.latch.set(pin, 0));
    else if (pull?.kind === 'gppud-clock' && offset === pull.gppud) gppud = value;
    else if (pull?.kind === 'gppud-clock' && pull.gppudclk.includes(offset)) {
      const name = gppud === pull.codes.up ? 'up' : gppud === pull.codes.down ? 'down' : 'none';
      bankBits(pull.gppudclk.indexOf(offset), value, (pin) => m.pull.set(pin, name));
    } else throw new Error(`write to unmodelled register ${offset}`);
  };
  const rmw = (offset: number, clear: number, setBits: number): void => {
    const pull = layout.pull;
    if (pull?.kind === 'pup-pdn' && offset >= pull.base && offset < pull.base + 16) {
      const names = new Map([[pull.codes.up, 'up'], [pull.codes.down, 'down'], [pull.codes.none, 'none']]);
      fieldsOf(pull.base, pull.pinsPerWord, pull.bitsPerPin, offset, clear, setBits, (pin, v) => m.pull.set(pin, names.get(v)!));
    } else fieldsOf(fs.base, fs.pinsPerWord, fs.bitsPerPin, offset, clear, setBits, (pin, v) => m.fsel.set(pin, v));
  };
  const play = (entry: number): void => {
    const loops: { start: number; left: number; begunNs: number; k: number }[] = [];
    let pc = entry;
    for (;;) {
      const op = code[pc]!;
      const a = code[pc + 1]!;
      switch (op) {
        case Op.END:
          return;
        case Op.WRITE: write(a, code[pc + 2]!); pc += 3; break;
        case Op.RMW: rmw(a, code[pc + 2]!, code[pc + 3]!); pc += 4; break;
        case Op.TOGGLE: {
          const bank = layout.level.indexOf(a);
          bankBits(bank, code[pc + 4]!, (pin) => m.latch.set(pin, 1 - m.latch.get(pin)!));
          pc += 5;
          break;
        }
        case Op.COMMIT: pc += 1; break;
        case Op.WAIT: m.snapshot('wait'); m.timeNs += a; pc += 2; break;
        case Op.SPIN: pc += 2; break;
        case Op.LOOP:
        case Op.EVERY: {
          const count = op === Op.LOOP ? a : code[pc + 2]!;
          const exit = op === Op.LOOP ? code[pc + 2]! : code[pc + 3]!;
          if (count === 0) { pc = exit; break; }
          loops.push({ start: pc, left: count, begunNs: m.timeNs, k: 0 });
          pc += op === Op.LOOP ? 3 : 4;
          break;
        }
        case Op.NEXT:
        case Op.NEXT_EVERY: {
          const loop = loops[loops.length - 1]!;
          loop.k++;
          if (op === Op.NEXT_EVERY) m.timeNs = Math.max(m.timeNs, loop.begunNs + loop.k * code[loop.start + 1]!);
          m.iteration();
          if (--loop.left > 0) pc = a;
          else { loops.pop(); pc += 2; }
          break;
        }
        case Op.WAIT_LEVEL:
          m.snapshot('wait-level');
          pc = m.timesOut(code[pc + 5]! >= 0) ? code[pc + 5]! : pc + 6;
          break;
        case Op.JUMP: pc = a; break;
        case Op.LOG: m.message(`log ${p.strings[a]}`); pc += 2; break;
        case Op.MARK: m.message(`mark ${p.strings[a]}`); pc += 2; break;
        default: throw new Error(`unknown op ${op} at ${pc}`);
      }
    }
  };
  playBoth(m, () => play(0), () => play(p.exitEntry));
  return { events: m.events };
}

/** Runs main then exit, each until its end or its event budget, snapshotting after each. */
function playBoth(m: PinModel, main: () => void, exit: () => void): void {
  for (const [part, at] of [[main, 'end'], [exit, 'exit end']] as const) {
    m.partEvents = 0;
    m.partIterations = 0;
    try {
      part();
      m.snapshot(at);
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
    }
    m.events.push('---');
  }
}

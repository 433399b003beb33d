/**
 * The growing program while the lowering writes it: the flat `code` array, the span of
 * each op, and the string table, with spans and strings deduplicated.
 */
import type { ProgramSpan } from '../../runtime/program/program.js';
import type { Span } from '../language/span.js';

/** The finished tables, ready to go into a Program. */
export interface CodeTables {
  readonly code: Float64Array;
  readonly opSpans: Int32Array;
  readonly spans: readonly ProgramSpan[];
  readonly strings: readonly string[];
}

/** An append-only op buffer with forward-jump patching. */
export class CodeBuffer {
  private readonly code: number[] = [];
  private readonly opSpans: number[] = [];
  private readonly spans: ProgramSpan[] = [];
  /** The full source span behind each entry of `spans`, for diagnostics about the finished code. */
  private readonly sourceSpans: Span[] = [];
  /** Span ids by file, then by offsets (`start * 2^26 + end`): no string key per op, which was a third of compile time in garbage. */
  private readonly spanIndex = new Map<string, Map<number, number>>();
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();

  /** The index the next op will start at. */
  get pc(): number {
    return this.code.length;
  }

  /** Appends one op (`opcode` then exactly OP_LENGTH[opcode] - 1 operands) located at `span`; returns the op's pc. */
  emit(span: Span, opcode: number, ...operands: number[]): number {
    const pc = this.code.length;
    this.code.push(opcode, ...operands);
    this.opSpans.push(this.spanId(span));
    for (let i = 0; i < operands.length; i++) this.opSpans.push(-1);
    return pc;
  }

  /** Overwrites operand `operand` (1 = the first after the opcode) of the op at `pc`: fills in forward jumps. */
  patch(pc: number, operand: number, value: number): void {
    this.code[pc + operand] = value;
  }

  /** The index of `text` in the string table, adding it the first time. */
  stringId(text: string): number {
    let id = this.stringIndex.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.stringIndex.set(text, id);
    }
    return id;
  }

  /** The source span of the op starting at `pc`, if there is one. */
  sourceSpanAt(pc: number): Span | undefined {
    return this.sourceSpans[this.opSpans[pc] ?? -1];
  }

  /** Copies the buffers into the typed arrays a Program holds. */
  finish(): CodeTables {
    return {
      code: Float64Array.from(this.code),
      opSpans: Int32Array.from(this.opSpans),
      spans: [...this.spans],
      strings: [...this.strings],
    };
  }

  private spanId(span: Span): number {
    let inFile = this.spanIndex.get(span.file);
    if (inFile === undefined) this.spanIndex.set(span.file, (inFile = new Map()));
    // Offsets fit 26 bits for any file under 64 MiB; beyond that, one slot per span is still correct.
    const key = span.end < 0x4000000 ? span.start * 0x4000000 + span.end : -1 - this.spans.length;
    let id = inFile.get(key);
    if (id === undefined) {
      id = this.spans.length;
      this.spans.push({ file: span.file, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn });
      this.sourceSpans.push(span);
      inFile.set(key, id);
    }
    return id;
  }
}

/**
 * The abstract syntax tree of a `.gpio` script: what the parser produces and the
 * checker and compiler consume. Every node carries the {@link Span} of the text it came
 * from. Nodes are plain, readonly data, discriminated by `kind`.
 *
 * A parse with syntax errors still yields a tree (Chevrotain recovers); nodes the
 * parser could not complete are left out rather than filled with made-up values.
 */
import type { Span } from './span.js';

/** A name as written, with where it was written. */
export interface Identifier {
  readonly name: string;
  readonly span: Span;
}

// ---------------------------------------------------------------- expressions

/** An integer literal: `42`, `0x2A`, `0b101010`, `1_000`. */
export interface IntLiteral {
  readonly kind: 'Int';
  readonly value: number;
  readonly span: Span;
}

/** A decimal without a unit, `1.5`: only meaningful multiplied into a duration. */
export interface DecimalLiteral {
  readonly kind: 'Decimal';
  readonly value: number;
  readonly span: Span;
}

/** The units a duration may be written in. */
export type DurationUnit = 'ns' | 'us' | 'ms' | 's' | 'min';

/** A duration literal: `250ms`, `1.5ms`, `20us`, `104167ns`. `ns` is the value in nanoseconds. */
export interface DurationLiteral {
  readonly kind: 'Duration';
  readonly ns: number;
  readonly unit: DurationUnit;
  readonly span: Span;
}

/**
 * A pin written by name: `GPIO17` (scheme `gpio`), `BOARD11` or `J8:11` (scheme `header`,
 * physical pin of the 40-pin header). A bare integer is an {@link IntLiteral}.
 */
export interface PinLiteral {
  readonly kind: 'Pin';
  readonly scheme: 'gpio' | 'header';
  readonly number: number;
  readonly span: Span;
}

/** A string literal with escapes already decoded. */
export interface StringLiteral {
  readonly kind: 'String';
  readonly value: string;
  readonly span: Span;
}

/** A reference to a pin alias, const, param, def parameter or loop variable. */
export interface NameRef {
  readonly kind: 'Name';
  readonly name: string;
  readonly span: Span;
}

/** `-x` or `~x`. */
export interface UnaryExpr {
  readonly kind: 'Unary';
  readonly op: '-' | '~';
  readonly operand: Expr;
  readonly span: Span;
}

/** The binary operators, lowest precedence first: `|`, `^`, `&`, `+ -`, `* / %`. */
export type BinaryOp = '|' | '^' | '&' | '+' | '-' | '*' | '/' | '%';

/** `a OP b`. */
export interface BinaryExpr {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `a..b`, inclusive, either direction: a pin range, or an integer range in `for`. */
export interface RangeExpr {
  readonly kind: 'Range';
  readonly from: Expr;
  readonly to: Expr;
  readonly span: Span;
}

/** A built-in function call inside an expression, `bit(x, i)`. */
export interface CallExpr {
  readonly kind: 'Call';
  readonly callee: Identifier;
  readonly args: readonly Expr[];
  readonly span: Span;
}

/** Any expression. Pin lists are comma lists of expressions (`7..11, GPIO20, bar`). */
export type Expr =
  | IntLiteral
  | DecimalLiteral
  | DurationLiteral
  | PinLiteral
  | StringLiteral
  | NameRef
  | UnaryExpr
  | BinaryExpr
  | RangeExpr
  | CallExpr;

// ---------------------------------------------------------------- statements

/** `< statement* >`. */
export interface Block {
  readonly kind: 'Block';
  readonly statements: readonly Statement[];
  readonly span: Span;
}

/** `pin NAME = PINS` (also `pins`): an alias for an ordered pin list. */
export interface PinDecl {
  readonly kind: 'PinDecl';
  readonly name: Identifier;
  readonly pins: readonly Expr[];
  readonly span: Span;
}

/** `const NAME = EXPR` (or a comma list, which makes a pin list). */
export interface ConstDecl {
  readonly kind: 'ConstDecl';
  readonly name: Identifier;
  readonly value: readonly Expr[];
  readonly span: Span;
}

/** `param NAME = EXPR`: a const the caller may override; its type is the default's. */
export interface ParamDecl {
  readonly kind: 'ParamDecl';
  readonly name: Identifier;
  readonly value: readonly Expr[];
  readonly span: Span;
}

/** `def NAME(A, B) BLOCK`: a named sequence expanded at compile time. */
export interface DefDecl {
  readonly kind: 'DefDecl';
  readonly name: Identifier;
  readonly params: readonly Identifier[];
  readonly body: Block;
  readonly span: Span;
}

/** `NAME(x, y)` as a statement: expands a def. */
export interface CallStmt {
  readonly kind: 'CallStmt';
  readonly callee: Identifier;
  readonly args: readonly Expr[];
  readonly span: Span;
}

/** `import "path.gpio"`: definitions from another file, relative to this one. */
export interface ImportStmt {
  readonly kind: 'Import';
  readonly path: StringLiteral;
  readonly span: Span;
}

/** `chip NAME`: the register map to compile for. */
export interface ChipStmt {
  readonly kind: 'Chip';
  readonly name: Identifier;
  readonly span: Span;
}

/** `allow PINS`: the only pins this script may touch. */
export interface AllowStmt {
  readonly kind: 'Allow';
  readonly pins: readonly Expr[];
  readonly span: Span;
}

/** Pull resistor setting for `in PINS pull …`. */
export type Pull = 'up' | 'down' | 'none';

/** `out PINS`, `in PINS [pull up|down|none]`, `alt N PINS`: function select. */
export interface ModeStmt {
  readonly kind: 'Mode';
  readonly mode: 'out' | 'in' | 'alt';
  readonly pins: readonly Expr[];
  /** Only for `in`. */
  readonly pull?: Pull | undefined;
  /** Only for `alt`: the alternate function number. */
  readonly alt?: Expr | undefined;
  readonly span: Span;
}

/** `set PINS`, `clear PINS`, `toggle PINS`. */
export interface DriveStmt {
  readonly kind: 'Drive';
  readonly action: 'set' | 'clear' | 'toggle';
  readonly pins: readonly Expr[];
  readonly span: Span;
}

/** `write PINS = EXPR`: bit 0 of the value goes to the first pin. */
export interface WriteStmt {
  readonly kind: 'Write';
  readonly pins: readonly Expr[];
  readonly value: Expr;
  readonly span: Span;
}

/** `wait DURATION`: moves the schedule cursor. */
export interface WaitStmt {
  readonly kind: 'Wait';
  readonly duration: Expr;
  readonly span: Span;
}

/** `wait until PIN high|low [timeout DURATION] [else BLOCK]`. */
export interface WaitUntilStmt {
  readonly kind: 'WaitUntil';
  readonly pins: readonly Expr[];
  readonly level: 'high' | 'low';
  readonly timeout?: Expr | undefined;
  readonly orElse?: Block | undefined;
  readonly span: Span;
}

/** `repeat EXPR BLOCK`, or `repeat EXPR every DURATION BLOCK` when `every` is present. */
export interface RepeatStmt {
  readonly kind: 'Repeat';
  readonly count: Expr;
  readonly every?: Expr | undefined;
  readonly body: Block;
  readonly span: Span;
}

/** `forever BLOCK`. */
export interface ForeverStmt {
  readonly kind: 'Forever';
  readonly body: Block;
  readonly span: Span;
}

/** `every DURATION BLOCK`: a periodic loop that runs forever. */
export interface EveryStmt {
  readonly kind: 'Every';
  readonly period: Expr;
  readonly body: Block;
  readonly span: Span;
}

/** `for NAME in PINS BLOCK` / `for NAME in A..B BLOCK`: unrolled at compile time. */
export interface ForStmt {
  readonly kind: 'For';
  readonly variable: Identifier;
  readonly items: readonly Expr[];
  readonly body: Block;
  readonly span: Span;
}

/** `log "text"` (a line on the runner's output) or `mark "text"` (an event and a trace marker). */
export interface MessageStmt {
  readonly kind: 'Log' | 'Mark';
  readonly text: StringLiteral;
  readonly span: Span;
}

/** `on exit BLOCK`: cleanup that runs exactly once however the run ends. */
export interface OnExitStmt {
  readonly kind: 'OnExit';
  readonly body: Block;
  readonly span: Span;
}

/** Any statement. */
export type Statement =
  | PinDecl
  | ConstDecl
  | ParamDecl
  | DefDecl
  | CallStmt
  | ImportStmt
  | ChipStmt
  | AllowStmt
  | ModeStmt
  | DriveStmt
  | WriteStmt
  | WaitStmt
  | WaitUntilStmt
  | RepeatStmt
  | ForeverStmt
  | EveryStmt
  | ForStmt
  | MessageStmt
  | OnExitStmt;

/** One parsed file. */
export interface Script {
  readonly kind: 'Script';
  readonly file: string;
  readonly statements: readonly Statement[];
  readonly span: Span;
}

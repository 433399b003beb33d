/**
 * What a name in a script can refer to. Name resolution maps every reference to one of
 * these; the elaborator binds each to a value (once for a global, per expansion or per
 * iteration for def arguments, loop variables and block-local consts).
 */
import type { ConstDecl, DefDecl, ForStmt, Identifier, ParamDecl, PinDecl } from '../language/ast.js';

/** A `pin`/`pins` alias. */
export interface PinDeclaration {
  readonly kind: 'pin';
  readonly node: PinDecl;
  readonly name: Identifier;
}

/** A `const`. */
export interface ConstDeclaration {
  readonly kind: 'const';
  readonly node: ConstDecl;
  readonly name: Identifier;
}

/** A `param`. */
export interface ParamDeclaration {
  readonly kind: 'param';
  readonly node: ParamDecl;
  readonly name: Identifier;
}

/** A `def`. */
export interface DefDeclaration {
  readonly kind: 'def';
  readonly node: DefDecl;
  readonly name: Identifier;
}

/** A parameter of a def, bound at each call. */
export interface ArgumentDeclaration {
  readonly kind: 'argument';
  readonly def: DefDecl;
  readonly index: number;
  readonly name: Identifier;
}

/** The variable of a `for` loop, bound at each iteration. */
export interface LoopVariableDeclaration {
  readonly kind: 'loopVariable';
  readonly node: ForStmt;
  readonly name: Identifier;
}

/** Anything a name can be declared as. */
export type Declaration =
  | PinDeclaration
  | ConstDeclaration
  | ParamDeclaration
  | DefDeclaration
  | ArgumentDeclaration
  | LoopVariableDeclaration;

/** The AST node that introduces a declaration: the statement, the `for`, or a def's parameter name. */
export type DeclaringNode = PinDecl | ConstDecl | ParamDecl | DefDecl | ForStmt | Identifier;

const LABELS: Readonly<Record<Declaration['kind'], string>> = {
  pin: 'pin alias',
  const: 'const',
  param: 'param',
  def: 'def',
  argument: 'def parameter',
  loopVariable: 'loop variable',
};

/** What kind of thing a declaration is, in words: `pin alias`, `loop variable`. */
export function declarationLabel(declaration: Declaration): string {
  return LABELS[declaration.kind];
}

/** How a declaration is described in messages: `pin alias "bar"`, `def "chase"`. */
export function describeDeclaration(declaration: Declaration): string {
  return `${declarationLabel(declaration)} "${declaration.name.name}"`;
}

/**
 * Name resolution: decides, once and statically, what every name in the program refers
 * to. The name rules report from its findings and the elaborator binds values through
 * its map, so scoping is defined in exactly one place.
 *
 * Scoping (documented in the README):
 * - pin aliases, consts and params must be defined above their first use (an import
 *   counts as defining its file's names at the `import` line);
 * - defs are global and may be called before the line that defines them;
 * - a def body sees the globals defined above the def, its parameters and its own locals;
 * - a `for` variable, and a pin or const declared inside a block, are visible from their
 *   declaration to the end of that block; an inner name may shadow an outer one, but two
 *   declarations of one name in the same scope are duplicates.
 */
import type { Block, CallExpr, CallStmt, DefDecl, Expr, NameRef, Statement } from '../language/ast.js';
import type { Span } from '../language/span.js';
import { exprChildren, statementParts } from './astChildren.js';
import type { DeclaringNode, Declaration, DefDeclaration } from './declaration.js';
import { type ScriptSources, topLevelInOrder } from './scriptSources.js';

/** The built-in functions usable in expressions; their names cannot be declared. */
export const BUILTIN_FUNCTIONS: ReadonlyMap<string, { readonly arity: number; readonly signature: string }> = new Map([
  ['bit', { arity: 2, signature: 'bit(x, i)' }],
]);

/** A name that resolved to nothing. */
export interface UnresolvedName {
  readonly ref: NameRef | CallStmt | CallExpr;
  readonly name: string;
  readonly span: Span;
  /** A global of that name defined further down, when the use comes before the definition. */
  readonly laterDefinition?: Declaration | undefined;
}

/** A declaration of a name that its scope already had. */
export interface DuplicateName {
  readonly declaration: Declaration;
  readonly previous: Declaration;
}

/** Everything name resolution found out about a program. */
export interface NameResolution {
  /** What each name reference, def call and function call resolved to (absent when unresolved or built in). */
  readonly targets: ReadonlyMap<NameRef | CallStmt | CallExpr, Declaration>;
  /** The declaration each declaring node introduces. */
  readonly declarations: ReadonlyMap<DeclaringNode, Declaration>;
  /** Every top-level def by name (the first, when a name is defined twice). */
  readonly defs: ReadonlyMap<string, DefDeclaration>;
  /** The def calls written in each def's body, for the recursion rule. */
  readonly callsFrom: ReadonlyMap<DefDecl, readonly CallStmt[]>;
  readonly unresolved: readonly UnresolvedName[];
  readonly duplicates: readonly DuplicateName[];
  /** Declarations whose name is a built-in function's. */
  readonly reserved: readonly Declaration[];
  /** Declarations referred to at least once. */
  readonly used: ReadonlySet<Declaration>;
}

class Scope {
  readonly names = new Map<string, Declaration>();
  constructor(readonly parent: Scope | undefined) {}
}

/** Resolves every name in the main script and its modules. */
export function resolveNames(sources: ScriptSources): NameResolution {
  return new Resolver().run(sources);
}

class Resolver {
  private readonly targets = new Map<NameRef | CallStmt | CallExpr, Declaration>();
  private readonly declarations = new Map<DeclaringNode, Declaration>();
  private readonly defs = new Map<string, DefDeclaration>();
  private readonly callsFrom = new Map<DefDecl, CallStmt[]>();
  private readonly unresolved: UnresolvedName[] = [];
  private readonly duplicates: DuplicateName[] = [];
  private readonly reserved: Declaration[] = [];
  private readonly used = new Set<Declaration>();
  /** The first global declaration of each name, in program order. */
  private readonly firstGlobal = new Map<string, Declaration>();
  private readonly global = new Scope(undefined);
  private currentDef: DefDecl | undefined;

  run(sources: ScriptSources): NameResolution {
    const order = topLevelInOrder(sources);
    for (const { statement } of order) {
      const declaration = this.declarationOf(statement);
      if (!declaration) continue;
      const previous = this.firstGlobal.get(declaration.name.name);
      if (previous) this.duplicates.push({ declaration, previous });
      else this.firstGlobal.set(declaration.name.name, declaration);
      this.checkReserved(declaration);
      // Defs exist from the start: they may be called above the line defining them.
      if (!previous && declaration.kind === 'def') {
        this.global.names.set(declaration.name.name, declaration);
        this.defs.set(declaration.name.name, declaration);
      }
    }
    for (const { statement } of order) this.statement(statement, this.global);
    const { targets, declarations, defs, callsFrom, unresolved, duplicates, reserved, used } = this;
    return { targets, declarations, defs, callsFrom, unresolved, duplicates, reserved, used };
  }

  /** The declaration a statement introduces, created once per node. */
  private declarationOf(statement: Statement): Declaration | undefined {
    const known = this.declarations.get(statement as DeclaringNode);
    if (known) return known;
    let declaration: Declaration;
    switch (statement.kind) {
      case 'PinDecl':
        declaration = { kind: 'pin', node: statement, name: statement.name };
        break;
      case 'ConstDecl':
        declaration = { kind: 'const', node: statement, name: statement.name };
        break;
      case 'ParamDecl':
        declaration = { kind: 'param', node: statement, name: statement.name };
        break;
      case 'DefDecl':
        declaration = { kind: 'def', node: statement, name: statement.name };
        break;
      default:
        return undefined;
    }
    this.declarations.set(statement, declaration);
    return declaration;
  }

  private checkReserved(declaration: Declaration): void {
    if (BUILTIN_FUNCTIONS.has(declaration.name.name)) this.reserved.push(declaration);
  }

  /** Makes `declaration` visible in `scope` from here on. */
  private declare(scope: Scope, declaration: Declaration): void {
    if (scope === this.global) {
      // Global duplicates were found in program order by run(); only the first one binds.
      if (this.firstGlobal.get(declaration.name.name) === declaration) scope.names.set(declaration.name.name, declaration);
      return;
    }
    this.checkReserved(declaration);
    const previous = scope.names.get(declaration.name.name);
    if (previous) this.duplicates.push({ declaration, previous });
    else scope.names.set(declaration.name.name, declaration);
  }

  private statement(statement: Statement, scope: Scope): void {
    switch (statement.kind) {
      case 'PinDecl':
      case 'ConstDecl':
      case 'ParamDecl': {
        for (const expr of statementParts(statement).exprs) this.expr(expr, scope);
        // Declared after its value is resolved, so `const a = a` is an unknown name.
        this.declare(scope, this.declarationOf(statement)!);
        return;
      }
      case 'DefDecl':
        this.defBody(statement);
        return;
      case 'CallStmt':
        this.call(statement, scope);
        return;
      case 'For': {
        for (const expr of statement.items) this.expr(expr, scope);
        const body = new Scope(scope);
        const variable: Declaration = { kind: 'loopVariable', node: statement, name: statement.variable };
        this.declarations.set(statement, variable);
        this.declare(body, variable);
        this.statements(statement.body.statements, body);
        return;
      }
      default: {
        const parts = statementParts(statement);
        for (const expr of parts.exprs) this.expr(expr, scope);
        for (const block of parts.blocks) this.block(block, scope);
      }
    }
  }

  private statements(statements: readonly Statement[], scope: Scope): void {
    for (const statement of statements) this.statement(statement, scope);
  }

  private block(block: Block, parent: Scope): void {
    this.statements(block.statements, new Scope(parent));
  }

  /** A def body sees the globals visible at the def, its parameters and its own locals. */
  private defBody(def: DefDecl): void {
    const scope = new Scope(this.global);
    def.params.forEach((name, index) => {
      const argument: Declaration = { kind: 'argument', def, index, name };
      this.declarations.set(name, argument);
      this.declare(scope, argument);
    });
    const outer = this.currentDef;
    this.currentDef = def;
    this.callsFrom.set(def, []);
    this.statements(def.body.statements, scope);
    this.currentDef = outer;
  }

  private call(call: CallStmt, scope: Scope): void {
    const target = this.lookup(call, call.callee.name, call.callee.span, scope);
    if (target?.kind === 'def' && this.currentDef) this.callsFrom.get(this.currentDef)?.push(call);
    for (const arg of call.args) this.expr(arg, scope);
  }

  private expr(expr: Expr, scope: Scope): void {
    if (expr.kind === 'Name') this.lookup(expr, expr.name, expr.span, scope);
    else if (expr.kind === 'Call' && !BUILTIN_FUNCTIONS.has(expr.callee.name)) this.lookup(expr, expr.callee.name, expr.callee.span, scope);
    for (const child of exprChildren(expr)) this.expr(child, scope);
  }

  private lookup(ref: NameRef | CallStmt | CallExpr, name: string, span: Span, scope: Scope): Declaration | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const found = s.names.get(name);
      if (found) {
        this.targets.set(ref, found);
        this.used.add(found);
        return found;
      }
    }
    this.unresolved.push({ ref, name, span, laterDefinition: this.firstGlobal.get(name) });
    return undefined;
  }
}

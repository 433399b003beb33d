/**
 * Calls match what they call
 *
 * A script is only valid if every statement call `NAME(…)` names a def and passes as
 * many arguments as the def has parameters, and every call inside an expression names
 * a built-in function with its number of arguments.
 */
import { error } from '../../diagnostics/diagnostic.js';
import type { CallExpr, CallStmt } from '../../language/ast.js';
import { forEachExpr, forEachStatement, statementParts } from '../astChildren.js';
import { declarationLabel } from '../declaration.js';
import { BUILTIN_FUNCTIONS } from '../resolveNames.js';
import type { SourceRuleContext } from '../rule.js';
import { allScripts } from '../scriptSources.js';

/** Reports E_NOT_CALLABLE and E_ARGUMENT_COUNT. */
export function callArgumentsRule({ sources, resolution, report }: SourceRuleContext): void {
  for (const script of allScripts(sources)) {
    forEachStatement(script.statements, (statement) => {
      if (statement.kind === 'CallStmt') checkStatementCall(statement);
      for (const expr of statementParts(statement).exprs) {
        forEachExpr(expr, (inner) => {
          if (inner.kind === 'Call') checkExpressionCall(inner);
        });
      }
    });
  }

  function checkStatementCall(call: CallStmt): void {
    const name = call.callee.name;
    const target = resolution.targets.get(call);
    if (!target) {
      const builtin = BUILTIN_FUNCTIONS.get(name);
      if (builtin) {
        report(error('E_NOT_CALLABLE', call.callee.span, `"${name}" is a built-in function: it gives a value and cannot be used as a statement.`,
          `Use it inside an expression, as in "write tx = ${builtin.signature}".`));
      }
      return;
    }
    if (target.kind !== 'def') {
      report(error('E_NOT_CALLABLE', call.callee.span, `"${name}" is a ${declarationLabel(target)}, not a def, so it cannot be called.`));
      return;
    }
    const expected = target.node.params.length;
    if (call.args.length !== expected) {
      report(error('E_ARGUMENT_COUNT', call.span, `"${name}" takes ${count(expected, 'argument')} but is given ${call.args.length}.`,
        `It is defined as ${name}(${target.node.params.map((p) => p.name).join(', ')}) on line ${target.name.span.line}.`));
    }
  }

  function checkExpressionCall(call: CallExpr): void {
    const name = call.callee.name;
    const builtin = BUILTIN_FUNCTIONS.get(name);
    if (builtin) {
      if (call.args.length !== builtin.arity) {
        report(error('E_ARGUMENT_COUNT', call.span, `"${name}" takes ${count(builtin.arity, 'argument')} but is given ${call.args.length}.`, `Write it as ${builtin.signature}.`));
      }
      return;
    }
    const target = resolution.targets.get(call);
    if (target?.kind === 'def') {
      report(error('E_NOT_CALLABLE', call.callee.span, `"${name}" is a def: it is a sequence of steps, not a value, so it can only be called as a statement.`));
    } else if (target) {
      report(error('E_NOT_CALLABLE', call.callee.span, `"${name}" is a ${declarationLabel(target)}, not a function, so it cannot be called.`));
    }
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

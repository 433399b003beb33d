/**
 * CST → AST: turns the parser's concrete syntax tree (typed by `grammar/cst.d.ts`) into
 * the AST of `ast.ts`, with a span on every node built from token positions.
 *
 * Error recovery leaves holes: a CST node may be marked recovered and miss children, and
 * a token inserted by recovery has no text. A statement or expression with a hole is left
 * out of the AST (the parser has already reported why); nothing is filled in with a
 * made-up value. Blocks keep the statements that did parse. This is also where literals
 * are decoded (E_NUMBER, E_STRING).
 */
import type { CstNode, IToken } from 'chevrotain';
import type {
  AllowStmtCstNode, AltStmtCstNode, BlockCstNode, CallStmtCstNode, ChipStmtCstNode, ConstDeclCstNode, DefDeclCstNode,
  DriveStmtCstNode, EveryStmtCstNode, ForeverStmtCstNode, ForStmtCstNode, ImportStmtCstNode, InStmtCstNode,
  MessageStmtCstNode, OnExitStmtCstNode, OutStmtCstNode, ParamDeclCstNode, PinDeclCstNode, RepeatStmtCstNode,
  ScriptCstNode, StatementCstChildren, StatementCstNode, WaitStmtCstNode, WriteStmtCstNode,
} from '../../grammar/cst.js';
import type { Block, Expr, Identifier, Pull, Script, Statement } from './ast.js';
import {
  type BuildContext, buildArguments, buildExpression, buildPinList, buildOperand, buildString, identifierOf,
} from './expressionToAst.js';
import { checkExpressionDepth } from './nesting.js';
import type { Span } from './span.js';
import { first, realToken, spanFromTo, tokenSpan } from './tokenSpans.js';

/** What the statement builders share (the same as the expression builders'). */
type StatementContext = BuildContext;

/**
 * Builds the AST of one file from its CST. `scriptSpan` covers the whole text.
 * Literal and nesting problems are appended to `cx.diagnostics`.
 */
export function cstToAst(cst: ScriptCstNode, cx: BuildContext, scriptSpan: Span): Script {
  return { kind: 'Script', file: cx.file, statements: buildStatements(cx, cst.children.statement), span: scriptSpan };
}

function buildStatements(sx: StatementContext, nodes: readonly StatementCstNode[] | undefined): Statement[] {
  const statements: Statement[] = [];
  for (const node of nodes ?? []) {
    const statement = buildStatement(sx, node);
    if (statement) statements.push(statement);
  }
  return statements;
}

/** `block := '<' statements '>'`; a block whose `>` is missing ends at its last statement. */
function buildBlock(sx: StatementContext, node: BlockCstNode | undefined): Block | undefined {
  const open = realToken(first(node?.children.LAngle));
  if (!node || !open) return undefined;
  const statements = buildStatements(sx, node.children.statement);
  const close = realToken(first(node.children.RAngle));
  const openSpan = tokenSpan(sx.file, open);
  const end = close ? tokenSpan(sx.file, close) : (statements.at(-1)?.span ?? openSpan);
  return { kind: 'Block', statements, span: spanFromTo(openSpan, end) };
}

type Builder<N> = (sx: StatementContext, node: N) => Statement | undefined;
type BuilderTable = { [K in keyof StatementCstChildren]-?: Builder<NonNullable<StatementCstChildren[K]>[number]> };

/** One builder per statement rule; the `statement` CST node holds exactly one of these keys. */
const builders: BuilderTable = {
  pinDecl: buildPinDecl,
  constDecl: (sx, n) => buildValueDecl(sx, n, 'ConstDecl'),
  paramDecl: (sx, n) => buildValueDecl(sx, n, 'ParamDecl'),
  defDecl: buildDefDecl,
  importStmt: buildImport,
  chipStmt: buildChip,
  allowStmt: buildAllow,
  outStmt: buildOut,
  inStmt: buildIn,
  altStmt: buildAlt,
  driveStmt: buildDrive,
  writeStmt: buildWrite,
  waitStmt: buildWait,
  repeatStmt: buildRepeat,
  foreverStmt: buildForever,
  everyStmt: buildEvery,
  forStmt: buildFor,
  messageStmt: buildMessage,
  onExitStmt: buildOnExit,
  callStmt: buildCall,
};

function buildStatement(sx: StatementContext, node: StatementCstNode): Statement | undefined {
  if (node.recoveredNode) return undefined;
  // The node has exactly one key, the statement's rule; `for…in` finds it without allocating.
  for (const name in node.children) {
    const key = name as keyof StatementCstChildren;
    const child = (node.children[key] as readonly CstNode[] | undefined)?.[0];
    if (!child || child.recoveredNode) return undefined;
    const statement = (builders[key] as Builder<CstNode>)(sx, child);
    return statement && checkExpressionDepth(sx, statement) ? statement : undefined;
  }
  return undefined;
}

/** The span from a statement's first token to the end of its last part. */
function statementSpan(sx: StatementContext, firstToken: IToken, last: Span | undefined): Span {
  const start = tokenSpan(sx.file, firstToken);
  return last ? spanFromTo(start, last) : start;
}

function lastSpan(list: readonly Expr[]): Span | undefined {
  return list.at(-1)?.span;
}

function buildPinDecl(sx: StatementContext, node: PinDeclCstNode): Statement | undefined {
  const c = node.children;
  const keyword = realToken(first(c.Pin) ?? first(c.Pins));
  const name = identifierOf(sx, first(c.Name));
  const pins = buildPinList(sx, first(c.pinList));
  if (!keyword || !name || !pins) return undefined;
  return { kind: 'PinDecl', name, pins, span: statementSpan(sx, keyword, lastSpan(pins)) };
}

function buildValueDecl(sx: StatementContext, node: ConstDeclCstNode | ParamDeclCstNode, kind: 'ConstDecl' | 'ParamDecl'): Statement | undefined {
  const c = node.children;
  const keyword = realToken('Const' in c ? first(c.Const) : first(c.Param));
  const name = identifierOf(sx, first(c.Name));
  const value = buildPinList(sx, first(c.pinList));
  if (!keyword || !name || !value) return undefined;
  return { kind, name, value, span: statementSpan(sx, keyword, lastSpan(value)) };
}

function buildDefDecl(sx: StatementContext, node: DefDeclCstNode): Statement | undefined {
  const c = node.children;
  const keyword = realToken(first(c.Def));
  const name = identifierOf(sx, first(c.name));
  const params: Identifier[] = [];
  for (const token of c.parameter ?? []) {
    const param = identifierOf(sx, token);
    if (!param) return undefined;
    params.push(param);
  }
  const body = buildBlock(sx, first(c.block));
  if (!keyword || !name || !body) return undefined;
  return { kind: 'DefDecl', name, params, body, span: statementSpan(sx, keyword, body.span) };
}

function buildCall(sx: StatementContext, node: CallStmtCstNode): Statement | undefined {
  const c = node.children;
  const callee = identifierOf(sx, first(c.Identifier));
  const args = buildArguments(sx, first(c.argumentList));
  if (!callee || !args) return undefined;
  const close = realToken(first(c.RParen));
  const end = close ? tokenSpan(sx.file, close) : (lastSpan(args) ?? callee.span);
  return { kind: 'CallStmt', callee, args, span: spanFromTo(callee.span, end) };
}

function buildImport(sx: StatementContext, node: ImportStmtCstNode): Statement | undefined {
  const keyword = realToken(first(node.children.Import));
  const path = buildString(sx, first(node.children.StringLiteral));
  if (!keyword || !path) return undefined;
  // An import inside a block stays in the tree: the loader only follows top-level ones,
  // and the checker reports the misplaced one (E_TOP_LEVEL) with the other top-level-only statements.
  return { kind: 'Import', path, span: statementSpan(sx, keyword, path.span) };
}

function buildChip(sx: StatementContext, node: ChipStmtCstNode): Statement | undefined {
  const keyword = realToken(first(node.children.Chip));
  const name = identifierOf(sx, first(node.children.Name));
  if (!keyword || !name) return undefined;
  return { kind: 'Chip', name, span: statementSpan(sx, keyword, name.span) };
}

function buildAllow(sx: StatementContext, node: AllowStmtCstNode): Statement | undefined {
  const keyword = realToken(first(node.children.Allow));
  const pins = buildPinList(sx, first(node.children.pinList));
  if (!keyword || !pins) return undefined;
  return { kind: 'Allow', pins, span: statementSpan(sx, keyword, lastSpan(pins)) };
}

function buildOut(sx: StatementContext, node: OutStmtCstNode): Statement | undefined {
  const keyword = realToken(first(node.children.Out));
  const pins = buildPinList(sx, first(node.children.pinList));
  if (!keyword || !pins) return undefined;
  return { kind: 'Mode', mode: 'out', pins, span: statementSpan(sx, keyword, lastSpan(pins)) };
}

function buildIn(sx: StatementContext, node: InStmtCstNode): Statement | undefined {
  const c = node.children;
  const keyword = realToken(first(c.In));
  const pins = buildPinList(sx, first(c.pinList));
  if (!keyword || !pins) return undefined;
  if (!c.Pull) return { kind: 'Mode', mode: 'in', pins, span: statementSpan(sx, keyword, lastSpan(pins)) };
  const bias = realToken(first(c.bias));
  if (!bias) return undefined;
  const pull = bias.image as Pull;
  return { kind: 'Mode', mode: 'in', pins, pull, span: statementSpan(sx, keyword, tokenSpan(sx.file, bias)) };
}

function buildAlt(sx: StatementContext, node: AltStmtCstNode): Statement | undefined {
  const c = node.children;
  const keyword = realToken(first(c.Alt));
  const alt = buildOperand(sx, first(c.function));
  const pins = buildPinList(sx, first(c.pinList));
  if (!keyword || !alt || !pins) return undefined;
  return { kind: 'Mode', mode: 'alt', alt, pins, span: statementSpan(sx, keyword, lastSpan(pins)) };
}

function buildDrive(sx: StatementContext, node: DriveStmtCstNode): Statement | undefined {
  const action = realToken(first(node.children.action));
  const pins = buildPinList(sx, first(node.children.pinList));
  if (!action || !pins) return undefined;
  const kind = action.image as 'set' | 'clear' | 'toggle';
  return { kind: 'Drive', action: kind, pins, span: statementSpan(sx, action, lastSpan(pins)) };
}

function buildWrite(sx: StatementContext, node: WriteStmtCstNode): Statement | undefined {
  const c = node.children;
  const keyword = realToken(first(c.Write));
  const pins = buildPinList(sx, first(c.pinList));
  const value = buildExpression(sx, first(c.expression));
  if (!keyword || !pins || !value) return undefined;
  return { kind: 'Write', pins, value, span: statementSpan(sx, keyword, value.span) };
}

function buildWait(sx: StatementContext, node: WaitStmtCstNode): Statement | undefined {
  const c = node.children;
  const keyword = realToken(first(c.Wait));
  if (!keyword) return undefined;
  if (!c.Until) {
    const duration = buildExpression(sx, first(c.duration));
    return duration && { kind: 'Wait', duration, span: statementSpan(sx, keyword, duration.span) };
  }
  const pins = buildPinList(sx, first(c.pinList));
  const level = realToken(first(c.level));
  if (!pins || !level) return undefined;
  const timeout = c.Timeout ? buildExpression(sx, first(c.timeout)) : undefined;
  const orElse = c.Else ? buildBlock(sx, first(c.block)) : undefined;
  if ((c.Timeout && !timeout) || (c.Else && !orElse)) return undefined;
  const last = orElse?.span ?? timeout?.span ?? tokenSpan(sx.file, level);
  const levelValue = level.image as 'high' | 'low';
  return { kind: 'WaitUntil', pins, level: levelValue, timeout, orElse, span: statementSpan(sx, keyword, last) };
}

function buildRepeat(sx: StatementContext, node: RepeatStmtCstNode): Statement | undefined {
  const c = node.children;
  const keyword = realToken(first(c.Repeat));
  const count = buildExpression(sx, first(c.count));
  const every = c.Every ? buildExpression(sx, first(c.period)) : undefined;
  const body = buildBlock(sx, first(c.block));
  if (!keyword || !count || !body || (c.Every && !every)) return undefined;
  return { kind: 'Repeat', count, every, body, span: statementSpan(sx, keyword, body.span) };
}

function buildForever(sx: StatementContext, node: ForeverStmtCstNode): Statement | undefined {
  const keyword = realToken(first(node.children.Forever));
  const body = buildBlock(sx, first(node.children.block));
  if (!keyword || !body) return undefined;
  return { kind: 'Forever', body, span: statementSpan(sx, keyword, body.span) };
}

function buildEvery(sx: StatementContext, node: EveryStmtCstNode): Statement | undefined {
  const keyword = realToken(first(node.children.Every));
  const period = buildExpression(sx, first(node.children.expression));
  const body = buildBlock(sx, first(node.children.block));
  if (!keyword || !period || !body) return undefined;
  return { kind: 'Every', period, body, span: statementSpan(sx, keyword, body.span) };
}

function buildFor(sx: StatementContext, node: ForStmtCstNode): Statement | undefined {
  const c = node.children;
  const keyword = realToken(first(c.For));
  const variable = identifierOf(sx, first(c.Name));
  const items = buildPinList(sx, first(c.pinList));
  const body = buildBlock(sx, first(c.block));
  if (!keyword || !variable || !items || !body) return undefined;
  return { kind: 'For', variable, items, body, span: statementSpan(sx, keyword, body.span) };
}

function buildMessage(sx: StatementContext, node: MessageStmtCstNode): Statement | undefined {
  const keyword = realToken(first(node.children.kind));
  const text = buildString(sx, first(node.children.StringLiteral));
  if (!keyword || !text) return undefined;
  return { kind: keyword.image === 'log' ? 'Log' : 'Mark', text, span: statementSpan(sx, keyword, text.span) };
}

function buildOnExit(sx: StatementContext, node: OnExitStmtCstNode): Statement | undefined {
  const keyword = realToken(first(node.children.On));
  const body = buildBlock(sx, first(node.children.block));
  if (!keyword || !body || !realToken(first(node.children.Exit))) return undefined;
  return { kind: 'OnExit', body, span: statementSpan(sx, keyword, body.span) };
}

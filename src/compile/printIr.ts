/**
 * A readable text form of the IR for `pinseq compile --emit ir`: one line per instant,
 * wait, loop and message, indented by loop depth.
 */
import type { IrAction, IrNode, IrScript } from './ir.js';
import { formatDuration } from './formatDuration.js';

/** Renders an elaborated script as indented text. */
export function printIr(ir: IrScript): string {
  const lines: string[] = [`; pinseq IR of ${ir.file}${ir.chip ? ` for chip ${ir.chip.name}` : ''}`];
  if (ir.allow) lines.push(`allow ${ir.allow.join(',')}`);
  for (const [name, value] of Object.entries(ir.params)) {
    const text = value.type === 'int' ? String(value.value) : value.type === 'duration' ? formatDuration(value.ns) : value.pins.join(',');
    lines.push(`param ${name} = ${text}`);
  }
  printNodes(ir.body, 0, lines);
  if (ir.onExit.length > 0) {
    lines.push('on exit');
    printNodes(ir.onExit, 1, lines);
  }
  return lines.join('\n') + '\n';
}

function printNodes(nodes: readonly IrNode[], depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  for (const node of nodes) {
    const at = `  ; ${node.span.line}:${node.span.column}`;
    switch (node.kind) {
      case 'instant':
        lines.push(`${pad}instant ${node.actions.map(printAction).join(', ')}${at}`);
        break;
      case 'wait':
        lines.push(`${pad}wait ${formatDuration(node.ns)}${at}`);
        break;
      case 'loop': {
        const count = node.count === Infinity ? 'forever' : `repeat ${node.count}`;
        const every = node.periodNs === undefined ? '' : ` every ${formatDuration(node.periodNs)}`;
        lines.push(`${pad}${count}${every}${at}`);
        printNodes(node.body, depth + 1, lines);
        break;
      }
      case 'waitLevel': {
        const timeout = node.timeoutNs === undefined ? '' : ` timeout ${formatDuration(node.timeoutNs)}`;
        lines.push(`${pad}wait until ${node.pin} ${node.level ? 'high' : 'low'}${timeout}${at}`);
        if (node.orElse) {
          lines.push(`${pad}else`);
          printNodes(node.orElse, depth + 1, lines);
        }
        break;
      }
      case 'log':
      case 'mark':
        lines.push(`${pad}${node.kind} ${JSON.stringify(node.text)}${at}`);
        break;
    }
  }
}

function printAction(action: IrAction): string {
  if (action.kind === 'drive') {
    return action.level === 'toggle' ? `toggle ${action.pin}` : `${action.level ? 'set' : 'clear'} ${action.pin}`;
  }
  const fn = action.fn === 'alt' ? `alt${action.alt ?? '?'}` : action.fn;
  return `${fn} ${action.pin}${action.pull ? ` pull ${action.pull}` : ''}`;
}

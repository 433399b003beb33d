import test from 'ava';
import { FILE, oneStatement, parseClean, spanText, where, withoutSpans } from './_parseHelpers.js';

const int = (value: number) => ({ kind: 'Int', value });
const name = (n: string) => ({ kind: 'Name', name: n });
const range = (from: number, to: number) => ({ kind: 'Range', from: int(from), to: int(to) });

test('the one-liner, with spans', (t) => {
  const text = 'out 7..11; repeat 5 < set 7..11; wait 250ms; clear 7..11 >';
  const script = parseClean(t, text);
  t.is(script.file, FILE);
  t.deepEqual(withoutSpans(script.statements), [
    { kind: 'Mode', mode: 'out', pins: [range(7, 11)] },
    {
      kind: 'Repeat',
      count: int(5),
      body: {
        kind: 'Block',
        statements: [
          { kind: 'Drive', action: 'set', pins: [range(7, 11)] },
          { kind: 'Wait', duration: { kind: 'Duration', ns: 250_000_000, unit: 'ms' } },
          { kind: 'Drive', action: 'clear', pins: [range(7, 11)] },
        ],
      },
    },
  ]);
  const [out, repeat] = script.statements;
  t.is(where(out!.span), '1:1-1:10');
  t.is(spanText(text, out!.span), 'out 7..11');
  t.is(where(repeat!.span), '1:12-1:59');
  if (repeat?.kind !== 'Repeat') return t.fail();
  t.is(spanText(text, repeat.body.span), '< set 7..11; wait 250ms; clear 7..11 >');
  t.is(spanText(text, repeat.body.statements[1]!.span), 'wait 250ms');
  t.deepEqual(repeat.count.span, { file: FILE, start: 18, end: 19, line: 1, column: 19, endLine: 1, endColumn: 20 });
});

test('nested blocks closed with >>', (t) => {
  const text = 'repeat 2 < repeat 3 < toggle 7; wait 1ms >>';
  const outer = oneStatement(t, text);
  if (outer.kind !== 'Repeat') return t.fail();
  const inner = outer.body.statements[0];
  if (inner?.kind !== 'Repeat') return t.fail();
  t.is(spanText(text, inner.span), 'repeat 3 < toggle 7; wait 1ms >');
  t.is(spanText(text, outer.span), text);
  t.deepEqual(withoutSpans(inner.body.statements.map((s) => s.kind)), ['Drive', 'Wait']);
});

test('pin and pins declare aliases', (t) => {
  t.deepEqual(withoutSpans(oneStatement(t, 'pin led = GPIO17')), {
    kind: 'PinDecl', name: { name: 'led' }, pins: [{ kind: 'Pin', scheme: 'gpio', number: 17 }],
  });
  t.deepEqual(withoutSpans(oneStatement(t, 'pins bar = 7..11, J8:40, BOARD3')), {
    kind: 'PinDecl',
    name: { name: 'bar' },
    pins: [range(7, 11), { kind: 'Pin', scheme: 'header', number: 40 }, { kind: 'Pin', scheme: 'header', number: 3 }],
  });
});

test('const and param hold a value (or a comma list)', (t) => {
  t.deepEqual(withoutSpans(oneStatement(t, 'const on = 250ms')), {
    kind: 'ConstDecl', name: { name: 'on' }, value: [{ kind: 'Duration', ns: 250_000_000, unit: 'ms' }],
  });
  t.deepEqual(withoutSpans(oneStatement(t, 'param count = 5, 6')), { kind: 'ParamDecl', name: { name: 'count' }, value: [int(5), int(6)] });
});

test('def and call', (t) => {
  const text = 'def chase(p, t) < set p; wait t; clear p >';
  const def = oneStatement(t, text);
  t.deepEqual(withoutSpans(def), {
    kind: 'DefDecl',
    name: { name: 'chase' },
    params: [{ name: 'p' }, { name: 't' }],
    body: {
      kind: 'Block',
      statements: [
        { kind: 'Drive', action: 'set', pins: [name('p')] },
        { kind: 'Wait', duration: name('t') },
        { kind: 'Drive', action: 'clear', pins: [name('p')] },
      ],
    },
  });
  if (def.kind !== 'DefDecl') return t.fail();
  t.is(where(def.params[1]!.span), '1:14-1:15');
  t.is(where(def.span), '1:1-1:43');
  const callText = 'chase(7, 50ms)';
  const call = oneStatement(t, callText);
  t.deepEqual(withoutSpans(call), {
    kind: 'CallStmt', callee: { name: 'chase' }, args: [int(7), { kind: 'Duration', ns: 50_000_000, unit: 'ms' }],
  });
  t.is(spanText(callText, call.span), callText);
  t.deepEqual(withoutSpans(oneStatement(t, 'def none2() < >')), { kind: 'DefDecl', name: { name: 'none2' }, params: [], body: { kind: 'Block', statements: [] } });
});

test('an import inside a block stays in the tree, for the checker to refuse', (t) => {
  const repeat = oneStatement(t, 'repeat 2 < import "x.gpio" >');
  if (repeat.kind !== 'Repeat') return t.fail();
  t.deepEqual(withoutSpans(repeat.body.statements), [{ kind: 'Import', path: { kind: 'String', value: 'x.gpio' } }]);
});

test('import, chip and allow', (t) => {
  const text = 'import "lib/leds.gpio"';
  const imported = oneStatement(t, text);
  t.deepEqual(withoutSpans(imported), { kind: 'Import', path: { kind: 'String', value: 'lib/leds.gpio' } });
  if (imported.kind !== 'Import') return t.fail();
  t.is(spanText(text, imported.path.span), '"lib/leds.gpio"');
  t.deepEqual(withoutSpans(oneStatement(t, 'chip bcm2835')), { kind: 'Chip', name: { name: 'bcm2835' } });
  t.deepEqual(withoutSpans(oneStatement(t, 'allow 7..11, 17')), { kind: 'Allow', pins: [range(7, 11), int(17)] });
});

test('function select: out, in with and without pull, alt', (t) => {
  t.deepEqual(withoutSpans(oneStatement(t, 'out 7, 8')), { kind: 'Mode', mode: 'out', pins: [int(7), int(8)] });
  t.deepEqual(withoutSpans(oneStatement(t, 'in 27')), { kind: 'Mode', mode: 'in', pins: [int(27)] });
  for (const pull of ['up', 'down', 'none']) {
    t.deepEqual(withoutSpans(oneStatement(t, `in 27 pull ${pull}`)), { kind: 'Mode', mode: 'in', pins: [int(27)], pull });
  }
  const text = 'in 27 pull up';
  t.is(spanText(text, oneStatement(t, text).span), text);
  t.deepEqual(withoutSpans(oneStatement(t, 'alt 4 14, 15')), { kind: 'Mode', mode: 'alt', alt: int(4), pins: [int(14), int(15)] });
  t.deepEqual(withoutSpans(oneStatement(t, 'alt 4 -7')), {
    kind: 'Mode', mode: 'alt', alt: int(4), pins: [{ kind: 'Unary', op: '-', operand: int(7) }],
  }, 'the function number is one operand, so a minus starts the pin list');
  t.deepEqual(withoutSpans(oneStatement(t, 'alt (f + 1) 7')), {
    kind: 'Mode', mode: 'alt', alt: { kind: 'Binary', op: '+', left: name('f'), right: int(1) }, pins: [int(7)],
  });
});

test('set, clear, toggle and write', (t) => {
  for (const action of ['set', 'clear', 'toggle']) {
    t.deepEqual(withoutSpans(oneStatement(t, `${action} bar, 20`)), { kind: 'Drive', action, pins: [name('bar'), int(20)] });
  }
  const text = 'write 16..23 = bit(v, 0) | 0b1010';
  const write = oneStatement(t, text);
  t.deepEqual(withoutSpans(write), {
    kind: 'Write',
    pins: [range(16, 23)],
    value: { kind: 'Binary', op: '|', left: { kind: 'Call', callee: { name: 'bit' }, args: [name('v'), int(0)] }, right: int(10) },
  });
  t.is(spanText(text, write.span), text);
});

test('wait and wait until', (t) => {
  t.deepEqual(withoutSpans(oneStatement(t, 'wait period / 2')), {
    kind: 'Wait', duration: { kind: 'Binary', op: '/', left: name('period'), right: int(2) },
  });
  t.deepEqual(withoutSpans(oneStatement(t, 'wait until button low')), { kind: 'WaitUntil', pins: [name('button')], level: 'low' });
  t.deepEqual(withoutSpans(oneStatement(t, 'wait until 27 high timeout 5s')), {
    kind: 'WaitUntil', pins: [int(27)], level: 'high', timeout: { kind: 'Duration', ns: 5_000_000_000, unit: 's' },
  });
  const text = 'wait until 27 high timeout 5s else < log "late" >';
  const waitUntil = oneStatement(t, text);
  t.deepEqual(withoutSpans(waitUntil), {
    kind: 'WaitUntil',
    pins: [int(27)],
    level: 'high',
    timeout: { kind: 'Duration', ns: 5_000_000_000, unit: 's' },
    orElse: { kind: 'Block', statements: [{ kind: 'Log', text: { kind: 'String', value: 'late' } }] },
  });
  t.is(spanText(text, waitUntil.span), text);
});

test('loops: repeat, repeat every, forever, every, for', (t) => {
  t.deepEqual(withoutSpans(oneStatement(t, 'repeat count < >')), { kind: 'Repeat', count: name('count'), body: { kind: 'Block', statements: [] } });
  t.deepEqual(withoutSpans(oneStatement(t, 'repeat hold every 20ms < set 7 >')), {
    kind: 'Repeat',
    count: name('hold'),
    every: { kind: 'Duration', ns: 20_000_000, unit: 'ms' },
    body: { kind: 'Block', statements: [{ kind: 'Drive', action: 'set', pins: [int(7)] }] },
  });
  t.deepEqual(withoutSpans(oneStatement(t, 'forever < >')), { kind: 'Forever', body: { kind: 'Block', statements: [] } });
  t.deepEqual(withoutSpans(oneStatement(t, 'every 20ms < >')), {
    kind: 'Every', period: { kind: 'Duration', ns: 20_000_000, unit: 'ms' }, body: { kind: 'Block', statements: [] },
  });
  t.deepEqual(withoutSpans(oneStatement(t, 'for p in 10..8, bar < set p >')), {
    kind: 'For',
    variable: { name: 'p' },
    items: [range(10, 8), name('bar')],
    body: { kind: 'Block', statements: [{ kind: 'Drive', action: 'set', pins: [name('p')] }] },
  });
});

test('log, mark and on exit', (t) => {
  t.deepEqual(withoutSpans(oneStatement(t, 'log "pressed"')), { kind: 'Log', text: { kind: 'String', value: 'pressed' } });
  t.deepEqual(withoutSpans(oneStatement(t, 'mark "flashed"')), { kind: 'Mark', text: { kind: 'String', value: 'flashed' } });
  const text = 'on exit < clear bar >';
  const onExit = oneStatement(t, text);
  t.deepEqual(withoutSpans(onExit), {
    kind: 'OnExit', body: { kind: 'Block', statements: [{ kind: 'Drive', action: 'clear', pins: [name('bar')] }] },
  });
  t.is(spanText(text, onExit.span), text);
});

test('on is also a name', (t) => {
  const script = parseClean(t, 'const on = 250ms\nwait on');
  t.deepEqual(withoutSpans(script.statements[1]), { kind: 'Wait', duration: name('on') });
});

test('a shebang, comments and blank lines leave only the statements', (t) => {
  const text = '#!/usr/bin/env -S npx pinseq run\n# a comment\n\nout 7   # trailing\n\n;\nset 7\n';
  const script = parseClean(t, text);
  t.deepEqual(script.statements.map((s) => where(s.span)), ['4:1-4:6', '7:1-7:6']);
  t.deepEqual(script.span, { file: FILE, start: 0, end: text.length, line: 1, column: 1, endLine: 8, endColumn: 1 });
});

test('CRLF line endings give the same lines and columns', (t) => {
  const script = parseClean(t, 'out 7\r\nrepeat 2 <\r\n  set 7\r\n>\r\n');
  const repeat = script.statements[1];
  if (repeat?.kind !== 'Repeat') return t.fail();
  t.is(where(repeat.span), '2:1-4:2');
  t.is(where(repeat.body.statements[0]!.span), '3:3-3:8');
});

/** The library API of SPEC §5 as a test rig sees it: `import { … } from 'pinseq'`. */
import test from 'ava';
import { BackendChoiceError, check, compile, CompileError, edgesOf, levelAt, open, parse, periodsOf, pulsesOf, type RunEvent } from 'pinseq';

test('parse, check and compile never throw, and locate what is wrong', (t) => {
  const bad = 'out 7\nwait 5\nset 99\n';
  const parsed = parse(bad, { file: 'bad.gpio' });
  t.deepEqual(parsed.diagnostics, []);
  t.is(parsed.ast.statements.length, 3);
  const diagnostics = check(bad, { file: 'bad.gpio' });
  t.deepEqual(diagnostics.map((d) => [d.code, d.span.line, d.span.column]), [['E_UNIT', 2, 6], ['E_PIN_RANGE', 3, 5]]);
  const compiled = compile(bad);
  t.is(compiled.program, undefined);
  t.true(compiled.diagnostics.length >= 2);
  t.notThrows(() => compile('\u0000<<<"'));
  const syntax = parse('repeat 3 < set 7', { file: 'x.gpio' }).diagnostics;
  t.is(syntax[0]?.code, 'E_SYNTAX');
});

test('compile gives a program with a span table; params override defaults', (t) => {
  const compiled = compile('param n = 2\nout 7\nrepeat n < toggle 7; wait 1ms >', { params: { n: 5 } });
  t.truthy(compiled.program);
  t.is(compiled.program!.chip, 'bcm2711');
  t.true(compiled.program!.spans.some((s) => s.line === 3));
  t.deepEqual(compile('out 7', { chip: 'bcm2835' }).program?.chip, 'bcm2835');
});

test('run settles with edges in exact virtual time, marks and lateness figures', async (t) => {
  const sim = open({ backend: 'sim', clock: 'virtual' });
  const events: RunEvent[] = [];
  const run = await sim.run('out 7\nrepeat 4 < set 7; wait 2ms; clear 7; mark "low"; wait 3ms >', { onEvent: (e) => events.push(e) });
  t.is(run.status, 'ended');
  t.deepEqual(pulsesOf(run.edges!, 7).map((p) => [p.startNs, p.widthNs]), [[0, 2e6], [5e6, 2e6], [10e6, 2e6], [15e6, 2e6]]);
  t.deepEqual(periodsOf(run.edges!, 7), [5e6, 5e6, 5e6]);
  t.is(levelAt(run.edges!, 7, 1e6), 1);
  t.is(levelAt(run.edges!, 7, 3e6), 0);
  t.deepEqual(run.marks.map((m) => m.atNs), [2e6, 7e6, 12e6, 17e6]);
  t.deepEqual(events.filter((e) => e.type === 'mark').length, 4);
  t.is(run.lateness.maxNs, 0);
  t.true(run.lateness.samples > 0);
  t.is(edgesOf(run.edges!, 8).length, 0);
});

test('run rejects with a CompileError that carries located diagnostics; nothing runs', async (t) => {
  const sim = open({ backend: 'sim', clock: 'virtual' });
  const error = await t.throwsAsync(sim.run('out 7\nset 7\nwait 10'), { instanceOf: CompileError });
  t.deepEqual(error!.diagnostics.map((d) => [d.code, d.span.line, d.span.column]), [['E_UNIT', 3, 6]]);
  t.regex(error!.message, /3:6: error: /);
});

test('simulated inputs drive wait until; a timeout without else fails, located at the wait', async (t) => {
  const script = 'in 4\nout 7\nwait until 4 high timeout 10ms\nset 7\nwait 1ms\nclear 7';
  const sim = open({ backend: 'sim', clock: 'virtual', inputs: [{ pin: 4, level: 1, atNs: 3_000_000 }] });
  const pressed = await sim.run(script);
  t.is(pressed.status, 'ended');
  t.is(edgesOf(pressed.edges!, 7)[0]?.atNs, 3_000_000);
  const idle = await sim.run(script, { inputs: [] });
  t.is(idle.status, 'failed');
  t.is(idle.error?.code, 'E_WAIT_TIMEOUT');
  t.deepEqual([idle.errorAt?.line, idle.errorAt?.column], [3, 1]);
  t.true(idle.exitRan);
});

test('an AbortSignal stops a forever loop on the real clock; the exit block runs once', async (t) => {
  const sim = open({ backend: 'sim' });
  const controller = new AbortController();
  const events: string[] = [];
  const finished = sim.run('out 7\non exit < clear 7; mark "bye" >\nforever < toggle 7; mark "tick"; wait 2ms >', {
    signal: controller.signal,
    onEvent: (e) => {
      if (e.type !== 'mark') return;
      events.push(e.text);
      if (events.length === 5) controller.abort();
    },
  });
  const run = await finished;
  t.is(run.status, 'stopped');
  t.true(run.exitRan);
  t.is(events.filter((e) => e === 'bye').length, 1);
  t.is(events.at(-1), 'bye');
  // Real time: toggle k is scheduled at k × 2 ms. A loaded machine may run it late (and
  // then catch up, never drifting) but never early; how late is what the run reports.
  const ticks = events.filter((e) => e === 'tick').length;
  const toggles = edgesOf(run.edges!, 7).slice(0, ticks);
  t.is(toggles.length, ticks);
  toggles.forEach((edge, k) => t.true(edge.atNs >= k * 2e6, `toggle ${k} at ${edge.atNs} ns is early`));

});

test('start() gives a live run: levels, and replace() swaps the program at the loop boundary', async (t) => {
  const sim = open({ backend: 'sim' });
  const marks: string[] = [];
  let live: ReturnType<typeof sim.start> | undefined;
  let replaced = false;
  live = sim.start('out 7\nforever < set 7; mark "a1"; wait 1ms; clear 7; mark "a2"; wait 1ms >', {
    onEvent: (e) => {
      if (e.type !== 'mark') return;
      marks.push(e.text);
      if (!replaced && marks.length === 3) {
        replaced = true;
        t.deepEqual(live!.replace('out 7\nforever < set 7; mark "b1"; wait 1ms; clear 7; mark "b2"; wait 1ms >'), { accepted: true });
      }
      if (marks.filter((m) => m.startsWith('b')).length === 4) live!.stop();
    },
  });
  t.throws(() => live!.replace('out 7\nwait 5'), { instanceOf: CompileError });
  const run = await live.result;
  t.is(run.status, 'stopped');
  const switchAt = marks.indexOf('b1');
  // The old program finished its iteration (a1, a2 pairs) before the new one began.
  t.is(marks[switchAt - 1], 'a2');
  t.true(marks.slice(switchAt).every((m) => m.startsWith('b')));
  t.is(run.program.strings.includes('b1'), true);
});

test('import("pinseq") resolves through the package exports map', async (t) => {
  const api = await import('pinseq');
  t.is(typeof api.open, 'function');
  t.is(typeof api.watch, 'function');
  const runtime = await import('pinseq/runtime');
  t.is(typeof runtime.startRun, 'function');
});

test('a script\'s chip statement decides unless open() names a chip; a disagreement is E_CHIP_CONFLICT', async (t) => {
  const free = open({ backend: 'sim', clock: 'virtual' });
  t.is(free.chip, undefined);
  t.is((await free.run('chip bcm2835\nout 7\nset 7')).program.chip, 'bcm2835');
  t.is((await free.run('out 7\nset 7')).program.chip, 'bcm2711');
  const pinned = open({ backend: 'sim', clock: 'virtual', chip: 'bcm2711' });
  const error = await t.throwsAsync(pinned.run('chip bcm2835\nout 7'), { instanceOf: CompileError });
  t.deepEqual(error!.diagnostics.map((d) => [d.code, d.span.line, d.span.column]), [['E_CHIP_CONFLICT', 1, 6]]);
});

test('bad options fail at once and say why: an unknown backend, a for that is not a duration', async (t) => {
  t.throws(() => open({ backend: 'gpio' }), { instanceOf: BackendChoiceError, message: /unknown backend "gpio"/ });
  await t.throwsAsync(open({ backend: 'sim', clock: 'virtual' }).run('out 7', { for: 'soon' }), { instanceOf: RangeError, message: /for expects a duration/ });
});

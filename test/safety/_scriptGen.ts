/**
 * Generates well-formed `.gpio` scripts that start with an `allow` list and then use pins
 * from a larger pool, so some touch pins outside `allow` (which must not compile) and
 * the rest exercise every kind of statement that stores to registers.
 */
import fc from 'fast-check';

/** The pins scripts draw from: on both chips, and spanning three function-select words. */
export const PIN_POOL = [2, 3, 4, 5, 7, 8, 9, 10, 11, 14, 15, 17, 18, 22, 23, 27];

/** A generated script, with the pins it allows and every pin it names. */
export interface GeneratedScript {
  readonly text: string;
  readonly allowed: readonly number[];
  readonly used: readonly number[];
}

const time = fc.constantFrom('0', '1us', '20us', '1ms', '5ms');

/** One statement (with blocks up to `depth` deep) naming pins drawn by `pin`, as [text, pins it names]. */
function statement(depth: number, pin: fc.Arbitrary<number>): fc.Arbitrary<[string, number[]]> {
  const pins = fc.uniqueArray(pin, { minLength: 1, maxLength: 3 });
  const simple: fc.Arbitrary<[string, number[]]>[] = [
    pins.map((p) => [`out ${p.join(', ')}`, p]),
    fc.tuple(pins, fc.constantFrom('', ' pull up', ' pull down', ' pull none')).map(([p, pull]) => [`in ${p.join(', ')}${pull}`, p]),
    fc.tuple(fc.integer({ min: 0, max: 5 }), pins).map(([n, p]) => [`alt ${n} ${p.join(', ')}`, p]),
    fc.tuple(fc.constantFrom('set', 'clear', 'toggle'), pins).map(([verb, p]) => [`${verb} ${p.join(', ')}`, p]),
    pins.chain((p) => fc.nat(2 ** p.length - 1).map((v): [string, number[]] => [`write ${p.join(', ')} = ${v}`, p])),
    time.map((t) => [`wait ${t}`, []]),
    fc.tuple(pin, fc.constantFrom('high', 'low'), time).map(([p, level, t]) => [`wait until ${p} ${level} timeout ${t === '0' ? '1us' : t} else < log "timeout" >`, [p]]),
    fc.constantFrom<[string, number[]]>(['log "hello"', []], ['mark "here"', []]),
  ];
  if (depth === 0) return fc.oneof(...simple);
  const body = fc.array(statement(depth - 1, pin), { minLength: 1, maxLength: 4 });
  const join = (list: [string, number[]][]): [string, number[]] => [list.map(([s]) => s).join('; '), list.flatMap(([, p]) => p)];
  return fc.oneof(
    { arbitrary: fc.oneof(...simple), weight: 4 },
    fc.tuple(fc.integer({ min: 0, max: 3 }), body).map(([n, b]): [string, number[]] => {
      const [text, used] = join(b);
      return [`repeat ${n} < ${text} >`, used];
    }),
    fc.tuple(fc.integer({ min: 1, max: 3 }), body).map(([n, b]): [string, number[]] => {
      const [text, used] = join(b);
      return [`repeat ${n} every 2ms < ${text} >`, used];
    }),
    fc.tuple(pins, fc.constantFrom('set', 'clear', 'toggle')).map(([p, verb]): [string, number[]] => [`for q in ${p.join(', ')} < ${verb} q >`, p]),
  );
}

/**
 * A script: `allow` a few pool pins, a body of statements, maybe an `on exit` block. The
 * statements mostly name allowed pins; one pin in twenty is any pool pin, so about a third
 * of the scripts stray outside `allow`.
 */
export const generatedScript: fc.Arbitrary<GeneratedScript> = fc.uniqueArray(fc.constantFrom(...PIN_POOL), { minLength: 1, maxLength: 8 })
  .chain((allowed) => {
    const pin = fc.oneof({ arbitrary: fc.constantFrom(...allowed), weight: 19 }, { arbitrary: fc.constantFrom(...PIN_POOL), weight: 1 });
    return fc.record({
      allowed: fc.constant(allowed),
      body: fc.array(statement(2, pin), { minLength: 1, maxLength: 8 }),
      exit: fc.option(fc.array(statement(0, pin), { minLength: 1, maxLength: 3 })),
    });
  })
  .map(({ allowed, body, exit }) => {
    const lines = [`allow ${allowed.join(', ')}`, ...body.map(([s]) => s)];
    if (exit) lines.push(`on exit < ${exit.map(([s]) => s).join('; ')} >`);
    const used = [...new Set([...body, ...(exit ?? [])].flatMap(([, p]) => p))];
    return { text: `${lines.join('\n')}\n`, allowed: [...allowed].sort((a, b) => a - b), used };
  });

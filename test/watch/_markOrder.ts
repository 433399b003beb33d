/**
 * Reading a watch run's marks as a sequence of programs. Each test program marks
 * `TAG1`, `TAG2`, … in a fixed order every iteration of its outermost loop (its
 * *cycle*), and every version of a script uses its own tag (`a`, `b`, …). So the mark
 * stream shows which program ran when, and whether a switch happened at an iteration
 * boundary: then every program's run of marks is whole cycles, and only the last
 * program's run may stop part-way (the run was interrupted there).
 */

/** The marks of one uninterrupted stretch of one program. */
export interface Phase {
  readonly tag: string;
  readonly marks: readonly string[];
}

// `a1`, `b12`: a tag (letters) and a number.
const TAGGED = /^([a-z]+)\d+$/;

/** Splits the event texts into stretches of one tag, ignoring texts that are not tagged marks (such as exit logs). */
export function phasesOf(events: readonly string[]): Phase[] {
  const phases: { tag: string; marks: string[] }[] = [];
  for (const text of events) {
    const m = TAGGED.exec(text);
    if (!m) continue;
    const tag = m[1]!;
    const last = phases.at(-1);
    if (last && last.tag === tag) last.marks.push(text);
    else phases.push({ tag, marks: [text] });
  }
  return phases;
}

/** The tags of the phases, in order (e.g. `['a', 'b']`). */
export function tagsOf(events: readonly string[]): string[] {
  return phasesOf(events).map((p) => p.tag);
}

/**
 * Describes the first place where a program's marks are not whole iterations of its
 * cycle (`cycles[tag]`), or returns undefined when every switch happened at an iteration
 * boundary. Every phase must start at the cycle's beginning; every phase but the last
 * must end at the cycle's end.
 */
export function boundaryViolation(events: readonly string[], cycles: Readonly<Record<string, readonly string[]>>): string | undefined {
  const phases = phasesOf(events);
  for (let p = 0; p < phases.length; p++) {
    const { tag, marks } = phases[p]!;
    const cycle = cycles[tag];
    if (!cycle) return `phase ${p} has tag "${tag}", which has no cycle`;
    for (let i = 0; i < marks.length; i++) {
      const expected = cycle[i % cycle.length]!;
      if (marks[i] !== expected) return `phase ${p} (${tag}): mark ${i} is "${marks[i]}", expected "${expected}" (${context(marks, i)})`;
    }
    const last = p === phases.length - 1;
    if (!last && marks.length % cycle.length !== 0) {
      return `phase ${p} (${tag}) ends with "${marks.at(-1)}" part-way through an iteration, then "${phases[p + 1]!.marks[0]}" follows`;
    }
  }
  return undefined;
}

function context(marks: readonly string[], i: number): string {
  return marks.slice(Math.max(0, i - 3), i + 2).join(' ');
}

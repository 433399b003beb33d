/**
 * The scripts the hot-reload tests save: each version marks its own tag, so the output
 * shows which version is running (see _markOrder.ts).
 */

/** The cycle of {@link twoMarkScript}: the marks of one iteration. */
export function twoMarks(tag: string): string[] {
  return [`${tag}1`, `${tag}2`];
}

/**
 * A forever loop marking `TAG1`, waiting 10 ms, marking `TAG2`, waiting 10 ms, with an
 * exit block that logs `exit TAG`. 10 ms keeps a dozen children light on two cores.
 */
export function twoMarkScript(tag: string, head = ''): string {
  return `${head}# version ${tag}
forever < mark "${tag}1"; wait 10ms; mark "${tag}2"; wait 10ms >
on exit < log "exit ${tag}" >
`;
}

/**
 * Whether two register layouts describe the same window: a hot-reload replacement and a
 * reused simulator model must agree on every register offset.
 */
import type { RegisterLayout } from './program.js';

/** True when `a` and `b` are the same layout (the same object, or equal in every field). */
export function sameLayout(a: RegisterLayout, b: RegisterLayout): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Keeps Chevrotain's error recovery linear in the number of errors: in-repetition
 * recovery resumes from a loop instead of recursing, and the search for a resync token
 * remembers what it already scanned.
 *
 * When a repetition (the statement list of a script or block) meets a token it cannot
 * continue with, Chevrotain 11 skips to the next separator and resumes the repetition by
 * calling it again from inside the recovery (recoverable.js, `tryInRepetitionRecovery`:
 * "recursive invocation in order to support multiple re-syncs"). Every recovered error
 * therefore costs a few stack frames that are only released when the list ends, and a file
 * of some 2,000 stray lines (`5`, `)`, `"`) overflowed the stack. Every frame between the
 * repetition and that recursive call returns at once after it, so running the resumption
 * from a loop in the outermost recovery call does exactly the same work, in the same order,
 * on a flat stack.
 *
 * Each recovery also first looks ahead for the nearest token that could follow the
 * enclosing rule (`findReSyncTokenType`); at the top level that is the end of the file, so
 * every error scanned the rest of the input: quadratic, minutes for a 300,000-line file of
 * garbage. The answer for a later start is the same token as long as the start has not
 * passed it, so one scan serves all the errors before that token.
 */
import { type CstParser, type IToken, type TokenType, tokenMatcher } from 'chevrotain';

/** A repetition's own implementation (`manyInternal` and friends), resumed with its arguments. */
type RepetitionBody = (...args: unknown[]) => void;

/** The Chevrotain internals this touches: present on every parser built with `recoveryEnabled`. */
interface RecoveryInternals {
  attemptInRepetitionRecovery: (body: RepetitionBody, args: unknown[], lookahead: unknown, dslMethodIdx: number, occurrence: number, ...rest: unknown[]) => void;
  readonly RULE_STACK_IDX: number;
  findReSyncTokenType: () => TokenType;
  flattenFollowSet(): TokenType[];
  LA(howMuch: number): IToken;
  readonly currIdx: number;
  readonly tokVector: readonly IToken[];
}

/** One repetition being recovered by the loop below: which one, and the resumption it still owes. */
interface Resumption {
  readonly body: RepetitionBody;
  readonly ruleDepth: number;
  readonly dslMethodIdx: number;
  readonly occurrence: number;
  pending: unknown[] | undefined;
}

/**
 * Replaces `parser`'s in-repetition recovery with one that resumes the repetition from a
 * loop. Call it in the parser's constructor, after `super()`.
 */
export function flattenRepetitionRecovery(parser: CstParser): void {
  const internals = parser as unknown as RecoveryInternals;
  rememberResyncScans(internals);
  const attempt = internals.attemptInRepetitionRecovery;
  let current: Resumption | undefined;
  internals.attemptInRepetitionRecovery = function (this: RecoveryInternals, body, args, lookahead, dslMethodIdx, occurrence, ...rest) {
    const ruleDepth = this.RULE_STACK_IDX;
    const sameRepetition = current !== undefined && current.body === body && current.ruleDepth === ruleDepth
      && current.dslMethodIdx === dslMethodIdx && current.occurrence === occurrence;
    if (sameRepetition) {
      // The tail of a resumption the loop below is running: hand the next one back to it.
      const owner = current!;
      attempt.call(this, (...next: unknown[]) => void (owner.pending = next), args, lookahead, dslMethodIdx, occurrence, ...rest);
      return;
    }
    const outer = current;
    const resumption: Resumption = { body, ruleDepth, dslMethodIdx, occurrence, pending: undefined };
    current = resumption;
    try {
      attempt.call(this, (...next: unknown[]) => void (resumption.pending = next), args, lookahead, dslMethodIdx, occurrence, ...rest);
      while (resumption.pending !== undefined) {
        const next = resumption.pending;
        resumption.pending = undefined;
        body.apply(this, next);
      }
    } finally {
      current = outer;
    }
  };
}

/** The result of one resync scan: no token from `from` to `at - 1` matches the follow set, the one at `at` matches `type`. */
interface ResyncScan {
  readonly from: number;
  readonly at: number;
  readonly type: TokenType;
}

/** Replaces `findReSyncTokenType` with one that reuses earlier scans of the same input and follow set. */
function rememberResyncScans(internals: RecoveryInternals): void {
  let scannedInput: readonly IToken[] | undefined;
  const scans = new Map<string, ResyncScan>();
  internals.findReSyncTokenType = function (this: RecoveryInternals) {
    if (scannedInput !== this.tokVector) {
      scannedInput = this.tokVector;
      scans.clear();
    }
    const followers = this.flattenFollowSet();
    const key = followers.map((type) => type.tokenTypeIdx).join(',');
    const start = this.currIdx + 1;
    const known = scans.get(key);
    if (known && known.from <= start && start <= known.at) return known.type;
    // As Chevrotain does: the first follower (in follow-set order) that the first matching token matches;
    // the end of input always matches, so this ends.
    for (let k = 1; ; k++) {
      const token = this.LA(k);
      const type = followers.find((follower) => tokenMatcher(token, follower));
      if (type) {
        scans.set(key, { from: start, at: start + k - 1, type });
        return type;
      }
    }
  };
}

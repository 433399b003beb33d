/**
 * Putting pins back: the function-select fields a run changes are snapshotted before
 * its first op and written back when it ends (SPEC §1 "Exit"), or when a hot reload
 * hands over to a program that no longer uses them. Only the saved fields are
 * written, by read-modify-write, so other pins in the same word are never touched.
 */
import type { RestoreEntry } from '../program/program.js';

/** Called for every word written back: byte offset, the restored field mask, the restored bits. */
export type RestoreWrite = (offset: number, mask: number, bits: number) => void;

/** The saved function-select fields of one run. */
export class FunctionSelectRestore {
  /** Saved field masks and their values, per word of the window. */
  private readonly savedMask: Uint32Array;
  private readonly savedBits: Uint32Array;
  /** Words with something saved, ascending. */
  private words: number[] = [];

  constructor(windowWords: number) {
    this.savedMask = new Uint32Array(windowWords);
    this.savedBits = new Uint32Array(windowWords);
  }

  /** Snapshots the fields of `entries` that are not saved yet (a field keeps its first, pre-run value). */
  capture(regs: Uint32Array, entries: readonly RestoreEntry[]): void {
    for (const { offset, mask } of entries) {
      const w = offset >>> 2;
      const fresh = (mask & ~this.savedMask[w]!) >>> 0;
      if (fresh === 0) continue;
      if (this.savedMask[w] === 0) this.words.push(w);
      this.savedBits[w] = (this.savedBits[w]! | (regs[w]! & fresh)) >>> 0;
      this.savedMask[w] = (this.savedMask[w]! | fresh) >>> 0;
    }
    this.words.sort((a, b) => a - b);
  }

  /**
   * Writes back every saved field not covered by `keep` and forgets it: the release of
   * pins a replacement program no longer uses. With `keep` empty this restores all.
   */
  release(regs: Uint32Array, keep: readonly RestoreEntry[], onWrite?: RestoreWrite): void {
    const kept = new Map<number, number>();
    for (const { offset, mask } of keep) kept.set(offset >>> 2, ((kept.get(offset >>> 2) ?? 0) | mask) >>> 0);
    const remaining: number[] = [];
    for (const w of this.words) {
      const mask = (this.savedMask[w]! & ~(kept.get(w) ?? 0)) >>> 0;
      if (mask !== 0) {
        const bits = (this.savedBits[w]! & mask) >>> 0;
        regs[w] = ((regs[w]! & ~mask) | bits) >>> 0;
        onWrite?.(w * 4, mask, bits);
        this.savedMask[w] = (this.savedMask[w]! & ~mask) >>> 0;
        this.savedBits[w] = (this.savedBits[w]! & ~mask) >>> 0;
      }
      if (this.savedMask[w] !== 0) remaining.push(w);
    }
    this.words = remaining;
  }

  /** Writes back every saved field. */
  restoreAll(regs: Uint32Array, onWrite?: RestoreWrite): void {
    this.release(regs, [], onWrite);
  }
}

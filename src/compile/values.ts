/**
 * The values a script computes with at compile time (SPEC §1): numbers, durations, pin
 * lists, integer ranges and strings. Every expression the elaborator evaluates becomes
 * one of these; `undefined` stands for a value that could not be computed because an
 * error was already reported, so one mistake is not reported again at every use.
 */
import { formatDuration } from './formatDuration.js';
import { formatPinList } from './formatPinList.js';

/**
 * A number. Integer literals and arithmetic on them give whole numbers; a decimal
 * literal or an inexact division gives a fraction, which is only useful as a factor of
 * a duration (`1.5 * t`) and is rejected where a whole number is needed.
 */
export interface NumberValue {
  readonly type: 'number';
  readonly value: number;
}

/** A duration in nanoseconds (not rounded until it is used by a wait, timeout or period). */
export interface DurationValue {
  readonly type: 'duration';
  readonly ns: number;
}

/** An ordered list of GPIO numbers, already checked against the chip: from `GPIO17`, `BOARD11`, aliases and pin lists. */
export interface PinsValue {
  readonly type: 'pins';
  readonly pins: readonly number[];
}

/**
 * `a..b` of whole numbers, inclusive, in either direction. It stays a range until it is
 * used: as pins it becomes a pin list, in `for` it counts. Keeping it lazy means
 * `0..1000000000` costs nothing until something tries to expand it.
 */
export interface RangeValue {
  readonly type: 'range';
  readonly from: number;
  readonly to: number;
}

/** A string (only `log` and `mark` take text, and they take a literal). */
export interface StringValue {
  readonly type: 'string';
  readonly value: string;
}

/** Any compile-time value. */
export type Value = NumberValue | DurationValue | PinsValue | RangeValue | StringValue;

/** Makes a number value. */
export function numberValue(value: number): NumberValue {
  return { type: 'number', value };
}

/** Makes a duration value. */
export function durationValue(ns: number): DurationValue {
  return { type: 'duration', ns };
}

/** Makes a pin list value. */
export function pinsValue(pins: readonly number[]): PinsValue {
  return { type: 'pins', pins };
}

/** The number of integers a range covers. */
export function rangeLength(range: RangeValue): number {
  return Math.abs(range.to - range.from) + 1;
}

/** The integers of a range in order (callers check its length first). */
export function rangeItems(range: RangeValue): number[] {
  const step = range.to >= range.from ? 1 : -1;
  return Array.from({ length: rangeLength(range) }, (_, i) => range.from + i * step);
}

/** How a value reads in a message: `the number 5`, `the duration 250ms`, `the pin list 7..11`. */
export function describeValue(value: Value): string {
  switch (value.type) {
    case 'number':
      return `the number ${value.value}`;
    case 'duration':
      return `the duration ${formatDuration(value.ns)}`;
    case 'pins':
      return value.pins.length === 1 ? `the pin GPIO${value.pins[0]}` : `the pin list ${formatPinList(value.pins)}`;
    case 'range':
      return `the range ${value.from}..${value.to}`;
    case 'string':
      return `the string ${JSON.stringify(value.value)}`;
  }
}

/** The kind of a value in words, with its article: `a number`, `a pin list`. */
export function typeName(value: Value): string {
  return { number: 'a number', duration: 'a duration', pins: 'a pin list', range: 'a range', string: 'a string' }[value.type];
}

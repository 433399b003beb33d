/**
 * Pin lists as people write them: runs of three or more consecutive pins as ranges,
 * `7..11`, `11..7`, others with commas, `7,9`. The output parses back as the same list.
 */

/** Formats pins in their order, folding runs of 3+ consecutive pins (either direction) into `a..b`. */
export function formatPinList(pins: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < pins.length) {
    const first = pins[i]!;
    const step = (pins[i + 1] ?? NaN) - first;
    let j = i + 1;
    if (step === 1 || step === -1) {
      while (j < pins.length && pins[j]! - pins[j - 1]! === step) j++;
    }
    // A run of two reads better as "7,8" than "7..8".
    if (j - i >= 3) {
      parts.push(`${first}..${pins[j - 1]!}`);
      i = j;
    } else {
      parts.push(String(first));
      i++;
    }
  }
  return parts.join(',');
}

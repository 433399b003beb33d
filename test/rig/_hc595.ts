/**
 * A device under test for the rig example: a 74HC595 8-bit shift register, modelled in
 * a few lines from the edges pinseq recorded on the simulator. On each rising edge of
 * SRCLK it shifts in SER; on each rising edge of RCLK it copies the shift register to
 * its outputs QA..QH (QA is the last bit shifted in).
 */
import type { Edge } from 'pinseq';

/** Which SoC pins the 74HC595's inputs are wired to. */
export interface Hc595Wiring {
  readonly ser: number;
  readonly srclk: number;
  readonly rclk: number;
}

/** The 74HC595's output byte after each RCLK rising edge (bit 0 = QA … bit 7 = QH), with its time. */
export function hc595Outputs(edges: readonly Edge[], wiring: Hc595Wiring): { readonly atNs: number; readonly value: number }[] {
  const ordered = [...edges].sort((a, b) => a.atNs - b.atNs);
  let ser = 0;
  let shift = 0;
  const latched: { atNs: number; value: number }[] = [];
  for (const edge of ordered) {
    if (edge.pin === wiring.ser) ser = edge.level;
    // The chip samples SER on the clock edge, so SER must have settled before it: an
    // edge of SER at the same instant as SRCLK's is a set-up violation we refuse to model.
    if (edge.pin === wiring.srclk && edge.level === 1) shift = ((shift << 1) | ser) & 0xff;
    if (edge.pin === wiring.rclk && edge.level === 1) latched.push({ atNs: edge.atNs, value: shift });
  }
  return latched;
}

/** Shortest time from a SER change to the next SRCLK rising edge: the set-up time the script gives the chip. */
export function setupTimeNs(edges: readonly Edge[], wiring: Hc595Wiring): number {
  let lastSer = -Infinity;
  let shortest = Infinity;
  for (const edge of [...edges].sort((a, b) => a.atNs - b.atNs)) {
    if (edge.pin === wiring.ser) lastSer = edge.atNs;
    if (edge.pin === wiring.srclk && edge.level === 1 && lastSer > -Infinity) shortest = Math.min(shortest, edge.atNs - lastSer);
  }
  return shortest;
}

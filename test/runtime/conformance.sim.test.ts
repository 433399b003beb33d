/**
 * The conformance suite on the simulator, with both clocks: virtual (times exactly on
 * the schedule) and real (times never early).
 */
import type { SimSpec } from '../../runtime/backends/sim/simBackend.js';
import { testBackendConformance } from './_conformance.js';

for (const clock of ['virtual', 'real'] as const) {
  testBackendConformance(`sim (${clock} clock)`, (setup): SimSpec => ({ kind: 'sim', clock, registers: setup.registers }), {
    exactTimes: clock === 'virtual',
    levelsFollowOutputs: true,
  });
}

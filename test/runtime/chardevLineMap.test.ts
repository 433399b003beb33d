import test from 'ava';
import fc from 'fast-check';
import { buildLineMap, pinsOfRequest, requestHi, requestLo } from '../../runtime/backends/chardev/chardevLineMap.js';

test('register masks translate to request bits in request order, across banks', (t) => {
  const map = buildLineMap([7, 40, 3, 31, 32], 2);
  t.is(requestLo(map, 0, (1 << 7) | (1 << 3)), 0b101);
  t.is(requestLo(map, 0, 1 << 31), 0b1000, 'pin 31 is line 3');
  t.is(requestLo(map, 1, 1 << 8), 0b10, 'pin 40 is bank 1 bit 8, line 1');
  t.is(requestLo(map, 1, 1), 0b10000, 'pin 32 is line 4');
  t.is(requestLo(map, 0, 1 << 5), 0, 'pins not requested vanish');
  t.is(requestHi(map, 0, 0xffffffff), 0);
  t.is(pinsOfRequest(map, 0, 0b11111, 0), ((1 << 7) | (1 << 3) | (1 << 31)) >>> 0);
  t.is(pinsOfRequest(map, 1, 0b11111, 0), (1 << 8) | 1);
  t.deepEqual([...map.lineOfPin.slice(0, 8)], [-1, -1, -1, 2, -1, -1, -1, 0]);
  t.deepEqual([...map.requestedPins], [((1 << 3) | (1 << 7) | (1 << 31)) >>> 0, (1 << 8) | 1]);
});

test('lines 32–63 land in the high half', (t) => {
  const pins = Array.from({ length: 64 }, (_, i) => 63 - i);
  const map = buildLineMap(pins, 2);
  // Pin 0 is line 63; pin 63 is line 0.
  t.is(requestHi(map, 0, 1), 0x80000000);
  t.is(requestLo(map, 1, 0x80000000), 1);
  t.is(pinsOfRequest(map, 0, 0, 0x80000000), 1);
});

test('more than 64 pins or a pin outside the banks is refused', (t) => {
  t.throws(() => buildLineMap(Array.from({ length: 65 }, (_, i) => i), 3), { instanceOf: RangeError });
  t.throws(() => buildLineMap([64], 2), { instanceOf: RangeError });
});

test('translation agrees with a bit-by-bit loop, both ways (property)', (t) => {
  const pinSet = fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { minLength: 1, maxLength: 64 });
  const bankWord = fc.nat({ max: 0xffffffff });
  t.notThrows(() =>
    fc.assert(
      fc.property(pinSet, bankWord, bankWord, (pins, bank0, bank1) => {
        const map = buildLineMap(pins, 2);
        let expected = 0n;
        pins.forEach((pin, line) => {
          if (((pin < 32 ? bank0 : bank1) >>> (pin & 31)) & 1) expected |= 1n << BigInt(line);
        });
        const lo = (requestLo(map, 0, bank0) | requestLo(map, 1, bank1)) >>> 0;
        const hi = (requestHi(map, 0, bank0) | requestHi(map, 1, bank1)) >>> 0;
        if ((BigInt(hi) << 32n) + BigInt(lo) !== expected) return false;
        return pinsOfRequest(map, 0, lo, hi) === (bank0 & map.requestedPins[0]!) >>> 0 && pinsOfRequest(map, 1, lo, hi) === (bank1 & map.requestedPins[1]!) >>> 0;
      }),
    ),
  );
});

/*
 * One FFI call per register write, the way rpio-style native addons drive GPIO: the
 * bench calls store32 through koffi once per store. Built as a shared library by
 * bench/cToolchain.ts with the machine's cc at bench time.
 */
#include <stdint.h>

void store32(void *base, uint32_t offset, uint32_t value) {
  *(volatile uint32_t *)((char *)base + offset) = value;
}

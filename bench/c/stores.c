/*
 * The C reference for the write-throughput bench: maps FILE (a /dev/shm register window)
 * and makes N iterations of the same two volatile 32-bit stores the executor makes for
 * `repeat N < set 7; wait 0; clear 7; wait 0 >` on a BCM2711 layout: GPSET0 (byte 0x1c)
 * then GPCLR0 (byte 0x28), value 1 << 7 (BCM2711 ARM Peripherals §5.2).
 *
 * Usage: stores FILE N   → prints "<stores> <nanoseconds>" for the timed loop.
 * Built by bench/cToolchain.ts with the machine's cc at bench time (-O2).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: stores FILE N\n");
    return 2;
  }
  long long n = atoll(argv[2]);
  int fd = open(argv[1], O_RDWR);
  if (fd < 0) { perror("open"); return 1; }
  void *map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) { perror("mmap"); return 1; }
  volatile uint32_t *regs = (volatile uint32_t *)map;
  const uint32_t pin7 = 1u << 7;
  double start = now_ns();
  for (long long i = 0; i < n; i++) {
    regs[0x1c / 4] = pin7; /* GPSET0 */
    regs[0x28 / 4] = pin7; /* GPCLR0 */
  }
  double end = now_ns();
  printf("%lld %.0f\n", 2 * n, end - start);
  munmap(map, 4096);
  close(fd);
  return 0;
}

#!/usr/bin/env bash
# Builds the kernel's GPIO simulator (drivers/gpio/gpio-sim.c) as an out-of-tree module,
# because no Debian kernel enables CONFIG_GPIO_SIM.
#
#   buildGpioSim.sh HEADERS_DIR SOURCE_DIR OUT_KO
#
# HEADERS_DIR: an extracted linux-headers-<abi>-amd64 (with its -common and linux-kbuild
# siblings extracted beside it); SOURCE_DIR: gpio-sim.c, gpiolib.h and irq_sim.c taken from
# linux-source at the same version.
#
# Two things differ from the in-tree build:
# - gpio-sim selects IRQ_SIM, which Debian leaves out, so kernel/irq/irq_sim.c is linked
#   into the same module (module name stays gpio-sim; the driver name is "gpio-sim" either way).
# - irq_sim.c calls irq_to_desc(), which the kernel no longer exports to modules. Its local
#   stand-in irq_data_to_desc(irq_get_irq_data(irq)) (both available to modules) returns the
#   same descriptor: irq_get_irq_data(irq) is &desc->irq_data for that irq.
set -euo pipefail

headers="$1" src="$2" out="$3"
[ -f "$headers/Makefile" ] || { echo "buildGpioSim: no kernel headers in $headers" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$src/drivers/gpio/gpio-sim.c" "$work/gpio-sim-core.c"
cp "$src/drivers/gpio/gpiolib.h" "$work/gpiolib.h"
sed 's/handle_simple_irq(irq_to_desc(irqnum))/handle_simple_irq(irq_data_to_desc(irq_get_irq_data(irqnum)))/' \
  "$src/kernel/irq/irq_sim.c" > "$work/irq_sim.c"
if grep -q 'irq_to_desc' "$work/irq_sim.c"; then
  echo "buildGpioSim: irq_sim.c no longer calls irq_to_desc the way this script expects; update the stand-in" >&2
  exit 1
fi
printf 'obj-m := gpio-sim.o\ngpio-sim-y := gpio-sim-core.o irq_sim.o\n' > "$work/Kbuild"

# Debian's headers Makefile is one line, `include /usr/src/linux-headers-<abi>-common/Makefile`,
# an absolute path; passing the -common Makefile with -f builds the same way from any directory.
common="$(sed -n 's|^include /usr/src/\(linux-headers-[^/]*-common\)/Makefile$|\1|p' "$headers/Makefile")"
[ -n "$common" ] || { echo "buildGpioSim: unexpected $headers/Makefile" >&2; exit 1; }
make -s -C "$headers" -f "$(dirname "$headers")/$common/Makefile" M="$work" modules >&2
cp "$work/gpio-sim.ko" "$out"

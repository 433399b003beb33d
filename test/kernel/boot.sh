#!/usr/bin/env bash
# Boots the Debian 6.1 kernel (see prepare.sh) in QEMU and runs one node script of the project
# in it, with gpio-sim loaded and configfs mounted:
#
#   test/kernel/boot.sh dist/test/kernel/guest/chardevCases.js [DATA.json]
#   test/kernel/boot.sh --check    # exit 0 if it could boot, 75 (reason on stderr) if not
#
# The guest gets a small initramfs (busybox, the host's node binary and the libraries it links,
# the modules) and sees the project read-only at /project through 9p: a snapshot of dist/ and
# package.json taken at boot (other builds may rewrite dist/ while the guest reads it lazily),
# with the real node_modules/ mounted inside it. DATA.json, when given, is there as
# /project/guest-data.json (the gpio-sim cases read their host-compiled programs from it).
# The guest's console (kernel messages and the script's output) goes to stdout. /dev/kvm on
# the CI machines cannot run a stock kernel, so QEMU emulates the CPU (TCG): a boot to the
# guest script takes 3-6 s, node's imports another 2-3 s.
#
# Environment: NODE (the node binary to put in the guest; default: node on PATH);
# PINSEQ_QEMU (default: qemu-system-x86_64 on PATH); PINSEQ_CACHE (see prepare.sh);
# PINSEQ_BOOT_TIMEOUT (seconds, default 180); PINSEQ_EXTRA_APPEND (more kernel command line;
# a `NAME=value` there is in the guest script's environment, e.g. NODE_OPTIONS=...).
# Exit codes: the guest script's exit status; 75 when QEMU or the kernel is unavailable
# (reason on stderr); 124 when the guest did not finish in time; 70 when it died without
# reporting (kernel panic, init failure).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
script="${1:?usage: boot.sh PATH_OF_A_NODE_SCRIPT_RELATIVE_TO_THE_PROJECT [DATA.json] | --check}"
data="${2:-}"

QEMU="${PINSEQ_QEMU:-$(command -v qemu-system-x86_64 || true)}"
if [ ! -x "$QEMU" ]; then
  echo "boot: UNAVAILABLE: qemu-system-x86_64 is not installed (apt-get install --no-install-recommends qemu-system-x86)" >&2
  exit 75
fi
[ "$script" = --check ] && exec bash "$HERE/prepare.sh" --check

case "$script" in dist/*) ;; *) echo "boot: the guest script must be under dist/ (got $script)" >&2; exit 2 ;; esac
[ -f "$ROOT/$script" ] || { echo "boot: $ROOT/$script does not exist (run npx tsc -p tsconfig.json first?)" >&2; exit 2; }
[ -z "$data" ] || [ -f "$data" ] || { echo "boot: no data file $data" >&2; exit 2; }
NODE="${NODE:-$(command -v node)}"

started=$SECONDS
kdir="$(bash "$HERE/prepare.sh")" # exits 75 itself when the kernel cannot be had
echo "boot: kernel ready in $((SECONDS - started)) s: $kdir" >&2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A build running meanwhile (engineers share the working tree) can leave a file half written
# in a copy; two copies half a second apart that agree were not caught mid-build.
snapshot() { rm -rf "$1" && mkdir -p "$1/node_modules" && cp -r "$ROOT/dist" "$ROOT/package.json" "$1/"; }
for attempt in 1 2 3 4 5 6; do
  snapshot "$work/project"
  sleep 0.5
  snapshot "$work/check"
  diff -rq "$work/project" "$work/check" > /dev/null && break
  echo "boot: dist/ changed while it was copied (a build running?); copying again" >&2
done
rm -rf "$work/check"
[ -z "$data" ] || cp "$data" "$work/project/guest-data.json"

# The initramfs, described for gen_init_cpio: it reads the files from where they are (no copy
# of the 100 MB node binary) and writes device nodes without root.
{
  for dir in /bin /dev /proc /sys /tmp /project /modules /usr /usr/bin /lib /lib64 /lib/x86_64-linux-gnu /usr/lib /usr/lib/x86_64-linux-gnu; do
    echo "dir $dir 0755 0 0"
  done
  echo "nod /dev/console 0600 0 0 c 5 1"
  echo "file /init $HERE/guest/init.sh 0755 0 0"
  echo "file /bin/busybox $kdir/bin/busybox 0755 0 0"
  echo "slink /bin/sh busybox 0777 0 0"
  echo "file /usr/bin/node $NODE 0755 0 0"
  # The dynamic loader and every library node links, at the paths the loader will look for them.
  ldd "$NODE" | awk '/=> \// { print $3 } /^\t\/[^ ]+ \(/ { print $1 }' | while read -r lib; do
    echo "file $lib $lib 0755 0 0"
  done
  for ko in "$kdir"/modules/*.ko; do
    echo "file /modules/$(basename "$ko") $ko 0644 0 0"
  done
  echo "file /modules/order $kdir/modules/order 0644 0 0"
} > "$work/initramfs.list"
"$kdir/bin/gen_init_cpio" "$work/initramfs.list" > "$work/initramfs.cpio"

echo "boot: starting QEMU (TCG) at $((SECONDS - started)) s" >&2
set +e
# One vCPU: ava runs the other test files beside this on a 2-core machine, and a second TCG
# thread took more host CPU without making the guest noticeably faster.
timeout --foreground "${PINSEQ_BOOT_TIMEOUT:-180}" "$QEMU" \
  -machine pc -accel tcg -cpu max -smp 1 -m 1024 \
  -nodefaults -display none -no-reboot -serial stdio -monitor none \
  -kernel "$kdir/vmlinuz" -initrd "$work/initramfs.cpio" \
  -append "console=ttyS0 quiet loglevel=3 panic=-1 PINSEQ_GUEST_SCRIPT=$script ${PINSEQ_EXTRA_APPEND:-}" \
  -virtfs "local,path=$work/project,mount_tag=project,security_model=none,readonly=on" \
  -virtfs "local,path=$ROOT/node_modules,mount_tag=modules,security_model=none,readonly=on" \
  < /dev/null | tee "$work/console"
status=${PIPESTATUS[0]}
set -e
echo "boot: QEMU exited with $status after $((SECONDS - started)) s" >&2
[ "$status" -eq 124 ] && exit 124
guest="$(sed -n 's/^PINSEQ_GUEST_EXIT \([0-9]*\).*/\1/p' "$work/console" | tail -n1)"
[ -n "$guest" ] || { echo "boot: the guest ended without reporting an exit status" >&2; exit 70; }
exit "$guest"

#!/usr/bin/env bash
# Makes a Debian 6.1 amd64 kernel with an out-of-tree gpio-sim.ko ready to boot under QEMU,
# and prints the directory that holds it (vmlinuz, modules/, gpio-sim.ko, bin/) on stdout.
#
# Everything lands in a cache OUTSIDE the clone, $PINSEQ_CACHE (default ~/.cache/pinseq),
# because CI runs each build in a fresh clone on the same machine: a cache in the clone's
# .cache/ would be thrown away with the clone and the ~225 MB download repeated every run.
#
# `prepare.sh --check` only says, quickly and without downloading, whether it could: exit 0
# when a kernel is cached or apt knows where to get one, else 75 with the reason.
#
# Exit codes: 0 ready; 75 (EX_TEMPFAIL) unavailable for a reason outside the project (no
# apt, no network and nothing cached) with the reason on stderr; anything else is a bug.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${PINSEQ_CACHE:-${HOME:-/root}/.cache/pinseq}/kernel"
# The kernel series whose source Debian ships as linux-source-6.1.
SERIES=6.1

log() { echo "prepare: $*" >&2; }
unavailable() { echo "prepare: UNAVAILABLE: $*" >&2; exit 75; }

mkdir -p "$CACHE"

# What the scripts that build the cache look like: a change to them rebuilds from the .debs.
recipe="$(cat "$HERE/prepare.sh" "$HERE/buildGpioSim.sh" | sha256sum | cut -c1-16)"

# The kernel ABI Debian currently ships (e.g. 6.1.0-56-amd64) and its package version,
# or nothing when apt cannot say (not Debian, or no package lists).
resolve_current() {
  local kver version
  kver="$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n "s/^ *Depends: linux-image-\(${SERIES//./\\.}\.[0-9]*-[0-9]*-amd64\)\$/\1/p" | head -n1)" || true
  [ -n "$kver" ] || return 0
  version="$(apt-cache policy "linux-image-$kver" 2>/dev/null | sed -n 's/^ *Candidate: //p')" || true
  [ -n "$version" ] && [ "$version" != "(none)" ] && echo "$kver $version"
}

is_ready() { [ -f "$CACHE/$1/ready" ] && [ "$(cat "$CACHE/$1/ready")" = "$recipe" ]; }

# Downloads the packages of one kernel (same Debian version for all, so headers match the image).
fetch_debs() {
  local kver="$1" version="$2" debs="$CACHE/debs/$1"
  [ -f "$debs/complete" ] && return 0
  rm -rf "$debs" && mkdir -p "$debs"
  log "downloading linux $kver ($version) packages into $debs (about 225 MB, first run only)"
  # apt-get download saves into the current directory. (As root it warns that the _apt user
  # cannot write there and downloads unsandboxed; that is expected.)
  if ! (cd "$debs" && apt-get download -q \
      "linux-image-$kver=$version" "linux-headers-$kver=$version" "linux-headers-${kver%-amd64}-common=$version" \
      "linux-kbuild-$SERIES=$version" "linux-source-$SERIES=$version" busybox-static) >&2; then
    rm -rf "$debs"
    return 1
  fi
  touch "$debs/complete"
}

# Extracts the kernel, the modules the guest needs and the headers, then builds gpio-sim.ko.
build_kernel_dir() {
  local kver="$1" debs="$CACHE/debs/$1" out="$CACHE/$1"
  rm -rf "$out" && mkdir -p "$out/modules" "$out/bin"
  local tree="$out/tree"
  local deb
  for deb in "$debs"/*.deb; do
    case "$(basename "$deb")" in
      linux-source-*) ;; # 139 MB of tarball: only a few files are taken from it below
      *) dpkg-deb -x "$deb" "$tree" ;;
    esac
  done
  cp "$tree/boot/vmlinuz-$kver" "$out/vmlinuz"
  cp "$tree/bin/busybox" "$out/bin/busybox"
  # Modules the guest loads, in dependency order (their .modinfo `depends=` fields, checked
  # when this list was written): virtio PCI transport, 9p over virtio, configfs for gpio-sim.
  local modules="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci netfs fscache 9pnet 9pnet_virtio 9p configfs"
  local name path
  for name in $modules; do
    path="$(find "$tree/lib/modules/$kver" -name "$name.ko" -print -quit)"
    [ -n "$path" ] || { log "module $name.ko is missing from linux-image-$kver"; return 1; }
    cp "$path" "$out/modules/"
  done
  echo "$modules gpio-sim" > "$out/modules/order"

  local src="$out/src"
  mkdir -p "$src"
  dpkg-deb --fsys-tarfile "$debs"/linux-source-*.deb | tar -x -O "./usr/src/linux-source-$SERIES.tar.xz" |
    tar -xJ -C "$src" --strip-components=1 \
      "linux-source-$SERIES/drivers/gpio/gpio-sim.c" "linux-source-$SERIES/drivers/gpio/gpiolib.h" \
      "linux-source-$SERIES/kernel/irq/irq_sim.c" "linux-source-$SERIES/usr/gen_init_cpio.c"
  # The initramfs writer the kernel build uses: makes /dev/console without root or a staging copy.
  gcc -O2 -o "$out/bin/gen_init_cpio" "$src/usr/gen_init_cpio.c"
  bash "$HERE/buildGpioSim.sh" "$tree/usr/src/linux-headers-$kver" "$src" "$out/modules/gpio-sim.ko"
  # The headers tree is only needed to build the module; the .debs stay for a rebuild.
  rm -rf "$tree"
  # Called in an `||` list, so `set -e` does not stop this function: check what it made.
  local made
  for made in vmlinuz bin/busybox bin/gen_init_cpio modules/gpio-sim.ko; do
    [ -s "$out/$made" ] || { log "$out/$made was not made"; return 1; }
  done
  echo "$recipe" > "$out/ready"
}

prune_others() {
  local keep="$1" dir
  for dir in "$CACHE"/debs/* "$CACHE"/*; do
    [ -d "$dir" ] || continue
    case "$(basename "$dir")" in "$keep" | debs) continue ;; esac
    log "removing the superseded $dir"
    rm -rf "$dir"
  done
}

newest_ready() {
  local dir
  for dir in $(ls -d "$CACHE"/*-amd64 2>/dev/null | sort -V -r); do
    if is_ready "$(basename "$dir")"; then basename "$dir"; return 0; fi
  done
  return 0
}

if [ "${1:-}" = --check ]; then
  [ -n "$(newest_ready)" ] || [ -n "$(resolve_current)" ] || unavailable "no Debian $SERIES kernel is cached in $CACHE and apt knows no linux-image-amd64 to download (run 'apt-get update')"
  exit 0
fi

# Two CI runs on one machine share the cache: one prepares, the other waits.
exec 9>"$CACHE/.lock"
flock 9

current="$(resolve_current)"
kver=""
if [ -n "$current" ]; then
  read -r want version <<< "$current"
  if is_ready "$want"; then
    kver="$want"
  elif fetch_debs "$want" "$version"; then
    log "building gpio-sim.ko for $want"
    build_kernel_dir "$want" || { rm -rf "${CACHE:?}/$want"; echo "prepare: building the $want kernel directory failed" >&2; exit 1; }
    kver="$want"
    prune_others "$want"
  else
    log "could not download linux $want ($version)"
  fi
fi
if [ -z "$kver" ]; then
  kver="$(newest_ready)"
  if [ -z "$kver" ]; then
    # Offline with packages cached but not built (e.g. after a change to these scripts).
    for dir in $(ls -d "$CACHE"/debs/*-amd64 2>/dev/null | sort -V -r); do
      [ -f "$dir/complete" ] || continue
      kver="$(basename "$dir")"
      build_kernel_dir "$kver" || { rm -rf "${CACHE:?}/$kver"; exit 1; }
      break
    done
  fi
  [ -n "$kver" ] || unavailable "no Debian $SERIES kernel is cached in $CACHE and none could be downloaded (run 'apt-get update'; needs deb.debian.org)"
  [ -z "$current" ] || log "using the cached $kver instead"
fi
echo "$CACHE/$kver"

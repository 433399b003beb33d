#!/bin/sh
# The guest's /init (busybox sh): mounts what the test needs, loads the modules, mounts the
# project snapshot and its node_modules (9p, read-only) at /project, runs `node /project/$PINSEQ_GUEST_SCRIPT`, reports its
# exit status on the console and powers off. The kernel passes PINSEQ_GUEST_SCRIPT (an
# unknown `name=value` on its command line) to init as an environment variable.
/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin HOME=/tmp

# Where the guest's time goes (seconds since boot), for whoever tunes the CI time.
phase() { echo "init: $1 at $(cut -d' ' -f1 /proc/uptime) s"; }

finish() {
  phase "guest script done"
  echo "PINSEQ_GUEST_EXIT $1"
  sync
  poweroff -f
}

mount -t proc proc /proc
phase "init started"
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp

for module in $(cat /modules/order); do
  insmod "/modules/$module.ko" || { echo "init: insmod $module failed"; finish 90; }
done
mount -t configfs configfs /sys/kernel/config || finish 91
mkdir -p /project
# cache=loose: the share is read-only for the guest's whole life, so page-cached reads stay right
# (and node_modules/ is read many times).
share_options=trans=virtio,version=9p2000.L,msize=262144,cache=loose,ro
mount -t 9p -o "$share_options" project /project || finish 92
mount -t 9p -o "$share_options" modules /project/node_modules || finish 92

cd /project || finish 93
phase "modules loaded, project mounted"
node "/project/$PINSEQ_GUEST_SCRIPT"
finish $?

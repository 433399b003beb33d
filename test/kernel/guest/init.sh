#!/bin/sh
# The guest's /init (busybox sh): mounts what the test needs, loads the modules, mounts the
# project snapshot and its node_modules (9p, read-only) at /project, runs `node /project/$PINSEQ_GUEST_SCRIPT`, reports its
# exit status on the console and powers off. The kernel passes PINSEQ_GUEST_SCRIPT (an
# unknown `name=value` on its command line) to init as an environment variable.
/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin HOME=/tmp

finish() {
  echo "PINSEQ_GUEST_EXIT $1"
  sync
  poweroff -f
}

mount -t proc proc /proc
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
node "/project/$PINSEQ_GUEST_SCRIPT"
finish $?

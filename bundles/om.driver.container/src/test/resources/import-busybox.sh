#!/bin/sh
# Imports a registry-free busybox image for container tests (no network needed): a rootfs holding the static
# busybox binary and a few applet links, imported as localhost/busybox:1 unless podman already has it.
# Usage: import-busybox.sh [image]   (default localhost/busybox:1). Needs podman and busybox-static.
set -eu
IMAGE=${1:-localhost/busybox:1}
if podman image exists "$IMAGE" 2>/dev/null; then
    exit 0
fi
BUSYBOX=/bin/busybox
[ -x "$BUSYBOX" ] || BUSYBOX=$(command -v busybox)
ROOTFS=$(mktemp -d)
trap 'rm -rf "$ROOTFS"' EXIT
mkdir -p "$ROOTFS/bin" "$ROOTFS/tmp" "$ROOTFS/etc" "$ROOTFS/proc" "$ROOTFS/sys" "$ROOTFS/dev"
cp "$BUSYBOX" "$ROOTFS/bin/busybox"
for applet in sh sleep echo cat ls ps true false env id hostname; do
    ln -s busybox "$ROOTFS/bin/$applet"
done
echo 'root:x:0:0:root:/root:/bin/sh' > "$ROOTFS/etc/passwd"
echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >> "$ROOTFS/etc/passwd"
echo 'root:x:0:' > "$ROOTFS/etc/group"
echo 'nogroup:x:65534:' >> "$ROOTFS/etc/group"
tar -C "$ROOTFS" -c . | podman import - "$IMAGE" >/dev/null
podman image exists "$IMAGE"

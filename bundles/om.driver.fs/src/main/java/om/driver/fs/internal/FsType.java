package om.driver.fs.internal;

/**
 * A filesystem type served by an {@code fs.<name>} driver.
 *
 * @param name the driver type and {@code mount -t} argument
 * @param kind how it is mounted and matched
 */
record FsType(String name, FsKind kind) {
    /** ext2/3/4 are checked with {@code e2fsck -p} before mounting. */
    boolean e2fsck() {
        return name.equals("ext2") || name.equals("ext3") || name.equals("ext4");
    }
}

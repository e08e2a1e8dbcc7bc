package om.driver.fs.internal;

/** How a filesystem type is mounted and checked. */
enum FsKind {
    /** A filesystem on a block device (or image file): checked, made by provision, matched by device numbers. */
    BLOCK,
    /** A memory filesystem: any source, matched by type and mount point. */
    TMPFS,
    /** A directory mounted again elsewhere: matched by filesystem and root directory. */
    BIND
}

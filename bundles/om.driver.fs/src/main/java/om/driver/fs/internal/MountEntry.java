package om.driver.fs.internal;

/**
 * One line of {@code /proc/self/mountinfo}.
 *
 * @param majMin     device numbers of the mounted filesystem, {@code 7:0}
 * @param root       the directory of that filesystem mounted here ({@code /} unless a bind of a subdirectory)
 * @param mountPoint where it is mounted, unescaped
 * @param fsType     filesystem type, {@code ext4}, {@code tmpfs}...
 * @param source     the mount source as the kernel shows it ({@code /dev/loop0}, {@code tmpfs})
 */
record MountEntry(String majMin, String root, String mountPoint, String fsType, String source) {
    @Override
    public String toString() {
        return source + " (" + fsType + ") on " + mountPoint;
    }
}

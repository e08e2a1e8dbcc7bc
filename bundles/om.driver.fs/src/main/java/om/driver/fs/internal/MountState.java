package om.driver.fs.internal;

import java.util.List;
import java.util.Optional;

/**
 * Where the kernel mount table has a resource's filesystem.
 *
 * @param mounted   the resource's filesystem, visible on its mount point
 * @param covered   the resource's filesystem on its mount point, but under another mount
 * @param occupant  the visible mount on the mount point when it is not the resource's filesystem
 * @param elsewhere the resource's device mounted on other mount points
 */
record MountState(Optional<MountEntry> mounted, Optional<MountEntry> covered, Optional<MountEntry> occupant,
                  List<MountEntry> elsewhere) {
    MountState {
        elsewhere = List.copyOf(elsewhere);
    }

    boolean up() {
        return mounted.isPresent();
    }

    String elsewhereText() {
        return String.join(", ", elsewhere.stream().map(MountEntry::mountPoint).toList());
    }
}

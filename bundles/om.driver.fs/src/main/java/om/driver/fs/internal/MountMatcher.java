package om.driver.fs.internal;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decides which mount table entries are a resource's filesystem, per kind of filesystem. */
final class MountMatcher {
    private final FsSettings settings;
    private final MountTable table;
    private final Set<String> devMajMins;
    private final Optional<String> devReal;
    private final Optional<String> bindRoot;
    private final Optional<String> bindMajMin;

    MountMatcher(FsSettings settings, MountTable table, Devices devices) {
        this.settings = settings;
        this.table = table;
        String dev = settings.dev();
        boolean block = settings.type().kind() == FsKind.BLOCK;
        boolean bind = settings.type().kind() == FsKind.BIND;
        this.devMajMins = block && dev != null ? devices.majMins(dev) : Set.of();
        this.devReal = dev == null ? Optional.empty() : Devices.realPath(dev).map(Path::toString);
        this.bindMajMin = bind ? devReal.flatMap(r -> Devices.majMinOfFilesystem(Path.of(r))) : Optional.empty();
        this.bindRoot = bind ? devReal.flatMap(this::rootWithinFilesystem) : Optional.empty();
    }

    MountState state() {
        List<MountEntry> at = table.at(settings.mnt());
        Optional<MountEntry> top = at.isEmpty() ? Optional.empty() : Optional.of(at.get(at.size() - 1));
        Optional<MountEntry> mounted = top.filter(this::matches);
        Optional<MountEntry> covered = mounted.isPresent() ? Optional.empty()
                : at.stream().filter(this::matches).findFirst();
        Optional<MountEntry> occupant = mounted.isPresent() ? Optional.empty() : top;
        List<MountEntry> elsewhere = settings.type().kind() != FsKind.BLOCK ? List.of()
                : table.entries().stream().filter(e -> !e.mountPoint().equals(settings.mnt()))
                        .filter(this::matches).toList();
        return new MountState(mounted, covered, occupant, elsewhere);
    }

    boolean matches(MountEntry e) {
        return switch (settings.type().kind()) {
            case TMPFS -> e.fsType().equals("tmpfs");
            case BLOCK -> devMajMins.isEmpty() ? sameName(e.source()) : devMajMins.contains(e.majMin());
            case BIND -> bindMajMin.isPresent() && bindMajMin.get().equals(e.majMin())
                    && bindRoot.map(r -> r.equals(e.root())).orElse(true);
        };
    }

    // a device that is gone (detached loop) can still be in the table under its name
    private boolean sameName(String source) {
        return settings.dev() != null && (source.equals(settings.dev()) || devReal.map(source::equals).orElse(false));
    }

    /**
     * The directory of its filesystem that a bind of {@code source} shows in the root column: the source's path
     * below the mount holding it, appended to that mount's own root.
     */
    private Optional<String> rootWithinFilesystem(String source) {
        Path src = Path.of(source);
        return table.entries().stream()
                .filter(e -> !e.mountPoint().equals(settings.mnt()))
                .filter(e -> bindMajMin.map(m -> m.equals(e.majMin())).orElse(false))
                .filter(e -> src.startsWith(e.mountPoint()))
                .max(Comparator.comparingInt(e -> e.mountPoint().length()))
                .map(e -> Path.of(e.root()).resolve(Path.of(e.mountPoint()).relativize(src)).normalize().toString());
    }
}

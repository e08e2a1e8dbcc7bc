package om.core.internal.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import om.api.Installation;
import om.api.InvalidPathException;
import om.api.ObjectPath;
import om.api.io.AtomicFile;

/** Finds the installed object configs (objects-and-config section 2). */
final class ObjectLister {
    static final String CONF = ".conf";
    private static final String NAMESPACES = "namespaces";

    /** The objects found, and the files skipped with the reason. */
    record Listing(List<ObjectPath> paths, Map<Path, String> skipped) {
    }

    /** A listing and the modification times of the directories it was read from. */
    private record Snapshot(Listing listing, Map<Path, Long> dirStamps) {
    }

    /**
     * Directory times closer than this to the listing are not trusted: the kernel stamps directories with a coarse
     * clock, so a file added in the same tick would not move the time.
     */
    private static final long RACY_NANOS = 100_000_000L;

    private final Installation inst;
    private final java.util.concurrent.atomic.AtomicReference<Snapshot> last =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile boolean swept;

    ObjectLister(Installation inst) {
        this.inst = inst;
    }

    /**
     * The installed objects. A daemon lists often over thousands of files: when no directory under etc/ changed
     * since the last listing (a config added, removed or renamed always changes its directory's time, atomic writes
     * included), the last listing is returned without reading the directories.
     */
    Listing list() throws IOException {
        Snapshot s = last.get();
        if (s != null && unchanged(s.dirStamps())) {
            return s.listing();
        }
        Map<Path, Long> stamps = new LinkedHashMap<>();
        long before = System.currentTimeMillis() * 1_000_000L;
        Listing l = read(stamps);
        boolean racy = stamps.values().stream().anyMatch(t -> t >= before - RACY_NANOS);
        last.set(racy ? null : new Snapshot(l, stamps));
        return l;
    }

    private static boolean unchanged(Map<Path, Long> stamps) {
        for (Map.Entry<Path, Long> e : stamps.entrySet()) {
            if (mtime(e.getKey()) != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Nanoseconds since the epoch, -1 when missing. */
    private static long mtime(Path dir) {
        try {
            java.nio.file.attribute.FileTime t = Files.getLastModifiedTime(dir);
            return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            return -1;
        }
    }

    private Listing read(Map<Path, Long> stamps) throws IOException {
        List<ObjectPath> out = new ArrayList<>();
        Map<Path, String> skipped = new LinkedHashMap<>();
        Path etc = inst.etc();
        stamps.put(etc, mtime(etc));
        if (!Files.isDirectory(etc)) {
            return new Listing(List.of(), Map.of());
        }
        for (Path f : confFiles(etc)) {
            String name = stem(f);
            if (name.equals("node")) {
                continue;
            }
            add(f, name, out, skipped);
        }
        for (Path dir : dirs(etc)) {
            String kind = dir.getFileName().toString();
            stamps.put(dir, mtime(dir));
            if (kind.equals(NAMESPACES)) {
                continue;
            }
            for (Path f : confFiles(dir)) {
                add(f, kind + "/" + stem(f), out, skipped);
            }
        }
        Path ns = etc.resolve(NAMESPACES);
        if (Files.isDirectory(ns)) {
            for (Path nsDir : dirs(ns)) {
                stamps.put(nsDir, mtime(nsDir));
                for (Path kindDir : dirs(nsDir)) {
                    stamps.put(kindDir, mtime(kindDir));
                    for (Path f : confFiles(kindDir)) {
                        add(f, nsDir.getFileName() + "/" + kindDir.getFileName() + "/" + stem(f), out, skipped);
                    }
                }
            }
        }
        out.sort(null);
        swept = true;
        return new Listing(List.copyOf(out), skipped);
    }

    /** Adds the path a file name gives, when it is valid and that path's config is this very file. */
    private void add(Path file, String text, List<ObjectPath> out, Map<Path, String> skipped) {
        ObjectPath p;
        try {
            p = ObjectPath.parse(text);
        } catch (InvalidPathException e) {
            skipped.put(file, e.getMessage());
            return;
        }
        if (!inst.configFile(p).equals(file)) {
            skipped.put(file, "the config of '" + p + "' is " + inst.configFile(p) + ", not this file");
            return;
        }
        out.add(p);
    }

    private static String stem(Path f) {
        String n = f.getFileName().toString();
        return n.substring(0, n.length() - CONF.length());
    }

    private List<Path> confFiles(Path dir) throws IOException {
        if (!swept) {
            // what writers killed mid-write left (AtomicFile temporaries of dead pids), once per process
            AtomicFile.cleanStaleIn(dir);
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + CONF)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static List<Path> dirs(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            ds.forEach(out::add);
        }
        out.sort(null);
        return out;
    }
}

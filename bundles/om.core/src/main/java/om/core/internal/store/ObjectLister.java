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

/** Finds the installed object configs (objects-and-config section 2). */
final class ObjectLister {
    static final String CONF = ".conf";
    private static final String NAMESPACES = "namespaces";

    /** The objects found, and the files skipped with the reason. */
    record Listing(List<ObjectPath> paths, Map<Path, String> skipped) {
    }

    private final Installation inst;

    ObjectLister(Installation inst) {
        this.inst = inst;
    }

    Listing list() throws IOException {
        List<ObjectPath> out = new ArrayList<>();
        Map<Path, String> skipped = new LinkedHashMap<>();
        Path etc = inst.etc();
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
                for (Path kindDir : dirs(nsDir)) {
                    for (Path f : confFiles(kindDir)) {
                        add(f, nsDir.getFileName() + "/" + kindDir.getFileName() + "/" + stem(f), out, skipped);
                    }
                }
            }
        }
        out.sort(null);
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

    private static List<Path> confFiles(Path dir) throws IOException {
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

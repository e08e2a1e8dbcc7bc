package om.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The OS seen from outside om: the tools an operator would use to check what om did. */
final class Host {
    /** Distinguishes concurrent runs of the suite on one machine (addresses, mount points, container names). */
    static final long RUN = ProcessHandle.current().pid();

    private Host() {
    }

    static Dist.Result sh(String... cmd) throws IOException, InterruptedException {
        return sh(Arrays.asList(cmd));
    }

    static Dist.Result sh(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("host", ".out");
        Path err = Files.createTempFile("host", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            return new Dist.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A per-run directory under /tmp for mount points (kept short: it shows in labels). */
    static Path scratch(String name) throws IOException {
        return Files.createDirectories(Path.of("/tmp", "om-e2e-" + RUN, name));
    }

    /** An address of 127.0.3.0/24 for this run: two consecutive ones per slot, slots 0..1. */
    static String loAddress(int index) {
        return "127.0.3." + (100 + (RUN % 70) * 2 + index);
    }

    /** findmnt's "SOURCE FSTYPE" of the filesystem mounted exactly at mnt, or "" when nothing is. */
    static String mountAt(Path mnt) throws IOException, InterruptedException {
        Dist.Result r = sh("findmnt", "-n", "-o", "SOURCE,FSTYPE", "--mountpoint", mnt.toString());
        return r.exit() == 0 ? r.out().trim().replaceAll("\\s+", " ") : "";
    }

    /** The loop devices backing file, from {@code losetup -j}. */
    static List<String> loopsOf(Path file) throws IOException, InterruptedException {
        String out = sh("losetup", "-j", file.toString()).out();
        return out.lines().filter(l -> l.contains(":")).map(l -> l.substring(0, l.indexOf(':'))).toList();
    }

    static String loAddresses() throws IOException, InterruptedException {
        return sh("ip", "-o", "addr", "show", "lo").out();
    }

    static boolean hasAddress(String listing, String cidr) {
        return listing.lines().anyMatch(l -> l.contains(" inet " + cidr + " "));
    }

    static String exports() throws IOException, InterruptedException {
        return sh("exportfs", "-v").out();
    }

    /** `exportfs -v` lists the path with an option block for client (e.g. 127.0.0.1, &lt;world&gt;). */
    static boolean exported(String exportfs, Path path, String client) {
        List<String> lines = exportfs.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.equals(path.toString()) && i + 1 < lines.size() && lines.get(i + 1).trim().startsWith(client + "(")) {
                return true;
            }
            if (l.startsWith(path + " ") && l.substring(path.toString().length()).trim().startsWith(client + "(")) {
                return true;
            }
        }
        return false;
    }

    static boolean containerRunning(String name) throws IOException, InterruptedException {
        return sh("podman", "ps", "--format", "{{.Names}}").out().lines().anyMatch(name::equals);
    }

    static boolean containerExists(String name) throws IOException, InterruptedException {
        return sh("podman", "container", "exists", name).exit() == 0;
    }
}

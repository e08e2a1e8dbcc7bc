package om.driver.sync.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of one copy (heartbeats-and-daemon.md section 8):
 * {@code rsync -HAXpogDtrlvx --stats --delete --force <options> --timeout=<s> [--bwlimit=<n>] -e "<ssh>" <src...>
 * <peer>:<dst>}, and the {@code ssh <peer> mkdir -p} that makes sure the destination's parent exists.
 *
 * @param src the paths of this copy
 * @param dst where they go on the peer
 */
public record RsyncCommand(List<String> src, String dst) {
    /** The remote shell: no prompt ever (BatchMode), so a missing key fails at once instead of hanging. */
    public static final List<String> SSH = List.of("ssh", "-q", "-o", "StrictHostKeyChecking=no", "-o",
            "ForwardX11=no", "-o", "BatchMode=yes");
    public static final String DEFAULT_FLAGS = "-HAXpogDtrlvx";
    public static final List<String> DEFAULT_OPTIONS = List.of("--stats", "--delete", "--force");

    public RsyncCommand {
        src = List.copyOf(src);
    }

    /**
     * The copies a resource makes to each peer: all of src to dst in one command when dst is set; else each src to
     * its own path, a directory content ({@code /srv/data/}) into the same directory, anything else
     * ({@code /srv/data}, {@code /etc/app.conf}) into its parent directory, so it lands where it is here.
     */
    public static List<RsyncCommand> plan(SyncSettings s) {
        if (s.dst() != null) {
            return List.of(new RsyncCommand(s.src(), s.dst()));
        }
        List<RsyncCommand> out = new ArrayList<>();
        for (String src : s.src()) {
            out.add(new RsyncCommand(List.of(src), samePath(src)));
        }
        return out;
    }

    static String samePath(String src) {
        if (src.endsWith("/")) {
            return src;
        }
        Path parent = Path.of(src).getParent();
        if (parent == null) {
            return "./";
        }
        String p = parent.toString();
        return p.endsWith("/") ? p : p + "/";
    }

    /** The rsync argv to one peer; the default flags lose {@code A}/{@code X} where this rsync lacks them. */
    public List<String> argv(SyncSettings s, RsyncCapabilities caps, String peer) {
        List<String> argv = new ArrayList<>();
        argv.add("rsync");
        if (!s.resetOptions()) {
            argv.add(flags(caps));
            argv.addAll(DEFAULT_OPTIONS);
        }
        argv.addAll(s.options());
        // rsync reads 0 as no I/O timeout at all
        argv.add("--timeout=" + Math.max(1, s.timeout().toSeconds()));
        if (s.bwlimit() != null) {
            argv.add("--bwlimit=" + s.bwlimit());
        }
        argv.add("-e");
        argv.add(String.join(" ", SSH));
        argv.addAll(src);
        argv.add(peer + ":" + dst);
        return argv;
    }

    static String flags(RsyncCapabilities caps) {
        String f = DEFAULT_FLAGS;
        if (!caps.acls()) {
            f = f.replace("A", "");
        }
        if (!caps.xattrs()) {
            f = f.replace("X", "");
        }
        return f;
    }

    /**
     * The directory that must exist on the peer before the copy: rsync makes the last level of a destination
     * directory itself, never its parents. A destination that may be a file name (one src that is a file, dst
     * without a trailing /) needs only its parent.
     */
    public String remoteDir() {
        boolean dirDst = dst.endsWith("/") || src.size() > 1 || src.stream().anyMatch(p -> p.endsWith("/")
                || Files.isDirectory(Path.of(p)));
        if (dirDst) {
            return dst;
        }
        Path parent = Path.of(dst).getParent();
        return parent == null ? "." : parent.toString();
    }

    /** {@code ssh <opts> <peer> mkdir -p <dir>}; the remote shell reads the command, hence the quoting. */
    public List<String> mkdirArgv(String peer) {
        List<String> argv = new ArrayList<>(SSH);
        argv.add(peer);
        argv.add("mkdir -p " + om.api.driver.CommandText.quote(remoteDir()));
        return argv;
    }
}

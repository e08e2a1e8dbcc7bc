package om.driver.disk.internal;

import om.api.driver.CommandText;
import java.time.Duration;
import java.util.List;
import om.api.driver.ActionException;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/** What {@code losetup -j} says about a backing file. */
final class Losetup {
    private Losetup() {
    }

    /**
     * The loop devices backed by {@code file}, sorted. A missing file has none (losetup answers nothing).
     *
     * @throws ActionException when losetup cannot be run
     */
    static List<String> devicesOf(ResourceContext ctx, String file, Duration timeout) throws ActionException {
        List<String> argv = List.of("losetup", "-j", file);
        ExecResult r = ctx.probe(argv, Lvm.ENV, timeout);
        if (!r.ok()) {
            throw new ActionException(CommandText.of(argv) + " failed: " + r.reason(timeout));
        }
        return parse(r.stdout());
    }

    /** Lines look like {@code /dev/loop0: [65024]:2148839 (/srv/disk0.img)}. */
    static List<String> parse(String output) {
        return output.lines().map(String::strip).filter(l -> l.startsWith("/dev/") && l.indexOf(':') > 0)
                .map(l -> l.substring(0, l.indexOf(':'))).distinct().sorted().toList();
    }
}

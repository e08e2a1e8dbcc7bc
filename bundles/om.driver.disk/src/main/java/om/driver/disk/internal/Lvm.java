package om.driver.disk.internal;

import om.api.driver.CommandText;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import om.api.driver.ActionException;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/** Read-only queries of an LVM volume group. */
final class Lvm {
    /** lvm2 complains on stderr about every inherited descriptor of the JVM, which says nothing to an operator. */
    static final java.util.Map<String, String> ENV = java.util.Map.of("LVM_SUPPRESS_FD_WARNINGS", "1");

    private Lvm() {
    }

    /** The tags of the volume group, empty when it does not exist. */
    static Optional<List<String>> tags(ResourceContext ctx, String vg, Duration timeout) throws ActionException {
        List<String> argv = List.of("vgs", "--noheadings", "-o", "vg_tags", vg);
        ExecResult r = ctx.probe(argv, Lvm.ENV, timeout);
        if (r.exitCode() == 5 && r.stderr().contains("not found")) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw new ActionException(CommandText.of(argv) + " failed: " + r.reason(timeout));
        }
        return Optional.of(Arrays.stream(r.stdout().strip().split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList());
    }

    /** The paths of the active logical volumes. */
    static List<String> activeVolumes(ResourceContext ctx, String vg, Duration timeout) {
        ExecResult r = ctx.probe(List.of("lvs", "--noheadings", "-o", "lv_path,lv_active", vg), Lvm.ENV, timeout);
        if (!r.ok()) {
            return List.of();
        }
        return r.stdout().lines().map(String::strip).map(l -> l.split("\\s+"))
                .filter(f -> f.length == 2 && f[1].equals("active")).map(f -> f[0]).sorted().toList();
    }
}

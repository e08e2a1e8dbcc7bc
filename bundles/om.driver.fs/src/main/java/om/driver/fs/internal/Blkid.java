package om.driver.fs.internal;

import om.api.driver.CommandText;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import om.api.driver.ActionException;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/** What a low-level probe ({@code blkid -p}, no cache) finds on a device. */
final class Blkid {
    /**
     * @param fsType    the filesystem type, empty when there is none
     * @param ptType    a partition table type, empty when there is none
     */
    record Probe(Optional<String> fsType, Optional<String> ptType) {
        boolean blank() {
            return fsType.isEmpty() && ptType.isEmpty();
        }
    }

    private Blkid() {
    }

    static Probe probe(ResourceContext ctx, String dev, Duration timeout) throws ActionException {
        List<String> argv = List.of("blkid", "-p", "-o", "export", dev);
        ExecResult r = ctx.probe(argv, java.util.Map.of(), timeout);
        // blkid exits 2 when it identifies nothing
        if (r.exitCode() == 2 && !r.timedOut() && r.error() == null) {
            return new Probe(Optional.empty(), Optional.empty());
        }
        if (!r.ok()) {
            throw new ActionException(CommandText.of(argv) + " failed: " + r.reason(timeout));
        }
        return parse(r.stdout());
    }

    static Probe parse(String export) {
        Optional<String> type = Optional.empty();
        Optional<String> pt = Optional.empty();
        for (String line : export.lines().toList()) {
            if (line.startsWith("TYPE=")) {
                type = Optional.of(line.substring(5).strip());
            } else if (line.startsWith("PTTYPE=")) {
                pt = Optional.of(line.substring(7).strip());
            }
        }
        return new Probe(type, pt);
    }
}

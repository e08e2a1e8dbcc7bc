package om.daemon.internal.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import om.api.daemon.NodeStats;

/** Reads the node figures of the dataset (15-minute load, memory, swap) from /proc and scores the node. */
final class NodeFigures {
    private NodeFigures() {
    }

    static NodeStats read(Path proc) {
        double load = Double.NaN;
        try {
            String[] f = Files.readString(proc.resolve("loadavg")).trim().split("\\s+");
            load = Double.parseDouble(f[2]);
        } catch (IOException | RuntimeException e) {
            // unknown: om mon shows '/'
        }
        Map<String, Long> mem;
        try {
            mem = meminfo(Files.readAllLines(proc.resolve("meminfo")));
        } catch (IOException e) {
            mem = Map.of();
        }
        long total = mem.getOrDefault("MemTotal", 0L);
        long avail = mem.getOrDefault("MemAvailable", 0L);
        long swapTotal = mem.getOrDefault("SwapTotal", 0L);
        long swapFree = mem.getOrDefault("SwapFree", 0L);
        int memAvailPct = total > 0 ? (int) (100 * avail / total) : 0;
        // no swap at all is not a shortage
        int swapAvailPct = swapTotal > 0 ? (int) (100 * swapFree / swapTotal) : 100;
        return new NodeStats(load, NodeStats.score(load, memAvailPct, swapAvailPct), total / 1024, memAvailPct,
                swapTotal / 1024, swapAvailPct);
    }

    static Map<String, Long> meminfo(List<String> lines) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String[] v = line.substring(colon + 1).trim().split("\\s+");
            try {
                out.put(line.substring(0, colon), Long.parseLong(v[0]));
            } catch (NumberFormatException e) {
                // not a number line
            }
        }
        return out;
    }
}

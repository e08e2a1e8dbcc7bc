package om.daemon.internal.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The node figures of the daemon dataset (load, memory, swap, score), read from /proc. */
final class NodeStats {
    private NodeStats() {
    }

    static Map<String, Object> read(Path proc) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            String[] load = Files.readString(proc.resolve("loadavg")).trim().split("\\s+");
            m.put("load_15m", Double.parseDouble(load[2]));
        } catch (IOException | RuntimeException e) {
            // unknown figures are left out: om mon shows '/'
        }
        try {
            Map<String, Long> mem = meminfo(Files.readAllLines(proc.resolve("meminfo")));
            long total = mem.getOrDefault("MemTotal", 0L);
            long avail = mem.getOrDefault("MemAvailable", 0L);
            long swapTotal = mem.getOrDefault("SwapTotal", 0L);
            long swapFree = mem.getOrDefault("SwapFree", 0L);
            int memAvailPct = total > 0 ? (int) (100 * avail / total) : 0;
            int swapAvailPct = swapTotal > 0 ? (int) (100 * swapFree / swapTotal) : 100;
            m.put("mem_total_mb", total / 1024);
            m.put("mem_avail_pct", memAvailPct);
            m.put("swap_total_mb", swapTotal / 1024);
            m.put("swap_avail_pct", swapAvailPct);
            Object l = m.get("load_15m");
            double load = l instanceof Double d ? d : 0.0;
            int cpus = Runtime.getRuntime().availableProcessors();
            // a placement score: free memory weighs most, load per cpu lowers it
            int score = (int) Math.max(1, Math.min(100, memAvailPct - 20 * load / cpus + 0.5 * (swapAvailPct - 100) / 10));
            m.put("score", score);
        } catch (IOException | RuntimeException e) {
            // idem
        }
        return m;
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

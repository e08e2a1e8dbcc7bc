package om.daemon.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeStatsTest {
    @Test
    void readsLoadAndMemory(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("loadavg"), "0.50 0.40 1.25 1/100 12345\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal: 16000000 kB\nMemAvailable: 8000000 kB\n"
                + "SwapTotal: 0 kB\nSwapFree: 0 kB\n");
        Map<String, Object> s = NodeStats.read(proc);
        assertEquals(1.25, s.get("load_15m"));
        assertEquals(15625L, s.get("mem_total_mb"));
        assertEquals(50, s.get("mem_avail_pct"));
        assertEquals(100, s.get("swap_avail_pct"));
    }

    @Test
    void missingFilesLeaveFiguresOut(@TempDir Path proc) {
        Map<String, Object> s = NodeStats.read(proc);
        assertFalse(s.containsKey("load_15m"));
    }
}

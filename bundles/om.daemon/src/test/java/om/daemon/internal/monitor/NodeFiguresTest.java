package om.daemon.internal.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import om.api.daemon.NodeStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeFiguresTest {
    @Test
    void readsLoadAndMemory(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("loadavg"), "0.50 0.40 1.25 1/100 12345\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal: 16000000 kB\nMemAvailable: 8000000 kB\n"
                + "SwapTotal: 0 kB\nSwapFree: 0 kB\n");
        NodeStats s = NodeFigures.read(proc);
        assertEquals(1.25, s.load15m());
        assertEquals(15625L, s.memTotalMb());
        assertEquals(50, s.memAvailPct());
        assertEquals(100, s.swapAvailPct());
    }

    /** Issue 8 item 12: the score is the spec's formula, not a home-made one. */
    @Test
    void scoreIsTheSpecFormula(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("loadavg"), "0.50 0.40 2.00 1/100 12345\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal: 1000 kB\nMemAvailable: 500 kB\n"
                + "SwapTotal: 1000 kB\nSwapFree: 250 kB\n");
        // (100/2 + 100 + 50 + 2*(100+25)) / 7 = 450/7 = 64
        assertEquals(64, NodeFigures.read(proc).score());
    }

    @Test
    void missingFilesLeaveTheLoadUnknown(@TempDir Path proc) {
        assertFalse(NodeFigures.read(proc).loadKnown());
    }
}

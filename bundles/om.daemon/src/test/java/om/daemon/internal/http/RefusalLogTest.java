package om.daemon.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {
    @Test
    void oneLineAMinutePerAddressThenTheCountOfTheOthers() {
        AtomicLong now = new AtomicLong();
        RefusalLog log = new RefusalLog(now::get);
        assertEquals("listener: refused a request from 10.0.0.1: no credentials", log.refused("10.0.0.1",
                "no credentials"));
        assertNull(log.refused("10.0.0.1", "no credentials"));
        assertNull(log.refused("10.0.0.1", "wrong password for node 'n1'"));
        assertEquals("listener: refused a request from 10.0.0.2: no credentials", log.refused("10.0.0.2",
                "no credentials"), "another address has its own minute");
        now.addAndGet(RefusalLog.PERIOD.toNanos());
        assertEquals("listener: refused a request from 10.0.0.1: no credentials (and 2 more in the last minute)",
                log.refused("10.0.0.1", "no credentials"));
        assertNull(log.refused("10.0.0.1", "no credentials"));
    }
}

package om.daemon.internal.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BridgeSettingsTest {
    /** What DS hands the component: the annotation's defaults when Config Admin has no om.bridge configuration. */
    private static BridgeConfig config(int pool, int requestTimeout, int maxBytes) {
        return new BridgeConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return BridgeConfig.class;
            }

            @Override
            public int pool_size() {
                return pool;
            }

            @Override
            public int reserved_size() {
                return 2;
            }

            @Override
            public int request_timeout() {
                return requestTimeout;
            }

            @Override
            public int request_max_bytes() {
                return maxBytes;
            }

            @Override
            public int request_max_frames() {
                return 500;
            }

            @Override
            public int drain_timeout() {
                return 5;
            }
        };
    }

    @Test
    void configurationValuesBecomeTheBounds() {
        BridgeSettings s = BridgeSettings.of(config(32, 3, 65536));
        assertEquals(new BridgeSettings(32, 2, Duration.ofSeconds(3), 65536, 500, Duration.ofSeconds(5)), s);
    }

    @Test
    void nonsenseValuesFallBackToWorkingMinimums() {
        BridgeSettings s = BridgeSettings.of(config(0, 0, 1));
        assertEquals(1, s.poolSize());
        assertEquals(Duration.ofSeconds(1), s.requestTimeout());
        assertEquals(4096, s.requestMaxBytes());
    }

    @Test
    void defaultsAreTheDocumentedOnes() throws Exception {
        assertEquals(256, BridgeConfig.class.getMethod("pool_size").getDefaultValue());
        assertEquals(1 << 20, BridgeConfig.class.getMethod("request_max_bytes").getDefaultValue());
        assertEquals(30, BridgeConfig.class.getMethod("drain_timeout").getDefaultValue());
        assertEquals(BridgeSettings.DEFAULTS.poolSize(), 256);
    }
}

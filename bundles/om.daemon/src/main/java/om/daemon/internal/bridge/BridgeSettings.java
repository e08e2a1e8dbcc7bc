package om.daemon.internal.bridge;

import java.time.Duration;

/**
 * The bridge's bounds, as values (from {@link BridgeConfig} in the daemon, built directly in tests).
 *
 * @param poolSize         connections served at once; a thread each (two while a command runs: one runs it, one
 *                         watches the socket for stdin, signals and the hang-up)
 * @param reservedSize     connections beyond the pool that may only run {@code om daemon status|stop}
 * @param requestTimeout   how long a client has to send its whole request
 * @param requestMaxBytes  bound of a whole request, 5-byte frame headers included (stdin is streamed apart)
 * @param requestMaxFrames bound of the frame count of a request
 * @param drainTimeout     how long {@code close()} waits for running commands
 */
record BridgeSettings(int poolSize, int reservedSize, Duration requestTimeout, int requestMaxBytes,
                      int requestMaxFrames, Duration drainTimeout) {
    static final int DEFAULT_POOL_SIZE = 256;
    static final int DEFAULT_RESERVED_SIZE = 4;
    static final int DEFAULT_REQUEST_TIMEOUT_SECONDS = 10;
    static final int DEFAULT_REQUEST_MAX_BYTES = 1 << 20;
    static final int DEFAULT_REQUEST_MAX_FRAMES = 10_000;
    static final int DEFAULT_DRAIN_TIMEOUT_SECONDS = 30;

    static final BridgeSettings DEFAULTS = new BridgeSettings(DEFAULT_POOL_SIZE, DEFAULT_RESERVED_SIZE,
            Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS), DEFAULT_REQUEST_MAX_BYTES,
            DEFAULT_REQUEST_MAX_FRAMES, Duration.ofSeconds(DEFAULT_DRAIN_TIMEOUT_SECONDS));

    BridgeSettings {
        // a bad configuration value falls back to a working minimum rather than a dead listener
        poolSize = Math.max(1, poolSize);
        reservedSize = Math.max(1, reservedSize);
        requestTimeout = requestTimeout.isNegative() || requestTimeout.isZero() ? Duration.ofSeconds(1)
                : requestTimeout;
        requestMaxBytes = Math.max(4096, requestMaxBytes);
        requestMaxFrames = Math.max(16, requestMaxFrames);
        drainTimeout = drainTimeout.isNegative() ? Duration.ZERO : drainTimeout;
    }

    static BridgeSettings of(BridgeConfig c) {
        return new BridgeSettings(c.pool_size(), c.reserved_size(), Duration.ofSeconds(c.request_timeout()),
                c.request_max_bytes(), c.request_max_frames(), Duration.ofSeconds(c.drain_timeout()));
    }

    BridgeSettings withPool(int pool, int reserved) {
        return new BridgeSettings(pool, reserved, requestTimeout, requestMaxBytes, requestMaxFrames, drainTimeout);
    }

    BridgeSettings withDrainTimeout(Duration drain) {
        return new BridgeSettings(poolSize, reservedSize, requestTimeout, requestMaxBytes, requestMaxFrames, drain);
    }
}

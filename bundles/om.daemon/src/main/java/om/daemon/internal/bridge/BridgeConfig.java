package om.daemon.internal.bridge;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The bridge tunables, configuration PID {@code om.bridge} (Config Admin; the defaults apply when no configuration
 * exists). Property names are the method names with {@code _} read as {@code .}, e.g. {@code pool.size}.
 */
@ObjectClassDefinition(id = BridgeListener.PID, name = "om bridge listener",
        description = "The local socket var/lsnr/cli.sock through which bin/om hands commands to the daemon")
public @interface BridgeConfig {
    @AttributeDefinition(description = "connections served at once (reading their request or running their "
            + "command); further ones get 'error: the daemon is busy'")
    int pool_size() default BridgeSettings.DEFAULT_POOL_SIZE;

    @AttributeDefinition(description = "extra connections kept for 'om daemon status' and 'om daemon stop' when "
            + "the pool is full")
    int reserved_size() default BridgeSettings.DEFAULT_RESERVED_SIZE;

    @AttributeDefinition(description = "seconds a client has to send its whole request")
    int request_timeout() default BridgeSettings.DEFAULT_REQUEST_TIMEOUT_SECONDS;

    @AttributeDefinition(description = "bytes a whole request may have (frame headers included, stdin excluded)")
    int request_max_bytes() default BridgeSettings.DEFAULT_REQUEST_MAX_BYTES;

    @AttributeDefinition(description = "frames a request may have")
    int request_max_frames() default BridgeSettings.DEFAULT_REQUEST_MAX_FRAMES;

    @AttributeDefinition(description = "seconds a daemon stop waits for running commands before closing them")
    int drain_timeout() default BridgeSettings.DEFAULT_DRAIN_TIMEOUT_SECONDS;
}

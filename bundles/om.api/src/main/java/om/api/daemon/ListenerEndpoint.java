package om.api.daemon;

/**
 * Where the node API listens: {@code listener.addr} and {@code listener.port} of the node configuration in
 * force, the {@code config} of the {@code listener} thread in the dataset (status.md section 8). Shown whether
 * or not the listener could bind it (its thread state tells).
 *
 * @param addr the listen address, {@code 0.0.0.0} for every address
 * @param port the TLS port
 * @since 1.2
 */
public record ListenerEndpoint(String addr, int port) {
}

/**
 * The bridge listener: the local Unix socket {@code var/lsnr/cli.sock} through which the {@code om} client hands a
 * command line to the daemon and receives its output. It owns the socket and one thread per connection; it consumes
 * the {@code CommandRunner} service and publishes nothing. The wire format is documented in om.launcher's
 * PROTOCOL.md.
 */
package om.daemon.internal.bridge;

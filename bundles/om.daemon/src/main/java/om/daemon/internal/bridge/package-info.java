/**
 * The bridge listener: the local Unix socket {@code var/lsnr/cli.sock} through which the {@code om} client hands a
 * command line to the daemon and receives its output. It owns the socket and a thread per connection (bounded by the
 * {@code om.bridge} configuration, with a reserved lane for {@code om daemon status|stop}); it watches each
 * connection while its command runs (stdin, forwarded signals, the hang-up) and cancels the command's
 * {@code Cancellation} rather than interrupting threads. It consumes the {@code CommandRunner} service and publishes
 * nothing. The wire format is documented in om.launcher's PROTOCOL.md.
 */
package om.daemon.internal.bridge;

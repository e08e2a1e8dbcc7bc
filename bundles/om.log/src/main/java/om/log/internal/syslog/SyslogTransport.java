package om.log.internal.syslog;

import java.io.IOException;

/** Where syslog messages leave the process. Not thread-safe: one sender thread uses it. */
sealed interface SyslogTransport extends AutoCloseable permits UdpTransport, UnixStreamTransport, LoggerTransport {
    void send(SyslogMessage m) throws IOException;

    /** The destination as written in errors. */
    String describe();

    @Override
    void close();
}

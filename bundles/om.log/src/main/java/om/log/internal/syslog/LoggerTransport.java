package om.log.internal.syslog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A datagram local socket through one long-lived util-linux {@code logger} child reading stdin
 * ({@code --prio-prefix}: each line starts with {@code <PRI>}). Java 17 cannot open a Unix datagram socket;
 * logger (package bsdutils, essential on Debian) can. logger writes the header itself (its own time and host
 * name) in the RFC 5424 or RFC 3164 framing asked for, with tag {@code om}.
 */
final class LoggerTransport implements SyslogTransport {
    private final Path socket;
    private final Process process;
    private final OutputStream in;

    LoggerTransport(Path socket, boolean rfc3164) throws IOException {
        this.socket = socket;
        List<String> cmd = List.of("logger", "--socket", socket.toString(), "--prio-prefix", "--socket-errors=on",
                rfc3164 ? "--rfc3164" : "--rfc5424=notq", "--tag", SyslogMessage.APP_NAME);
        this.process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        this.in = process.getOutputStream();
    }

    @Override
    public void send(SyslogMessage m) throws IOException {
        if (!process.isAlive()) {
            throw new IOException("logger exited with code " + process.exitValue() + " (socket " + socket + ")");
        }
        in.write(("<" + m.priority() + ">" + m.body() + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @Override
    public String describe() {
        return "logger --socket " + socket;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // logger already gone
        }
        process.destroy();
    }
}

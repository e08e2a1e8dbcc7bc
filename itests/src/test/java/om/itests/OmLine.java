package om.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/** Runs one {@code om ...} line through the Gogo CommandProcessor and keeps what it printed. */
final class OmLine {
    final String out;
    final String err;
    final int exit;

    private OmLine(String out, String err, int exit) {
        this.out = out;
        this.err = err;
        this.exit = exit;
    }

    static OmLine run(CommandProcessor processor, String line) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream pout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream perr = new PrintStream(err, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), pout, perr)) {
            session.execute(line);
            Object rc = session.get("om.exit");
            pout.flush();
            perr.flush();
            return new OmLine(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    rc instanceof Integer i ? i : -1);
        }
    }

    @Override
    public String toString() {
        return "exit=" + exit + "\nout:\n" + out + "err:\n" + err;
    }
}

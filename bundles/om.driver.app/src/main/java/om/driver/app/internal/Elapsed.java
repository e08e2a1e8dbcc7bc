package om.driver.app.internal;

import java.time.Duration;

/** The {@code H:MM:SS.ffffff} form of a command's run time in the action log, as OpenSVC writes it. */
public final class Elapsed {
    private Elapsed() {
    }

    public static String format(Duration d) {
        Duration p = d == null || d.isNegative() ? Duration.ZERO : d;
        long seconds = p.getSeconds();
        long micros = p.getNano() / 1000L;
        return String.format("%d:%02d:%02d.%06d", seconds / 3600, (seconds / 60) % 60, seconds % 60, micros);
    }
}

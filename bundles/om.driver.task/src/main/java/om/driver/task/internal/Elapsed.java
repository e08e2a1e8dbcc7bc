package om.driver.task.internal;

import java.time.Duration;

/** The {@code H:MM:SS.ffffff} form of a run time in the action log, as OpenSVC writes it. */
final class Elapsed {
    private Elapsed() {
    }

    static String format(Duration d) {
        Duration p = d == null || d.isNegative() ? Duration.ZERO : d;
        long seconds = p.getSeconds();
        return String.format("%d:%02d:%02d.%06d", seconds / 3600, (seconds / 60) % 60, seconds % 60,
                p.getNano() / 1000L);
    }
}

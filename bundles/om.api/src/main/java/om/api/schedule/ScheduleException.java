package om.api.schedule;

/** A schedule expression that does not follow the grammar; the message names the faulty part. */
public final class ScheduleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ScheduleException(String message) {
        super(message);
    }
}

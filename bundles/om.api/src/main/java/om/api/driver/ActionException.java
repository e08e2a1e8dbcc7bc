package om.api.driver;

/** A resource action failed; the message is one line naming the cause. */
public class ActionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ActionException(String message) {
        super(message);
    }

    public ActionException(String message, Throwable cause) {
        super(message, cause);
    }
}

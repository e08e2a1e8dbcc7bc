package om.api.status;

import java.util.Optional;

/** Status values (status.md section 1). */
public enum Status {
    UP("up"), DOWN("down"), WARN("warn"), NA("n/a"), UNDEF("undef"), STDBY_UP("stdby up"), STDBY_DOWN("stdby down");

    private final String word;

    Status(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<Status> fromWord(String w) {
        for (Status s : values()) {
            if (s.word.equals(w)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The standby form of a check result: up becomes stdby up, down becomes stdby down. */
    public Status standby() {
        return switch (this) {
            case UP -> STDBY_UP;
            case DOWN -> STDBY_DOWN;
            default -> this;
        };
    }

    @Override
    public String toString() {
        return word;
    }
}

package om.api;

import java.util.Locale;
import java.util.Optional;

/** The kinds of objects; the word is what appears in paths and file locations. */
public enum Kind {
    SVC(true), VOL(true), CFG(false), SEC(false), USR(false), CCFG(false), NSCFG(false);

    private final boolean hasResources;

    Kind(boolean hasResources) {
        this.hasResources = hasResources;
    }

    /** The lower-case word used in paths, e.g. {@code svc}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether objects of this kind are made of resources (svc, vol). */
    public boolean hasResources() {
        return hasResources;
    }

    /** The kind named by a path word, if any. */
    public static Optional<Kind> fromWord(String word) {
        for (Kind k : values()) {
            if (k.word().equals(word)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return word();
    }
}

package om.selector.internal.parse;

import om.api.ObjectPath;

/** A term that is a valid object path: that object if it is in the universe. */
public record ExactPath(ObjectPath path) implements Atom {
    @Override
    public boolean needsConfig() {
        return false;
    }

    @Override
    public String toString() {
        return path.canonical();
    }
}

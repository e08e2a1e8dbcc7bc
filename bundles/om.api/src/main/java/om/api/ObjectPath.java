package om.api;

import java.util.Set;

/**
 * The identity of an object: namespace, kind and name. Immutable value; compares by canonical form. The canonical
 * and fully qualified forms are computed once: selectors sort and match tens of thousands of them per call.
 */
public final class ObjectPath implements Comparable<ObjectPath> {
    public static final String ROOT = "root";
    private static final Set<String> RESERVED = Set.of("svc", "vol", "cfg", "sec", "usr", "ccfg", "nscfg", "node");

    private final String namespace;
    private final Kind kind;
    private final String name;
    private final String fqn;
    private final String canonical;

    public ObjectPath(String namespace, Kind kind, String name) {
        check(namespace, namespace, "namespace");
        check(name, name, "name");
        if (kind == null) {
            throw new InvalidPathException(namespace + "//" + name, "missing kind");
        }
        this.namespace = namespace;
        this.kind = kind;
        this.name = name;
        this.fqn = namespace + "/" + kind.word() + "/" + name;
        this.canonical = ROOT.equals(namespace)
                ? (kind == Kind.SVC || kind == Kind.CCFG ? name : kind.word() + "/" + name)
                : fqn;
    }

    public String namespace() {
        return namespace;
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** Parses the written forms of objects-and-config section 1.2. */
    public static ObjectPath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidPathException(text == null ? "" : text, "empty path");
        }
        String[] parts = text.split("/", -1);
        if (parts.length > 3) {
            throw new InvalidPathException(text, "too many parts");
        }
        String ns;
        String kindWord;
        String name;
        switch (parts.length) {
            case 1 -> {
                ns = ROOT;
                if (text.equals("cluster")) {
                    return new ObjectPath(ROOT, Kind.CCFG, "cluster");
                }
                kindWord = "svc";
                name = parts[0];
            }
            case 2 -> {
                if (parts[1].isEmpty()) {
                    // "<ns>/" is the namespace config object
                    ns = parts[0];
                    kindWord = "nscfg";
                    name = "namespace";
                } else {
                    ns = ROOT;
                    kindWord = parts[0].isEmpty() ? "svc" : parts[0];
                    name = parts[1];
                }
            }
            default -> {
                ns = parts[0].isEmpty() ? ROOT : parts[0];
                kindWord = parts[1].isEmpty() ? "svc" : parts[1];
                name = parts[2];
            }
        }
        Kind kind = Kind.fromWord(kindWord)
                .orElseThrow(() -> new InvalidPathException(text, "unknown kind '" + kindWord + "'"));
        validateWord(text, ns, "namespace");
        validateWord(text, name, "name");
        if (RESERVED.contains(name) && !(kind == Kind.NSCFG && name.equals("namespace"))
                && !(kind == Kind.CCFG && name.equals("cluster"))) {
            throw new InvalidPathException(text, "reserved name '" + name + "'");
        }
        if (kind == Kind.CCFG && !(ns.equals(ROOT) && name.equals("cluster"))) {
            throw new InvalidPathException(text, "the cluster configuration object is always 'cluster'");
        }
        if (kind == Kind.NSCFG && !name.equals("namespace")) {
            throw new InvalidPathException(text, "a namespace configuration object is always named 'namespace'");
        }
        // root/svc/cluster would be etc/cluster.conf: the cluster object's file, its secret included
        if (ns.equals(ROOT) && kind == Kind.SVC && (name.equals("namespace") || name.equals("cluster"))) {
            throw new InvalidPathException(text, "reserved name '" + name + "'");
        }
        return new ObjectPath(ns, kind, name);
    }

    /** True if {@code text} parses as a path. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static void check(String value, String text, String what) {
        if (value == null || value.isEmpty()) {
            throw new InvalidPathException(String.valueOf(text), "empty " + what);
        }
    }

    static void validateWord(String text, String word, String what) {
        if (word.isEmpty()) {
            throw new InvalidPathException(text, "empty " + what);
        }
        if (word.length() > 63) {
            throw new InvalidPathException(text, what + " longer than 63 characters");
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                throw new InvalidPathException(text, "uppercase letters are not allowed");
            }
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            boolean ok = i == 0 ? alnum : alnum || c == '.' || c == '-';
            if (!ok) {
                throw new InvalidPathException(text, "invalid character '" + c + "' in " + what);
            }
        }
    }

    /** {@code ns/kind/name}, always fully qualified; globs match this form. */
    public String fqn() {
        return fqn;
    }

    /** The display form: root namespace dropped, and the kind too for root svc and ccfg. */
    public String canonical() {
        return canonical;
    }

    public boolean isRoot() {
        return ROOT.equals(namespace);
    }

    @Override
    public int compareTo(ObjectPath o) {
        return canonical.compareTo(o.canonical);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectPath p && fqn.equals(p.fqn);
    }

    @Override
    public int hashCode() {
        return fqn.hashCode();
    }

    @Override
    public String toString() {
        return canonical();
    }
}

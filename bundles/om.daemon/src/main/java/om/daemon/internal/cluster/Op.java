package om.daemon.internal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One operation of a batch (heartbeats-and-daemon.md section 4): {@code replace} sets the member at {@code path}
 * (creating the objects on the way), {@code remove} deletes it (nothing to do when absent). {@code path} is an
 * RFC 6901 JSON Pointer into the node data; node data has objects all the way down to the members ops address,
 * so a pointer never indexes an array.
 *
 * @param value the new value for {@code replace}, null for {@code remove}
 */
record Op(String op, String path, JsonNode value) {
    static final String REPLACE = "replace";
    static final String REMOVE = "remove";

    Op {
        if (!REPLACE.equals(op) && !REMOVE.equals(op)) {
            throw new IllegalArgumentException("op " + op + " is not replace or remove");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path " + path + " is not a JSON Pointer into the node data");
        }
        if (REPLACE.equals(op) && value == null) {
            throw new IllegalArgumentException("replace " + path + " without a value");
        }
    }

    static Op replace(String path, JsonNode value) {
        return new Op(REPLACE, path, value);
    }

    static Op remove(String path) {
        return new Op(REMOVE, path, null);
    }

    /** The pointer of a member: {@code /} and {@code ~} in names escaped ({@code ns1/svc/web} is {@code ns1~1svc~1web}). */
    static String pointer(String... names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append('/').append(n.replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }

    /** The member names of a pointer, unescaped ({@code ~1} first, then {@code ~0}, as RFC 6901 says). */
    static List<String> names(String pointer) {
        List<String> out = new ArrayList<>();
        if (pointer.isEmpty()) {
            return out;
        }
        if (pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("not a JSON Pointer: " + pointer);
        }
        int start = 1;
        while (true) {
            int slash = pointer.indexOf('/', start);
            String token = slash < 0 ? pointer.substring(start) : pointer.substring(start, slash);
            out.add(token.replace("~1", "/").replace("~0", "~"));
            if (slash < 0) {
                return out;
            }
            start = slash + 1;
        }
    }

    /**
     * Applies the operation to {@code root}.
     *
     * @throws IllegalArgumentException when the pointer crosses a member that is not an object (the peer's tree
     *                                  and ours disagree: ask for a full)
     */
    void apply(ObjectNode root) {
        List<String> names = names(path);
        ObjectNode parent = root;
        for (int i = 0; i < names.size() - 1; i++) {
            JsonNode child = parent.get(names.get(i));
            if (child == null || child.isNull()) {
                if (REMOVE.equals(op)) {
                    return;
                }
                child = parent.putObject(names.get(i));
            } else if (!child.isObject()) {
                throw new IllegalArgumentException(path + ": " + names.get(i) + " is not an object");
            }
            parent = (ObjectNode) child;
        }
        String last = names.get(names.size() - 1);
        if (REMOVE.equals(op)) {
            parent.remove(last);
        } else {
            parent.set(last, value);
        }
    }
}

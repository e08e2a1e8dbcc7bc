package om.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ObjectPathTest {
    @Test
    void clusterIsTheClusterObjectOnly() {
        assertEquals(Kind.CCFG, ObjectPath.parse("cluster").kind());
        assertEquals(Kind.CCFG, ObjectPath.parse("root/ccfg/cluster").kind());
        assertEquals("ns1/svc/cluster", ObjectPath.parse("ns1/svc/cluster").canonical(), "a namespace's own");
        assertEquals("vol/cluster", ObjectPath.parse("vol/cluster").canonical(), "etc/vol/cluster.conf");
    }

    /**
     * Issue 12 item 3 regression: root/svc/cluster was a valid path whose file is etc/cluster.conf, so `om
     * svc/cluster set|delete` and the node API's config file endpoint reached the cluster config (its secret) as
     * a service, past every rule kept for the cluster object.
     */
    @Test
    void aRootServiceCannotBeNamedCluster() {
        for (String text : new String[] {"svc/cluster", "root/svc/cluster", "/cluster", "root//cluster"}) {
            InvalidPathException e = assertThrows(InvalidPathException.class, () -> ObjectPath.parse(text), text);
            assertEquals("invalid path '" + text + "': reserved name 'cluster'", e.getMessage());
        }
    }
}

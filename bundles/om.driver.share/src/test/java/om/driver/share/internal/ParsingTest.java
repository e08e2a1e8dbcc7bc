package om.driver.share.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import om.api.driver.ActionException;
import om.driver.share.internal.ExportTable.Export;
import org.junit.jupiter.api.Test;

class ParsingTest {
    @Test
    void clientEntriesFollowExports5() throws Exception {
        assertEquals(List.of(new ClientEntry("client1", "ro,fsid=0"), new ClientEntry("*", "ro"),
                        new ClientEntry("10.0.0.0/8", "")),
                ClientEntry.parseAll("  client1(ro,fsid=0)   *(ro)\n10.0.0.0/8 "));
        assertEquals(List.of(new ClientEntry("*", "rw")), ClientEntry.parseAll("(rw)"));
        assertEquals(List.of("ro", "fsid=0"), new ClientEntry("c", "ro,fsid=0").optionList());
        assertEquals("c:/srv/x", new ClientEntry("c", "ro").target("/srv/x"));
        assertEquals("invalid opts entry 'a(ro': expected <client>(<options>)",
                assertThrows(ActionException.class, () -> ClientEntry.parseAll("a(ro")).getMessage());
        assertEquals("invalid opts entry 'a(ro,': expected <client>(<options>)",
                assertThrows(ActionException.class, () -> ClientEntry.parseAll("a(ro, rw)")).getMessage());
        assertEquals("invalid opts: client A is listed twice",
                assertThrows(ActionException.class, () -> ClientEntry.parseAll("a(ro) A(rw)")).getMessage());
        assertThrows(ActionException.class, () -> ClientEntry.parseAll("   "));
    }

    @Test
    void exportTableReadsShortAndWrappedLines() {
        String out = "/tmp/hx       \t127.0.0.1(sync,wdelay,hide,no_subtree_check,fsid=77,sec=sys,ro,root_squash)\n"
                + "/tmp/hx/a-rather-long-directory-name-for-testing\n"
                + "\t\t<world>(sync,wdelay,hide,no_subtree_check,sec=sys,rw,root_squash,no_all_squash)\n"
                + "/tmp/with\\040space\t@netgrp(ro)\n";
        ExportTable t = ExportTable.parse(out);
        assertEquals(List.of(
                new Export("/tmp/hx", "127.0.0.1",
                        List.of("sync", "wdelay", "hide", "no_subtree_check", "fsid=77", "sec=sys", "ro", "root_squash")),
                new Export("/tmp/hx/a-rather-long-directory-name-for-testing", "<world>",
                        List.of("sync", "wdelay", "hide", "no_subtree_check", "sec=sys", "rw", "root_squash",
                                "no_all_squash")),
                new Export("/tmp/with space", "@netgrp", List.of("ro"))), t.exports());
        assertTrue(t.find("/tmp/hx/a-rather-long-directory-name-for-testing", new ClientEntry("*", "rw"))
                .isPresent());
        assertTrue(t.find("/tmp/hx", new ClientEntry("127.0.0.2", "rw")).isEmpty());
    }

    @Test
    void conflictsAreOppositeFlagsAndDifferentIds() {
        Export e = new Export("/p", "c", List.of("sync", "fsid=77", "ro", "root_squash", "anonuid=65534"));
        assertEquals(List.of(), ExportTable.conflicts(new ClientEntry("c", "ro,fsid=77,crossmnt,sec=sys"), e));
        assertEquals(List.of("rw", "fsid=1", "no_root_squash"),
                ExportTable.conflicts(new ClientEntry("c", "rw,fsid=1,no_root_squash,anonuid=65534"), e));
    }
}

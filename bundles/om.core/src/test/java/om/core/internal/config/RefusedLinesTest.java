package om.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import om.api.config.ConfigIssue;
import org.junit.jupiter.api.Test;

class RefusedLinesTest {
    private static final String BEFORE = "[DEFAULT]\nid = 1\n\n[app#0]\ntype = simple\nnmae = x\n";

    private static int line(String text, int onText) {
        return RefusedLines.onFileLines(List.of(new ConfigIssue("f", onText, "m")), BEFORE, text).get(0).line();
    }

    @Test
    void aKeptLineIsNamedByItsNumberInTheFileEvenAfterAnInsertionAboveIt() {
        // DEFAULT.nodes inserted at line 3: the existing bad keyword moved from line 6 to line 7 of the new text
        String text = "[DEFAULT]\nid = 1\nnodes = n1\n\n[app#0]\ntype = simple\nnmae = x\n";
        assertEquals(6, line(text, 7));
        assertEquals(0, line(text, 3), "the inserted line is on no line of the file");
    }

    @Test
    void aValueRewrittenInPlaceKeepsItsLine() {
        String text = "[DEFAULT]\nid = 1\n\n[app#0]\ntype = nope\nnmae = x\n";
        assertEquals(5, line(text, 5));
    }

    @Test
    void aSectionAddedAtTheEndNamesNoLine() {
        String text = BEFORE + "\n[nosuch]\nkey = 1\n";
        assertEquals(0, line(text, 8));
        assertEquals(0, line(text, 9));
        assertEquals(0, line(text, 0));
    }

    @Test
    void mappingOfIdenticalTextsIsTheIdentity() {
        String[] lines = BEFORE.split("\n", -1);
        int[] identity = new int[lines.length];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i + 1;
        }
        assertArrayEquals(identity, RefusedLines.mapping(lines, lines));
    }

    @Test
    void aHugeFileIsMappedWithoutATableOfItsSizeSquared() {
        StringBuilder b = new StringBuilder("[DEFAULT]\n");
        for (int i = 0; i < 20_000; i++) {
            b.append("k").append(i).append(" = ").append(i).append('\n');
        }
        String before = b.toString();
        String text = before.replace("k5 = 5\n", "k5 = 5\nnew = 1\n").replace("k19000 = 19000\n", "k19000 = x\n");
        int[] map = RefusedLines.mapping(before.split("\n", -1), text.split("\n", -1));
        assertEquals(1, map[0]);
        assertEquals(0, map[7], "the added line");
        assertEquals(19_002, map[19_002], "the line rewritten in place, after the added one");
        assertEquals(20_002, map[20_002], "the last line");
    }
}

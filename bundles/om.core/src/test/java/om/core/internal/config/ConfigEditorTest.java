package om.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import om.api.config.KeywordChange;
import org.junit.jupiter.api.Test;

class ConfigEditorTest {
    private static final String TEXT = """
            # the web front
            [DEFAULT]
            nodes = n1 n2
            ; keep this

            [app#0]
            start = /bin/true
            environment = A=1
                B=2
            # trailing comment
            """;

    @Test
    void replacingAKeywordKeepsCommentsAndLayout() {
        String out = ConfigEditor.apply("f", TEXT, List.of(new KeywordChange("app#0", "environment", null, "C=3")));
        assertEquals(TEXT.replace("environment = A=1\n    B=2\n", "environment = C=3\n"), out);
    }

    @Test
    void newKeywordsGoAtTheEndOfTheirSectionAndNewSectionsAtTheEnd() {
        String out = ConfigEditor.apply("f", TEXT, List.of(
                new KeywordChange("DEFAULT", "priority", null, "10"),
                new KeywordChange("app#0", "timeout", "n1", "5s"),
                new KeywordChange("fs#0", "type", null, "tmpfs")));
        assertEquals("""
                # the web front
                [DEFAULT]
                nodes = n1 n2
                priority = 10
                ; keep this

                [app#0]
                start = /bin/true
                environment = A=1
                    B=2
                timeout@n1 = 5s
                # trailing comment

                [fs#0]
                type = tmpfs
                """, out);
    }

    @Test
    void removingAKeywordRemovesItsContinuationLines() {
        String out = ConfigEditor.apply("f", TEXT, List.of(new KeywordChange("app#0", "environment", null, null),
                new KeywordChange("app#0", "nosuch", null, null)));
        assertEquals(TEXT.replace("environment = A=1\n    B=2\n", ""), out);
    }

    @Test
    void aMissingHeaderIsAddedFirst() {
        String out = ConfigEditor.apply("f", "[app#0]\nstart = /bin/true\n",
                List.of(new KeywordChange("DEFAULT", "nodes", null, "n1")));
        assertEquals("[DEFAULT]\nnodes = n1\n\n[app#0]\nstart = /bin/true\n", out);
    }
}

package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import om.api.cli.OmVerb;
import om.api.cli.VerbContext;
import om.api.cli.VerbRequest;
import org.junit.jupiter.api.Test;

class HelpVerbTest {
    private static OmVerb verb(String words, String summary) {
        return new OmVerb() {
            @Override
            public List<String> words() {
                return List.of(words.split(" "));
            }

            @Override
            public String summary() {
                return summary;
            }

            @Override
            public int run(VerbRequest request, VerbContext context) {
                return 0;
            }
        };
    }

    @Test
    void everySummaryStartsInTheSameColumnWhateverTheLengthOfTheVerbs() {
        Map<String, OmVerb> verbs = new LinkedHashMap<>();
        verbs.put("ls", verb("ls", "list the selected objects"));
        verbs.put("cluster config validate", verb("cluster config validate", "check etc/cluster.conf"));
        List<String> lines = HelpVerb.overview(verbs).lines()
                .filter(l -> l.startsWith("  ") && !l.startsWith("   ")).toList();
        assertEquals(List.of(
                "  ls                      list the selected objects",
                "  cluster config validate check etc/cluster.conf"), lines);
    }
}

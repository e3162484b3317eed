package dev.hypertracker.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** tools.json and the README's tool table are generated from the code: these fail when either drifts. */
class ToolManifestTest {
    private static final String START = "<!-- tools-table:start -->\n";
    private static final String END = "<!-- tools-table:end -->";

    @Test
    void toolsJsonMatchesTheCode() throws Exception {
        String expected = ToolManifest.json();
        if (Boolean.getBoolean("update.manifest")) Files.writeString(Path.of("tools.json"), expected);
        assertThat(Files.readString(Path.of("tools.json")))
                .as("tools.json is stale: run `java -jar target/hypertracker-mcp.jar tools-json > tools.json` "
                        + "(or mvn test -Dupdate.manifest=true)")
                .isEqualTo(expected);
    }

    @Test
    void readmeToolTableMatchesTheCode() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf(START) + START.length();
        int to = readme.indexOf(END);
        String table = readme.substring(from, to);
        String expected = ToolManifest.markdownTable();
        if (Boolean.getBoolean("update.manifest") && !table.equals(expected)) {
            Files.writeString(Path.of("README.md"), readme.substring(0, from) + expected + readme.substring(to));
            return;
        }
        assertThat(table)
                .as("README tool table is stale: run `java -jar target/hypertracker-mcp.jar tools-json --markdown`")
                .isEqualTo(expected);
    }
}

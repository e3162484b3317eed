package dev.hypertracker.mcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12: the README's troubleshooting section starts with `doctor`. */
class ReadmeTroubleshootingTest {

    @Test
    void troubleshootingStartsWithDoctor() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int heading = lines.indexOf("## Troubleshooting");
        assertThat(heading).as("a Troubleshooting section").isNotNegative();
        String first = lines.subList(heading + 1, lines.size()).stream()
                .filter(l -> !l.isBlank())
                .findFirst()
                .orElseThrow();
        assertThat(first).contains("`doctor`");
    }
}

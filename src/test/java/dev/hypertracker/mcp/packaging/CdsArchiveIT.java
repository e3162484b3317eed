package dev.hypertracker.mcp.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.e2e.StdioMcpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's AppCDS archive fits the final jar: with {@code -Xshare:on} the JVM refuses to start when the archive
 * cannot be mapped (trained on another or an earlier jar, another JDK), so a served {@code initialize} proves it
 * maps. The class-load log then shows the start's classes coming from it, and no picocli model being built.
 */
class CdsArchiveIT {

    @Test
    void archiveMapsWithXshareOnAndServesTheStartsClasses(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("hypertracker.jar", "target/hypertracker-mcp.jar"));
        Path archive = Path.of(jar.toString().replaceFirst("\\.jar$", ".jsa"));
        assertThat(archive)
                .as("the build writes the archive (unless -Dskip.cds)")
                .isRegularFile();
        Path classLog = dir.resolve("classes.txt");
        try (StdioMcpClient client = StdioMcpClient.launch(
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:SharedArchiveFile=" + archive,
                        "-Xshare:on",
                        "-Xlog:disable",
                        "-Xlog:all=warning:stderr",
                        "-Xlog:class+load=info:file=" + classLog,
                        "-jar",
                        jar.toString()),
                Map.of(),
                Set.of())) {
            assertThat(client.initialize()
                            .path("result")
                            .path("serverInfo")
                            .path("name")
                            .asString())
                    .isEqualTo("hypertracker-mcp");
            assertThat(client.closeAndWait(Duration.ofSeconds(60)))
                    .as("stderr: %s", client.stderr())
                    .isZero();
        }
        List<String> ours = Files.readAllLines(classLog).stream()
                .filter(l -> l.contains(" dev.hypertracker.mcp."))
                .toList();
        assertThat(ours).isNotEmpty();
        assertThat(ours)
                .as("the server's own classes of a start come from the archive")
                .filteredOn(l -> l.contains("shared objects file"))
                .hasSizeGreaterThan(ours.size() * 9 / 10);
        // plain serve reads its options without picocli's model (cli/ServeArguments): CommandLine is never loaded
        assertThat(Files.readAllLines(classLog)).noneMatch(l -> l.contains(" picocli.CommandLine source:"));
    }

    @Test
    void archiveLeavesOutTheDemoSandboxsClasses() throws Exception {
        Path jar = Path.of(System.getProperty("hypertracker.jar", "target/hypertracker-mcp.jar"));
        Path archive = Path.of(jar.toString().replaceFirst("\\.jar$", ".jsa"));
        Process listing = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:SharedArchiveFile=" + archive,
                        "-Xshare:on",
                        "-XX:+PrintSharedArchiveAndExit",
                        "-cp",
                        jar.toString())
                .redirectErrorStream(true)
                .start();
        String classes = new String(listing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(listing.waitFor()).as(classes).isZero();
        // every page of a mapped archive is resident: classes no real session loads only cost memory
        assertThat(classes)
                .contains("dev.hypertracker.mcp.server.HyperTrackerServer")
                .contains("dev.hypertracker.mcp.digest.Summarizer")
                .doesNotContain("org.eclipse.jetty.")
                .doesNotContain("dev.hypertracker.mcp.sandbox.");
    }
}

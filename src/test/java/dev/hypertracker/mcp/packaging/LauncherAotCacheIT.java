package dev.hypertracker.mcp.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hypertracker.mcp.e2e.StdioMcpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On JDK 25+, the launcher trains an AOT cache beside the jar on the first run (one line on stderr) and starts with
 * it afterwards ({@code -XX:AOTMode=on} makes an unusable cache fatal, so an answer proves it maps). Needs a JDK 25
 * or newer: {@code -Dhypertracker.jdk25=/path} or one under /usr/lib/jvm; skipped otherwise (Java 17 is the baseline).
 */
class LauncherAotCacheIT {

    static Optional<Path> jdk25() throws IOException {
        String configured = System.getProperty("hypertracker.jdk25");
        if (configured != null && !configured.isBlank()) return Optional.of(Path.of(configured));
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return Optional.empty();
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && major(h) >= 25)
                    .max(Comparator.comparing(LauncherAotCacheIT::major));
        }
    }

    private static int major(Path home) {
        try {
            String release = Files.readString(home.resolve("release"));
            String v = release.replaceAll("(?s).*JAVA_VERSION=\"([0-9]+).*", "$1");
            return Integer.parseInt(v);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Test
    void trainsOnTheFirstRunThenStartsWithTheCache(@TempDir Path dir) throws Exception {
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "bash launcher");
        Optional<Path> jdk = jdk25();
        assumeTrue(
                jdk.isPresent(),
                "no JDK 25+ found (-Dhypertracker.jdk25 or /usr/lib/jvm): the AOT cache path is optional");
        Path jar = dir.resolve("hypertracker-mcp.jar");
        Files.copy(Path.of(System.getProperty("hypertracker.jar", "target/hypertracker-mcp.jar")), jar);
        Map<String, String> env = Map.of("JAVA_HOME", jdk.get().toString(), "HYPERTRACKER_MCP_JAR", jar.toString());

        String firstStderr = initializeThroughLauncher(env);
        assertThat(dir.resolve("hypertracker-mcp.aot")).isRegularFile();
        assertThat(firstStderr.lines().filter(l -> l.startsWith("hypertracker-mcp: training")))
                .hasSize(1);
        assertThat(firstStderr).doesNotContain("Exception").doesNotContainIgnoringCase("[warning]");
        // trained against a sandbox in its own JVM: the cache holds the server's classes, not the sandbox's Jetty
        String cache = new String(Files.readAllBytes(dir.resolve("hypertracker-mcp.aot")), StandardCharsets.ISO_8859_1);
        assertThat(cache)
                .contains("dev/hypertracker/mcp/server/HyperTrackerServer")
                .doesNotContain("org/eclipse/jetty/server/Server")
                .doesNotContain("dev/hypertracker/mcp/sandbox/SandboxServer$");

        String secondStderr = initializeThroughLauncher(Map.of(
                "JAVA_HOME",
                jdk.get().toString(),
                "HYPERTRACKER_MCP_JAR",
                jar.toString(),
                "HYPERTRACKER_MCP_JAVA_OPTS",
                "-XX:AOTMode=on"));
        assertThat(secondStderr).doesNotContain("training").doesNotContainIgnoringCase("[warning]");
    }

    private static String initializeThroughLauncher(Map<String, String> env) throws Exception {
        try (StdioMcpClient client = StdioMcpClient.launch(
                List.of("bash", Path.of("bin", "hypertracker-mcp").toString()),
                env,
                Set.of("HYPERTRACKER_MCP_JAVA_OPTS", "HYPERTRACKER_MCP_CDS"))) {
            assertThat(client.initialize()
                            .path("result")
                            .path("serverInfo")
                            .path("name")
                            .asString())
                    .isEqualTo("hypertracker-mcp");
            assertThat(client.closeAndWait(Duration.ofSeconds(60)))
                    .as("stderr: %s", client.stderr())
                    .isZero();
            assertThat(client.stdoutLines).allSatisfy(l -> assertThat(l).startsWith("{\"jsonrpc\":\"2.0\""));
            return client.stderr();
        }
    }
}

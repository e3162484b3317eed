package dev.hypertracker.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.tools.DefaultToolSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official TypeScript SDK client against the built jar in demo mode, without --tools: it sees the default set,
 * enables a toolset, receives notifications/tools/list_changed, then lists and calls the new tools. Over stdio
 * (the process is the session) and over Streamable HTTP (the session is the Mcp-Session-Id).
 */
class ToolsetDiscoveryIT {
    static String scenario;

    @BeforeAll
    static void load() throws Exception {
        NodeClient.assumeAvailable();
        scenario = Files.readString(NodeClient.clientsDir().resolve("scenarios/toolset-discovery.json"));
    }

    static List<String> demoJar(String... more) {
        String jar = System.getProperty("hypertracker.jar", "target/hypertracker-mcp.jar");
        assertThat(Path.of(jar)).as("the shaded jar (mvn package)").exists();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar, "--demo"));
        command.addAll(List.of(more));
        return command;
    }

    @Test
    void stdio() {
        assertDiscovery(NodeClient.stdio(demoJar(), Map.of(), scenario));
    }

    @Test
    void streamableHttp() throws Exception {
        Process server = new ProcessBuilder(demoJar("--transport", "http", "--port", "0"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String url = ServingProcess.awaitServing(server, new StringBuffer(), Duration.ofSeconds(60))
                    .url();
            assertDiscovery(NodeClient.http(url + "/mcp", null, scenario));
        } finally {
            server.toHandle().destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }

    private static void assertDiscovery(NodeClient.Report report) {
        assertThat(report.failures()).as(report.json().toString()).isEmpty();
        assertThat(report.json()
                        .path("server")
                        .path("capabilities")
                        .path("tools")
                        .path("listChanged")
                        .asBoolean())
                .as("the server announces tools.listChanged")
                .isTrue();
        assertThat(names(report.step("defaultTools"))).containsExactlyElementsOf(DefaultToolSet.names());
        List<String> after = names(report.step("afterEnable"));
        assertThat(after).containsAll(DefaultToolSet.names()).contains("get_perp_volume_metrics");
        assertThat(report.step("listChanged").path("toolListChanged").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(report.step("newToolCall").path("structuredContent").isObject())
                .isTrue();
    }

    private static List<String> names(JsonNode listStep) {
        List<String> names = new ArrayList<>();
        listStep.path("tools").forEach(t -> names.add(t.path("name").asString()));
        return names;
    }
}

package dev.hypertracker.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.e2e.NodeClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client against each transport (skipped when node or its modules are missing).
 * Progress is checked as "some arrived": the TS client dispatches notifications on a microtask but resolves
 * responses at once, so a last notification that lands in the same chunk as the result can be dropped.
 */
class RealClientTest {
    private static final String TOKEN = "real-client-token";
    private static HttpTransportServer server;
    private static String scenario;

    @BeforeAll
    static void start() throws IOException {
        NodeClient.assumeAvailable();
        scenario = Files.readString(NodeClient.clientsDir().resolve("scenarios/test-assembly-smoke.json"));
        server = HttpTransportServer.start(
                HttpTransportConfig.defaults()
                        .withPort(0)
                        .withAuthToken(TOKEN)
                        .withKinds(EnumSet.of(TransportKind.HTTP, TransportKind.SSE)),
                new TestAssembly());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void streamableHttp() {
        NodeClient.Report report =
                NodeClient.http(server.endpointUrl(TransportKind.HTTP).toString(), TOKEN, scenario);
        assertThat(report.failures()).isEmpty();
        assertThat(report.json().path("server").path("protocolVersion").asString())
                .isEqualTo("2025-11-25");
        assertThat(report.step("progress").path("progress")).isNotEmpty();
    }

    @Test
    void sse() {
        NodeClient.Report report =
                NodeClient.sse(server.endpointUrl(TransportKind.SSE).toString(), TOKEN, scenario);
        assertThat(report.failures()).isEmpty();
        assertThat(report.step("progress").path("progress")).isNotEmpty();
    }

    @Test
    void stdio() {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TestServerMain.class.getName(),
                "stdio");
        NodeClient.Report report = NodeClient.stdio(command, Map.of(), scenario);
        assertThat(report.failures()).isEmpty();
        assertThat(report.json().path("stderr").asString()).contains("stdio transport ready");
    }

    @Test
    void wrongTokenIsReportedAsAnError() {
        NodeClient.Report report =
                NodeClient.http(server.endpointUrl(TransportKind.HTTP).toString(), "wrong", scenario);
        assertThat(report.ok()).isFalse();
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.failures()).anySatisfy(failure -> assertThat(failure).contains("invalid bearer token"));
    }
}

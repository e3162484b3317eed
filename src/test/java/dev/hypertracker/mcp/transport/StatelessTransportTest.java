package dev.hypertracker.mcp.transport;

import static dev.hypertracker.mcp.transport.HttpTransportServerTest.echo;
import static dev.hypertracker.mcp.transport.HttpTransportServerTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypertracker.mcp.transport.McpTestClients.Connected;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatelessTransportTest {
    private static final HttpTransportConfig STATELESS =
            HttpTransportConfig.defaults().withPort(0).withKinds(EnumSet.of(TransportKind.STATELESS));

    @Test
    void answersTheStreamableClientWithoutSessions() throws Exception {
        TestAssembly assembly = new TestAssembly();
        try (HttpTransportServer server = HttpTransportServer.start(STATELESS, assembly, assembly);
                Connected client = McpTestClients.streamable(server, null)) {
            assertThat(text(client.client().callTool(echo("stateless")))).isEqualTo("echo: stateless");
            assertThat(McpTestClients.get(server.baseUrl().resolve(HttpTransportServer.HEALTH_PATH), Map.of())
                            .body())
                    .contains("\"transport\":\"stateless\"", "\"sessions\":0");
        }
    }

    @Test
    void needsAStatelessAssembly() {
        assertThatThrownBy(() -> HttpTransportServer.start(STATELESS, new TestAssembly()))
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("StatelessServerAssembly");
    }
}

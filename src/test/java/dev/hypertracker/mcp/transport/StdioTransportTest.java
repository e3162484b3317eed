package dev.hypertracker.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StdioTransportTest {

    @Test
    void servesJsonRpcLinesUntilInputEnds() throws Exception {
        InProcessStdio stdio = new InProcessStdio();

        stdio.send(McpTestClients.INITIALIZE.replace("\n", ""));
        assertThat(stdio.readLine()).contains("\"id\":1", "\"serverInfo\"");
        stdio.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"over stdio\"}}}");
        assertThat(stdio.readLine()).contains("\"id\":2", "echo: over stdio");

        stdio.closeAndAwait();
    }
}

package dev.hypertracker.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

    /** Before the fix the SDK held the ping until notifications/initialized: readLine blocked (the timeout fails it). */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void requestsBetweenInitializeAndInitializedAreAnswered() throws Exception {
        InProcessStdio stdio = new InProcessStdio();

        stdio.send(McpTestClients.INITIALIZE.replace("\n", ""));
        assertThat(stdio.readLine()).contains("\"id\":1", "\"serverInfo\"");
        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        assertThat(stdio.readLine()).contains("\"id\":2", "\"result\"");
        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"early\"}}}");
        assertThat(stdio.readLine()).contains("\"id\":3", "echo: early");
        // the client's own notification, late: dropped, the session goes on
        stdio.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}");
        assertThat(stdio.readLine()).contains("\"id\":4", "\"result\"");

        stdio.closeAndAwait();
    }
}

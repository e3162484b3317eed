package dev.hypertracker.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In-process: lines the SDK's stdio transport cannot parse (on which SDK 2.1.0 stops reading stdin for good) get a
 * JSON-RPC error and the session keeps serving; half a message at EOF ends the transport cleanly.
 */
@Timeout(30)
class JsonRpcLineFilterTest {

    @Test
    void invalidLinesGetErrorsAndTheSessionKeepsServingUntilEof() throws Exception {
        InProcessStdio stdio = new InProcessStdio();

        stdio.send(McpTestClients.INITIALIZE.replace("\n", ""));
        assertThat(stdio.readLine()).contains("\"id\":1", "\"serverInfo\"");
        stdio.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        stdio.send("garbage {");
        assertThat(stdio.readLine())
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
                        + "\"message\":\"Parse error: not a JSON-RPC message\"}}");
        stdio.send("[1,2]");
        assertThat(stdio.readLine()).contains("\"id\":null", "-32600");
        stdio.send("\"str\"");
        assertThat(stdio.readLine()).contains("\"id\":null", "-32600");
        stdio.send("");
        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":7}");
        assertThat(stdio.readLine()).contains("\"id\":7", "-32600", "Invalid Request");
        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":\"s\",\r\"method\":\"ping\"}\r");
        assertThat(stdio.readLine()).contains("\"id\":\"s\"", "\"result\"");
        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"still here\"}}}");
        assertThat(stdio.readLine()).contains("\"id\":2", "echo: still here");

        stdio.clientOut.write("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/li".getBytes(StandardCharsets.UTF_8));
        stdio.closeAndAwait();
    }

    @Test
    void anOversizedLineIsDroppedWithoutBufferingItAndAnswered() throws Exception {
        InProcessStdio stdio = new InProcessStdio();
        stdio.send(McpTestClients.INITIALIZE.replace("\n", ""));
        assertThat(stdio.readLine()).contains("\"id\":1");
        stdio.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
        stdio.clientOut.write("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\",\"params\":{\"pad\":\""
                .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < JsonRpcLineFilter.MAX_LINE_BYTES / chunk.length + 1; i++) stdio.clientOut.write(chunk);
        stdio.send("\"}}");
        assertThat(stdio.readLine()).contains("\"id\":null", "-32600", "exceeds the 8 MiB limit");
        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}");
        assertThat(stdio.readLine()).contains("\"id\":6", "\"result\"");
        stdio.closeAndAwait();
    }
}

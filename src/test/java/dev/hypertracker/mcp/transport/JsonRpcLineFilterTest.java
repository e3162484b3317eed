package dev.hypertracker.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        PipedOutputStream clientOut = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        CompletableFuture<Void> serving =
                CompletableFuture.runAsync(() -> StdioTransport.run(new TestAssembly(), serverIn, serverOut));
        BufferedReader replies = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8));

        send(clientOut, McpTestClients.INITIALIZE.replace("\n", ""));
        assertThat(replies.readLine()).contains("\"id\":1", "\"serverInfo\"");
        send(clientOut, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        send(clientOut, "garbage {");
        assertThat(replies.readLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
                + "\"message\":\"Parse error: not a JSON-RPC message\"}}");
        send(clientOut, "[1,2]");
        assertThat(replies.readLine()).contains("\"id\":null", "-32600");
        send(clientOut, "\"str\"");
        assertThat(replies.readLine()).contains("\"id\":null", "-32600");
        send(clientOut, "");
        send(clientOut, "{\"jsonrpc\":\"2.0\",\"id\":7}");
        assertThat(replies.readLine()).contains("\"id\":7", "-32600", "Invalid Request");
        send(clientOut, "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\r\"method\":\"ping\"}\r");
        assertThat(replies.readLine()).contains("\"id\":\"s\"", "\"result\"");
        send(clientOut, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"still here\"}}}");
        assertThat(replies.readLine()).contains("\"id\":2", "echo: still here");

        clientOut.write("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/li".getBytes(StandardCharsets.UTF_8));
        clientOut.close();
        serving.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anOversizedLineIsDroppedWithoutBufferingItAndAnswered() throws Exception {
        PipedOutputStream clientOut = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        CompletableFuture<Void> serving =
                CompletableFuture.runAsync(() -> StdioTransport.run(new TestAssembly(), serverIn, serverOut));
        BufferedReader replies = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8));
        send(clientOut, McpTestClients.INITIALIZE.replace("\n", ""));
        assertThat(replies.readLine()).contains("\"id\":1");
        send(clientOut, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
        clientOut.write("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\",\"params\":{\"pad\":\"".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < JsonRpcLineFilter.MAX_LINE_BYTES / chunk.length + 1; i++) clientOut.write(chunk);
        send(clientOut, "\"}}");
        assertThat(replies.readLine()).contains("\"id\":null", "-32600", "exceeds the 8 MiB limit");
        send(clientOut, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}");
        assertThat(replies.readLine()).contains("\"id\":6", "\"result\"");
        clientOut.close();
        serving.get(10, TimeUnit.SECONDS);
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

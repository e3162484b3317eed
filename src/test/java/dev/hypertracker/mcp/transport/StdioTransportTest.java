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

class StdioTransportTest {

    @Test
    void servesJsonRpcLinesUntilInputEnds() throws Exception {
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
        send(clientOut, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"over stdio\"}}}");
        assertThat(replies.readLine()).contains("\"id\":2", "echo: over stdio");

        clientOut.close();
        serving.get(10, TimeUnit.SECONDS);
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

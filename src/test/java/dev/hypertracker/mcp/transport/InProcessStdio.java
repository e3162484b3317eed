package dev.hypertracker.mcp.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link StdioTransport} serving the test assembly over in-memory pipes: a client writes lines and reads replies. */
final class InProcessStdio {
    final PipedOutputStream clientOut = new PipedOutputStream();
    private final BufferedReader replies;
    private final CompletableFuture<Void> serving;

    InProcessStdio() throws IOException {
        PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        serving = CompletableFuture.runAsync(() -> StdioTransport.run(new TestAssembly(), serverIn, serverOut));
        replies = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8));
    }

    void send(String line) throws IOException {
        clientOut.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        clientOut.flush();
    }

    String readLine() throws IOException {
        return replies.readLine();
    }

    /** Ends the input (EOF) and waits for the transport to return. */
    void closeAndAwait() throws Exception {
        clientOut.close();
        serving.get(10, TimeUnit.SECONDS);
    }
}

package dev.hypertracker.mcp.transport;

import dev.hypertracker.mcp.server.ServerAssembly;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stdio transport: one client, the process that launched us, speaking JSON-RPC lines on stdin/stdout. */
public final class StdioTransport {
    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);

    private StdioTransport() {}

    /** How long requests already read get to finish after stdin closes (within the 2 s exit bound); then cancelled. */
    static final Duration CLOSE_GRACE = Duration.ofMillis(1500);

    /**
     * Serves until stdin closes, then returns; the caller must then exit the JVM, which ends calls still blocked
     * on the upstream. Stdout belongs to the protocol: the transport gets its own handle on it, and
     * {@code System.out} and file descriptor 1 are pointed elsewhere ({@link ProtocolStdout}), so neither a stray
     * print nor the JVM's own fatal messages can corrupt the JSON-RPC stream.
     */
    public static void run(ServerAssembly assembly) {
        run(assembly, System.in, ProtocolStdout.claim());
    }

    static void run(ServerAssembly assembly, InputStream in, OutputStream protocolOut) {
        CountDownLatch endOfInput = new CountDownLatch(1);
        PendingRequests pending = new PendingRequests();
        OutputStream out = pending.counting(protocolOut);
        // the filter keeps lines the SDK cannot parse away from it: on such a line the SDK stops reading stdin
        StdioServerTransportProvider provider = new StdioServerTransportProvider(
                McpJsonDefaults.getMapper(),
                new EndOfInputSignal(
                        new JsonRpcLineFilter(in, out, McpJsonDefaults.getMapper(), pending), endOfInput, pending),
                out);
        McpSyncServer server = assembly.build(McpServer.sync(provider));
        log.info("MCP stdio transport ready");
        try {
            endOfInput.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the client is gone: what it asked gets a moment to be answered, then calls still running are cancelled
        try {
            if (!pending.awaitNone(CLOSE_GRACE)) log.info("stdin closed with calls still running: cancelling them");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        log.info("stdin closed; stdio transport stopped");
    }

    /** Counts a latch down when the wrapped stream reports end of input (or fails: the client is gone either way). */
    private static final class EndOfInputSignal extends FilterInputStream {
        private final CountDownLatch endOfInput;
        private final PendingRequests pending;

        EndOfInputSignal(InputStream in, CountDownLatch endOfInput, PendingRequests pending) {
            super(in);
            this.endOfInput = endOfInput;
            this.pending = pending;
        }

        @Override
        public int read() throws IOException {
            return signalled(() -> super.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return signalled(() -> super.read(buffer, offset, length));
        }

        private int signalled(IoRead read) throws IOException {
            try {
                int result = read.get();
                if (result < 0) {
                    endOfInput.countDown();
                    // the SDK drops the answers still owed once it sees EOF: show it only when they are out (or late)
                    awaitAnswers();
                }
                return result;
            } catch (IOException e) {
                endOfInput.countDown();
                throw e;
            }
        }

        private void awaitAnswers() {
            try {
                pending.awaitNone(CLOSE_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @FunctionalInterface
        private interface IoRead {
            int get() throws IOException;
        }
    }
}

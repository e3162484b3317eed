package dev.hypertracker.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** Item 15 on the real jar: early requests are answered, and stdin EOF ends the process even with calls pending. */
class StdioLifecycleIT {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void requestsBetweenInitializeAndInitializedAreAnswered() throws Exception {
        try (StdioMcpClient client = new StdioMcpClient(List.of("--demo"), Map.of())) {
            client.initializeOnly();
            JsonNode pong = client.request("ping", Map.of());
            assertThat(pong.has("result")).as(pong.toString()).isTrue();
            JsonNode tools = client.request("tools/list", Map.of());
            assertThat(tools.path("result").path("tools").size()).isGreaterThan(10);
            client.notify("notifications/initialized"); // late: must not disturb the session
            JsonNode call = client.callTool("list_cohorts", Map.of());
            assertThat(call.path("isError").asBoolean(false))
                    .as(call.toString())
                    .isFalse();
            assertThat(client.closeAndWait(Duration.ofSeconds(60))).isZero();
            client.assertStdoutIsOnlyJsonRpc();
        }
    }

    /**
     * A call blocked on an upstream that accepts the connection and never answers, with a 10-minute deadline: the
     * process must still exit after stdin closes (the server cancels the call). The 60 s wait is only a guard; the
     * server's own bound is 2 s, not asserted here to keep the test independent of machine load.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void stdinEofEndsTheProcessWhileACallIsBlockedOnTheUpstream() throws Exception {
        try (SilentUpstream upstream = new SilentUpstream();
                StdioMcpClient client = new StdioMcpClient(
                        List.of("--deadline", "600"),
                        Map.of("HYPERTRACKER_BASE_URL", upstream.url(), "HYPERTRACKER_API_TOKEN", "test-token"))) {
            client.initialize();
            client.send("tools/call", Map.of("name", "list_cohorts", "arguments", Map.of()));
            assertThat(upstream.accepted.await(60, TimeUnit.SECONDS))
                    .as("the call reached the upstream")
                    .isTrue();

            assertThat(client.closeAndWait(Duration.ofSeconds(60)))
                    .as(client.stderr())
                    .isZero();
            assertThat(client.stderr()).contains("stdio transport stopped");
            client.assertStdoutIsOnlyJsonRpc();
        }
    }

    /** Accepts connections and never writes a byte. */
    static final class SilentUpstream implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final CountDownLatch accepted = new CountDownLatch(1);
        final List<Socket> held = new ArrayList<>();

        SilentUpstream() throws IOException {
            Thread acceptor = new Thread(
                    () -> {
                        try {
                            while (true) {
                                Socket s = socket.accept();
                                synchronized (held) {
                                    held.add(s);
                                }
                                accepted.countDown();
                            }
                        } catch (IOException closed) {
                            // test over
                        }
                    },
                    "silent-upstream");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (held) {
                for (Socket s : held) s.close();
            }
        }
    }
}

package dev.hypertracker.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The real jar at the launcher's -Xmx256m against a tiny loopback stub that misbehaves the way issue 11 found:
 * a 100 MB position page, an endless body, a body dripping one byte per second. Each call ends in a clear isError,
 * the stub sees its connection closed long before it is done writing, and the process stays alive and serving.
 */
class HostileUpstreamIT {
    static final byte[] ROW =
            ("{\"address\":\"0x0000000000000000000000000000000000000001\",\"coin\":\"BTC\",\"side\":\"long\","
                            + "\"size\":1.5,\"entryPrice\":50000,\"positionValue\":75000,\"openTime\":\"2025-05-01T00:00:00Z\","
                            + "\"closeTime\":null},")
                    .getBytes(StandardCharsets.US_ASCII);
    static final long HUNDRED_MB = 100L * 1024 * 1024;
    /** Coins whose pages are large but under the cap at -Xmx256m (~12 MB): together far over the parse budget. */
    static final List<String> LARGE = List.of("ARB", "OP", "DOGE", "AVAX", "LINK", "XRP");

    static final long LARGE_BYTES = 8L * 1024 * 1024;

    /** Bytes the stub managed to write per coin, and whether the client closed the connection on it. */
    final Map<String, AtomicLong> written = new ConcurrentHashMap<>();

    final Map<String, CountDownLatch> closed = new ConcurrentHashMap<>();

    @Test
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang is a failure
    void hugeEndlessAndDrippingBodiesEndInClearErrorsAndTheProcessSurvivesAt256m() throws Exception {
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.setExecutor(Executors.newCachedThreadPool());
        stub.createContext("/", this::serve);
        stub.start();
        for (String coin : List.of("BTC", "ETH", "SOL")) {
            written.put(coin, new AtomicLong());
            closed.put(coin, new CountDownLatch(1));
        }
        Map<String, String> env = Map.of(
                "HYPERTRACKER_BASE_URL",
                "http://127.0.0.1:" + stub.getAddress().getPort(),
                "HYPERTRACKER_API_TOKEN",
                "it-token",
                "JAVA_TOOL_OPTIONS",
                "-Xmx256m");
        try (StdioMcpClient client = new StdioMcpClient(List.of("--deadline", "6", "--cache-mb", "0"), env)) {
            client.initialize();

            JsonNode huge = client.callTool("list_positions", Map.of("coin", "BTC"));
            assertError(huge, "more than", "MB for one response");
            assertThat(closed.get("BTC").await(30, TimeUnit.SECONDS))
                    .as("the 100 MB body's connection was closed")
                    .isTrue();
            assertThat(written.get("BTC").get())
                    .as("stopped reading at the cap, not at 100 MB")
                    .isLessThan(HUNDRED_MB / 2);

            JsonNode endless = client.callTool("list_positions", Map.of("coin", "ETH"));
            assertError(endless, "more than", "MB for one response");
            assertThat(closed.get("ETH").await(30, TimeUnit.SECONDS))
                    .as("the endless body's connection was closed")
                    .isTrue();

            JsonNode dripping = client.callTool("list_positions", Map.of("coin", "SOL"));
            assertError(dripping, "time budget");
            assertThat(closed.get("SOL").await(30, TimeUnit.SECONDS))
                    .as("the dripping body's connection was closed")
                    .isTrue();

            // six 8 MB pages at once: their trees (~40 MB each) do not fit together in a quarter of 256 MB
            Map<String, Integer> ids = new java.util.LinkedHashMap<>();
            for (String coin : LARGE)
                ids.put(
                        coin,
                        client.send("tools/call", Map.of("name", "list_positions", "arguments", Map.of("coin", coin))));
            int answered = 0;
            for (Map.Entry<String, Integer> id : ids.entrySet()) {
                JsonNode result = client.awaitResponse(id.getValue(), java.time.Duration.ofSeconds(60))
                        .path("result");
                if (!result.path("isError").asBoolean(false)) answered++;
                else assertError(result, "Try again in a moment");
            }
            assertThat(answered).as("at least the first large page fits").isPositive();
            JsonNode again = client.callTool("list_positions", Map.of("coin", "ARB"));
            assertThat(again.path("isError").asBoolean(false))
                    .as("alone, a large page is read: " + again)
                    .isFalse();

            assertThat(client.process.isAlive()).isTrue();
            JsonNode fine = client.callTool("get_open_exposure_by_coin", Map.of());
            assertThat(fine.path("isError").asBoolean(false))
                    .as(fine.toString())
                    .isFalse();
            assertThat(client.stderr()).doesNotContain("OutOfMemoryError");
            synchronized (client.stdoutLines) {
                for (String line : client.stdoutLines) assertThat(line).startsWith("{");
            }
        } finally {
            stub.stop(0);
        }
    }

    static void assertError(JsonNode result, String... phrases) {
        JsonNode r = result;
        assertThat(r.path("isError").asBoolean(false)).as(result.toString()).isTrue();
        assertThat(r.path("content").get(0).path("text").asString()).contains(phrases);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery() == null
                ? ""
                : exchange.getRequestURI().getQuery();
        String coin = query.contains("coin=BTC")
                ? "BTC"
                : query.contains("coin=ETH") ? "ETH" : query.contains("coin=SOL") ? "SOL" : "";
        for (String large : LARGE) if (query.contains("coin=" + large)) coin = large;
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (coin.isEmpty()) {
            byte[] body =
                    "[{\"coin\":\"BTC\",\"totalValue\":1000,\"longValue\":600,\"shortValue\":400,\"count\":3,\"longCount\":2,\"shortCount\":1}]"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        AtomicLong count = written.computeIfAbsent(coin, c -> new AtomicLong());
        exchange.sendResponseHeaders(200, 0); // chunked: no length declared, the client has to count
        OutputStream out = exchange.getResponseBody();
        try {
            out.write("{\"positions\":[".getBytes(StandardCharsets.US_ASCII));
            if (coin.equals("SOL")) {
                while (true) { // one byte per second, forever
                    out.write(' ');
                    out.flush();
                    count.incrementAndGet();
                    Thread.sleep(1_000);
                }
            }
            byte[] block = ROW_BLOCK;
            long limit = coin.equals("BTC") ? HUNDRED_MB : LARGE.contains(coin) ? LARGE_BYTES : Long.MAX_VALUE;
            while (count.get() < limit) {
                out.write(block);
                count.addAndGet(block.length);
            }
            out.write("{}],\"nextCursor\":null}".getBytes(StandardCharsets.US_ASCII));
            out.close();
        } catch (IOException | InterruptedException e) {
            closed.computeIfAbsent(coin, c -> new CountDownLatch(1)).countDown(); // the client closed the connection
        } finally {
            exchange.close();
        }
    }

    static final byte[] ROW_BLOCK;

    static {
        int n = 64 * 1024 / ROW.length;
        ROW_BLOCK = new byte[n * ROW.length];
        for (int i = 0; i < n; i++) System.arraycopy(ROW, 0, ROW_BLOCK, i * ROW.length, ROW.length);
    }
}

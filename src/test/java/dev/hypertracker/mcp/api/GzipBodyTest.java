package dev.hypertracker.mcp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.hypertracker.mcp.memory.ParseBudget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Gzip files served without Content-Encoding (the order downloads): recognised by their magic bytes and inflated
 * within the cap and the heap budget, counted by what they inflate to. A zip bomb stops there; its small wire size
 * and its gzip trailer's claimed size are not trusted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang is a failure, not a timing assertion
class GzipBodyTest {
    static final long CAP = 1 << 20;
    /** Inflates to 20 MiB of JSON whitespace, 20 times the cap, from about 20 KiB on the wire. */
    static final byte[] BOMB = gzip(bomb(20 << 20));

    static final byte[] ORDERS =
            gzip("[{\"coin\":\"BTC\",\"limitPx\":\"65000.5\",\"sz\":\"0.12\"}]".getBytes(StandardCharsets.UTF_8));

    HttpServer stub;

    @BeforeEach
    void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.setExecutor(Executors.newCachedThreadPool());
        serve("/orders.json.gz", ORDERS);
        serve("/bomb.json.gz", BOMB);
        stub.start();
    }

    private void serve(String path, byte[] body) {
        stub.createContext(path, ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json"); // and no Content-Encoding
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            } catch (IOException e) {
                // the client hung up: expected for the bomb
            }
        });
    }

    @AfterEach
    void stop() {
        stub.stop(0);
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + stub.getAddress().getPort() + path))
                .GET()
                .build();
    }

    static byte[] bomb(int size) {
        byte[] json = new byte[size];
        Arrays.fill(json, (byte) ' ');
        json[0] = '[';
        json[size - 1] = ']';
        return json;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    @Test
    void aGzipFileWithoutContentEncodingIsInflatedByItsMagicBytes() throws Exception {
        JdkTransport transport = new JdkTransport(
                Duration.ofSeconds(5), CAP, new ParseBudget(4 * CAP * ParseBudget.TREE_BYTES_PER_WIRE_BYTE));
        UpstreamResponse r = transport.send(get("/orders.json.gz")).get();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get(0).get("limitPx").asString()).isEqualTo("65000.5");
        assertThat(r.wireBytes()).isEqualTo(ORDERS.length);
    }

    @Test
    void aZipBombStopsAtTheCapOnItsInflatedSize() {
        assertThat((long) BOMB.length).as("the wire size alone passes the cap").isLessThan(CAP / 10);
        ParseBudget budget = new ParseBudget(4 * CAP * ParseBudget.TREE_BYTES_PER_WIRE_BYTE);
        JdkTransport transport = new JdkTransport(Duration.ofSeconds(5), CAP, budget);
        Throwable t = catchThrowable(() -> transport.send(get("/bomb.json.gz")).get());
        assertThat(UpstreamFailure.of(t).kind()).isEqualTo(UpstreamFailure.Kind.TOO_LARGE);
        assertThat(budget.reservedBytes()).as("the reservation is released").isZero();
    }

    @Test
    void theHeapBudgetCountsInflatedBytesNotWireBytes() {
        // a cap far above the bomb: only the budget (room for 2 MiB of body) stops it
        ParseBudget budget = new ParseBudget(2 * CAP * ParseBudget.TREE_BYTES_PER_WIRE_BYTE);
        JdkTransport transport = new JdkTransport(Duration.ofSeconds(5), 64 * CAP, budget);
        Throwable t = catchThrowable(() -> transport.send(get("/bomb.json.gz")).get());
        assertThat(UpstreamFailure.of(t).kind()).isEqualTo(UpstreamFailure.Kind.NO_HEAP);
        assertThat(budget.reservedBytes()).isZero();
    }

    @Test
    void aGzipBodyHeldWholeByATestTransportIsInflatedWithinTheSameBound() {
        UpstreamResponse small = UpstreamResponse.of(200, Map.of(), "");
        UpstreamResponse orders = new UpstreamResponse(200, small.headers(), ORDERS);
        assertThat(StatusStep.parse(orders).get(0).get("coin").asString()).isEqualTo("BTC");
        byte[] huge = gzip(bomb((int) JdkTransport.MAX_INFLATED_BYTES + 1024));
        Throwable t = catchThrowable(() -> StatusStep.parse(new UpstreamResponse(200, small.headers(), huge)));
        assertThat(t).isInstanceOf(UpstreamFailure.class);
        assertThat(((UpstreamFailure) t).kind()).isEqualTo(UpstreamFailure.Kind.TOO_LARGE);
    }
}

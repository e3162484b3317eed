package dev.hypertracker.mcp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.hypertracker.mcp.memory.ParseBudget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JDK transport against a loopback stub: bodies are bounded while they stream, and cancelling closes the connection. */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang is a failure, not a timing assertion
class JdkTransportTest {
    static final long CAP = 1 << 20;
    HttpServer stub;
    final CountDownLatch endlessClosed = new CountDownLatch(1);
    final CountDownLatch dripStarted = new CountDownLatch(1);
    final CountDownLatch dripClosed = new CountDownLatch(1);
    final CountDownLatch cancelled = new CountDownLatch(1);
    final JdkTransport transport = new JdkTransport(
            Duration.ofSeconds(5), CAP, new ParseBudget(4 * CAP * ParseBudget.TREE_BYTES_PER_WIRE_BYTE));

    @BeforeEach
    void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.setExecutor(Executors.newCachedThreadPool());
        stub.createContext("/ok", ex -> {
            byte[] body = new byte[(int) CAP]; // a JSON string of exactly the cap: accepted, in many chunks
            for (int i = 1; i < body.length - 1; i++) body[i] = (byte) ('a' + i % 26);
            body[0] = '"';
            body[body.length - 1] = '"';
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        stub.createContext("/declared", ex -> {
            ex.sendResponseHeaders(200, 2 * CAP); // a length over the cap: refused before reading
            ex.close();
        });
        stub.createContext("/endless", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                byte[] block = new byte[64 * 1024];
                java.util.Arrays.fill(block, (byte) ' ');
                out.write('['); // valid JSON as far as it goes: only the cap stops it
                while (true) out.write(block);
            } catch (IOException e) {
                endlessClosed.countDown();
            }
        });
        stub.createContext("/drip", ex -> {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            try {
                out.write('[');
                out.flush();
                dripStarted.countDown();
                cancelled.await(); // the body is incomplete while the client cancels
                while (true) { // then a byte at a time until the write fails: the connection is closed
                    out.write(' ');
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                dripClosed.countDown();
            }
        });
        stub.start();
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

    @Test
    void aBodyUpToTheCapArrivesWhole() throws Exception {
        UpstreamResponse r = transport.send(get("/ok")).get();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.wireBytes()).isEqualTo(CAP);
        assertThat(r.body()).as("parsed as it arrived: no copy of the body").isEmpty();
        assertThat(r.json().asString()).hasSize((int) CAP - 2).startsWith("bcd");
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeReading() {
        Throwable t = catchThrowable(() -> transport.send(get("/declared")).get());
        assertThat(t).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(Transport.BodyTooLargeException.class);
    }

    @Test
    void anEndlessBodyStopsAtTheCapAndItsConnectionIsClosed() throws Exception {
        Throwable t = catchThrowable(() -> transport.send(get("/endless")).get());
        assertThat(t).hasCauseInstanceOf(Transport.BodyTooLargeException.class);
        assertThat(UpstreamFailure.of(t).kind()).isEqualTo(UpstreamFailure.Kind.TOO_LARGE);
        endlessClosed.await(); // the stub's write fails: the client closed the connection
    }

    @Test
    void cancellingAnExchangeWhoseBodyIsStillArrivingClosesTheConnection() throws Exception {
        var exchange = transport.send(get("/drip"));
        dripStarted.await();
        exchange.cancel(true);
        cancelled.countDown();
        dripClosed.await();
        assertThat(exchange).isCompletedExceptionally(); // cancelled (the JDK may wrap the CancellationException)
    }
}

package dev.hypertracker.mcp.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.hypertracker.mcp.files.OpenPositionsCsv;
import dev.hypertracker.mcp.memory.ParseBudget;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The open-positions CSV is read as it streams: a file many times larger than the largest JSON body the parse budget
 * admits is summed whole and exactly, holding only the reader's fixed reservation, released afterwards.
 */
class StreamedCsvTest {

    static final int ROWS = 120_000;
    HttpServer server;
    /** What the served file adds up to, computed while writing it: long value and short value in cents. */
    volatile long longCents, shortCents, longs;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/big.csv", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/csv");
            exchange.sendResponseHeaders(200, 0); // chunked: no length declared
            long l = 0, s = 0, n = 0;
            try (BufferedWriter out = new BufferedWriter(
                    new OutputStreamWriter(exchange.getResponseBody(), StandardCharsets.UTF_8), 1 << 16)) {
                out.write("id,address,coin,side,dex,size,value,entryPrice,unrealizedPnl,funding,liquidationPrice,"
                        + "liquidationProgress,crossLeverage,isolatedLeverage,openTime,profile_totalEquity,"
                        + "profile_perpEquity,profile_countOpenPositions,profile_pnl,profile_balance,"
                        + "profile_perpPnlSegmentId,profile_sizeSegmentId\n");
                for (int i = 0; i < ROWS; i++) {
                    boolean isLong = i % 3 != 0;
                    long cents = 1_000_00L + (i * 7919L) % 50_000_000L;
                    if (isLong) {
                        l += cents;
                        n++;
                    } else {
                        s += cents;
                    }
                    out.write(String.format(
                            "%064x,0x%040x,BTC,%s,main,0.5,%s,60000,12.5,-1.25,52000,0.%04d,5,0,"
                                    + "2026-03-01T10:00:00.000Z,1000.00,1000.00,3,250.00,1000.00,%d,%d\n",
                            i,
                            i,
                            isLong ? "long" : "short",
                            BigDecimal.valueOf(cents, 2).toPlainString(),
                            i % 10_000,
                            8 + i % 8,
                            1 + i % 7));
                }
            } catch (java.io.IOException e) {
                // the client closed the connection early (a row cap): nothing to add up
            }
            longCents = l;
            shortCents = s;
            longs = n;
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aFileLargerThanAnyAdmissibleJsonBodyIsSummedWholeWithAFixedReservation() throws Exception {
        ParseBudget budget = new ParseBudget(32L << 20); // admits JSON bodies up to ~6.7 MB
        JdkTransport transport =
                new JdkTransport(Duration.ofSeconds(5), JdkTransport.defaultMaxBodyBytes(budget), budget);
        URI file = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/big.csv");
        UpstreamResponse r = transport
                .send(HttpRequest.newBuilder(file).build(), new OpenPositionsCsv())
                .get(60, TimeUnit.SECONDS);

        JsonNode summary = r.json();
        long bytes = summary.get("file").get("bytesRead").asLong();
        assertThat(bytes).isGreaterThan(3 * budget.maxBodyBytes());
        assertThat(r.body()).isEmpty(); // no copy of the file
        assertThat(summary.get("file").get("complete").asBoolean()).isTrue();
        assertThat(summary.get("totals").get("count").asLong()).isEqualTo(ROWS);
        assertThat(summary.get("totals").get("longCount").asLong()).isEqualTo(longs);
        assertThat(summary.get("totals").get("longValue").decimalValue())
                .isEqualByComparingTo(BigDecimal.valueOf(longCents, 2));
        assertThat(summary.get("totals").get("shortValue").decimalValue())
                .isEqualByComparingTo(BigDecimal.valueOf(shortCents, 2));
        assertThat(budget.reservedBytes()).isZero();
    }

    @Test
    void withoutRoomInTheBudgetTheFileIsRefusedBeforeReading() throws Exception {
        ParseBudget budget = new ParseBudget(1L << 20); // less than the reader's own reservation
        JdkTransport transport = new JdkTransport(Duration.ofSeconds(5), 1L << 20, budget);
        URI file = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/big.csv");
        var answer = transport.send(HttpRequest.newBuilder(file).build(), new OpenPositionsCsv());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> answer.get(60, TimeUnit.SECONDS))
                .hasCauseInstanceOf(Transport.NoHeapForBodyException.class);
        assertThat(budget.reservedBytes()).isZero();
    }
}

package dev.hypertracker.mcp.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hypertracker.mcp.config.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drift the sandbox's knobs do not cover, served by a small double: the latest snapshot time no longer a bare string,
 * a {"downloadUrl"} answer without its link, and an order file (gzip, no Content-Encoding) with a renamed field.
 */
class DoctorDriftDoubleTest {

    private static final String API = "/api/external";
    private static final Instant NOW = Instant.parse("2026-11-30T16:02:00Z");

    private HttpServer server;
    private Map<String, byte[]> bodies;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange x) throws IOException {
        byte[] body = bodies.get(x.getRequestURI().getPath());
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.getResponseHeaders().add("X-RateLimit-Limit", "100");
        x.getResponseHeaders().add("X-RateLimit-Remaining", "99");
        if (body == null) {
            x.sendResponseHeaders(404, -1);
        } else {
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
        x.close();
    }

    private Doctor.Report probe(Map<String, byte[]> routes) {
        bodies = routes;
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new Doctor(base, Secret.of("double-token"), Clock.fixed(NOW, ZoneOffset.UTC)).run(true);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(utf8(json));
        }
        return bytes.toByteArray();
    }

    private static Doctor.EndpointProbe endpoint(Doctor.Report r, String tool) {
        return r.endpoints().stream()
                .filter(p -> p.tool().equals(tool))
                .findFirst()
                .orElseThrow();
    }

    private static final String STATUS = "{\"lastUpdate\":\"2026-11-30T16:00:00.000Z\","
            + "\"nextUpdate\":\"2026-11-30T16:15:00.000Z\",\"nextUpdateThreshold\":\"2026-11-30T16:30:00.000Z\"}";
    private static final String ORDER = "{\"coin\":\"BTC\",\"%s\":\"B\",\"limitPx\":\"91000.5\",\"sz\":\"0.5\","
            + "\"isTrigger\":false,\"triggerPx\":\"0.0\",\"orderType\":\"Limit\","
            + "\"snapshotTs\":\"2026-11-30T16:00:00.000Z\"}";

    private static final String SNAPSHOT_TIME = "\"2026-11-30T16:00:00.000Z\"";
    private static final String LINK = "{\"downloadUrl\":\"/files/orders-BTC.json.gz\"}";

    /** The order file, one order whose side is under {@code sideField}. */
    private static byte[] orderFile(String sideField) throws IOException {
        return gzip("[" + ORDER.formatted(sideField) + "]");
    }

    private Map<String, byte[]> routes(String snapshotTime, String downloadAnswer, byte[] file) {
        return Map.of(
                API + "/segments",
                utf8("[{\"id\":1,\"name\":\"Fish\",\"category\":\"size\"}]"),
                API + "/hypertracker/state/status",
                utf8(STATUS),
                API + "/orders/5m-snapshots/latest-snapshot-timestamp",
                utf8(snapshotTime),
                API + "/orders/5m-snapshots/coins/BTC/download",
                utf8(downloadAnswer),
                "/files/orders-BTC.json.gz",
                file);
    }

    @Test
    void theDocumentedFormsPass() throws IOException {
        Doctor.Report r = probe(routes(SNAPSHOT_TIME, LINK, orderFile("side")));
        assertThat(endpoint(r, "get_order_snapshot_time").failed()).isFalse();
        Doctor.EndpointProbe orders = endpoint(r, "export_open_orders");
        assertThat(orders.failed()).isFalse();
        assertThat(orders.neededMissing()).isEmpty();
        assertThat(orders.numbersAsStrings()).contains("limitPx", "sz");
    }

    @Test
    void aSnapshotTimeWrappedInAnObjectFails() throws IOException {
        Doctor.Report r = probe(routes("{\"snapshotTime\":\"2026-11-30T16:00:00.000Z\"}", LINK, orderFile("side")));
        Doctor.EndpointProbe time = endpoint(r, "get_order_snapshot_time");
        assertThat(time.failed()).isTrue();
        assertThat(time.wrongType()).containsExactly("the body (object, expected time)");
        assertThat(Doctor.text(r)).contains("FAIL get_order_snapshot_time");
    }

    @Test
    void aRenamedOrderFieldInTheGzipFileIsFound() throws IOException {
        Doctor.Report r = probe(routes(SNAPSHOT_TIME, LINK, orderFile("direction")));
        Doctor.EndpointProbe orders = endpoint(r, "export_open_orders");
        assertThat(orders.neededMissing()).containsExactly("side");
        assertThat(orders.unknown()).containsExactly("direction");
        assertThat(orders.failed()).isTrue();
    }

    @Test
    void aDownloadAnswerWithoutItsLinkFails() throws IOException {
        Doctor.Report r = probe(routes(SNAPSHOT_TIME, "{\"url\":\"/files/orders-BTC.json.gz\"}", gzip("[]")));
        Doctor.EndpointProbe orders = endpoint(r, "export_open_orders");
        assertThat(orders.neededMissing()).containsExactly("downloadUrl");
        assertThat(orders.failed()).isTrue();
    }

    @Test
    void aLinkToALinkLocalHostIsRefused() throws IOException {
        // the cloud metadata address: the client's own redirect policy refuses it, and so does the probe
        Doctor.Report r = probe(routes(
                SNAPSHOT_TIME, "{\"downloadUrl\":\"http://169.254.169.254/latest/meta-data/\"}", orderFile("side")));
        Doctor.EndpointProbe orders = endpoint(r, "export_open_orders");
        assertThat(orders.failed()).isTrue();
        assertThat(Doctor.text(r)).contains("FAIL export_open_orders").contains("169.254.169.254");
    }

    @Test
    void aBodyPastTheCapIsNotReadWhole() throws IOException {
        byte[] huge = new byte[Doctor.DOWNLOAD_CAP + 2];
        java.util.Arrays.fill(huge, (byte) ' ');
        Doctor.Report r = probe(routes(SNAPSHOT_TIME, LINK, huge));
        Doctor.EndpointProbe orders = endpoint(r, "export_open_orders");
        assertThat(orders.failed()).isTrue();
        assertThat(Doctor.text(r)).contains("larger than 64 MB");
    }
}

package dev.hypertracker.mcp.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Test helper: a plain JDK client for the sandbox (redirects not followed), with JSON parsing. */
final class SandboxClient {

    /** A fixed anchor so expectations do not move with the clock. */
    static final Instant ANCHOR = Instant.parse("2026-07-01T12:00:00Z");

    static {
        quietJetty();
    }

    /** Jetty logs at DEBUG without a logback config: keeps test output readable and timings honest. */
    static void quietJetty() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    static SandboxConfig smallConfig() {
        return SandboxConfig.defaults().withAnchor(ANCHOR).withPositions(20_000).withWallets(4_000);
    }

    private final SandboxServer server;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    SandboxClient(SandboxServer server) {
        this.server = server;
    }

    /** GET an API path (under /api/external) with the right token. */
    HttpResponse<String> get(String apiPath) {
        return send(server.baseUrl().resolve("/api/external" + apiPath), "Bearer " + server.token());
    }

    HttpResponse<String> getWithAuthorization(String apiPath, String authorization) {
        return send(server.baseUrl().resolve("/api/external" + apiPath), authorization);
    }

    HttpResponse<String> send(URI uri, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (authorization != null) request.header("Authorization", authorization);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> getBytes(String apiPath) {
        HttpRequest request = HttpRequest.newBuilder(server.baseUrl().resolve("/api/external" + apiPath))
                .header("Authorization", "Bearer " + server.token())
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET expecting 200, parsed. */
    JsonNode json(String apiPath) {
        HttpResponse<String> r = get(apiPath);
        if (r.statusCode() != 200) throw new AssertionError(apiPath + " -> " + r.statusCode() + " " + r.body());
        return parse(r.body());
    }

    static JsonNode parse(String body) {
        return JsonOut.MAPPER.readTree(body);
    }

    /** A start before the data window: everything. */
    static final String ALL_TIME = "start=2025-01-01T00:00:00.000Z";

    /** Money in a JSON number as whole micro-dollars: values are exact to 10^-6, PnL and funding to the cent. */
    static long micros(JsonNode money) {
        return money.decimalValue().movePointRight(6).longValueExact();
    }

    static long micros(double money) {
        return java.math.BigDecimal.valueOf(money)
                .movePointRight(6)
                .setScale(0, java.math.RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    /** Follows nextCursor from a first path (which has a query) to the end; returns every page. */
    java.util.List<JsonNode> allPages(String firstPath) {
        java.util.List<JsonNode> pages = new java.util.ArrayList<>();
        JsonNode page = json(firstPath);
        pages.add(page);
        while (!page.get("nextCursor").isNull()) {
            page = json(firstPath + "&nextCursor=" + page.get("nextCursor").stringValue());
            pages.add(page);
        }
        return pages;
    }
}

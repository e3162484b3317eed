package dev.hypertracker.mcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.support.ManualClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exports: 302 to a pre-signed, expiring file URL on the sandbox, fetchable without the Bearer header. */
class ExportTest {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final ManualClock clock = new ManualClock();
    private static SandboxServer server;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxClient.smallConfig().withExportTtl(TTL));
        server.useTime(clock);
        client = new SandboxClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI location(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).isEqualTo(302);
        return URI.create(redirect.headers().firstValue("location").orElseThrow());
    }

    @Test
    void exportRedirectsToASignedFileFetchableWithoutBearer() {
        for (String file : ExportEndpoints.FILES) {
            URI file_ = location(client.get("/exports/coins/btc/" + file));
            assertThat(file_.getHost()).isEqualTo("127.0.0.1");
            assertThat(file_.getPort()).isEqualTo(server.baseUrl().getPort());
            assertThat(file_.getPath()).isEqualTo("/files/exports/BTC/" + file + ".json");
            assertThat(file_.getQuery()).contains("expires=").contains("signature=");
            HttpResponse<String> body = client.send(file_, null);
            assertThat(body.statusCode()).as(file).isEqualTo(200);
            assertThat(body.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
            assertThat(SandboxClient.parse(body.body()).isObject()).isTrue();
        }
        assertThat(server.requestLog().entries("/files/exports/{coin}/{file}")).allMatch(e -> !e.bearerSent());
    }

    @Test
    void hip3CoinsExportToo() {
        URI file = location(client.get("/exports/coins/XYZ:gold/liquidation-heatmap"));
        HttpResponse<String> body = client.send(file, null);
        assertThat(body.statusCode()).isEqualTo(200);
        assertThat(SandboxClient.parse(body.body()).get("coin").stringValue()).isEqualTo("xyz:GOLD");
    }

    @Test
    void fileUrlExpires() {
        URI file = location(client.get("/exports/coins/ETH/position-metrics"));
        clock.advance(TTL);
        assertThat(client.send(file, null).statusCode())
                .as("valid through its last millisecond")
                .isEqualTo(200);
        clock.advance(Duration.ofMillis(1));
        HttpResponse<String> expired = client.send(file, null);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("<Code>AccessDenied</Code>").contains("Request has expired");
    }

    @Test
    void tamperedSignatureOrExpiryIsRefused() {
        URI file = location(client.get("/exports/coins/ETH/positions"));
        String later = file.toString().replaceAll("expires=(\\d+)", "expires=9999999999999");
        assertThat(client.send(URI.create(later), null).statusCode()).isEqualTo(403);
        String unsigned = file.toString().replaceAll("&signature=.*", "");
        assertThat(client.send(URI.create(unsigned), null).body()).contains("SignatureDoesNotMatch");
        URI otherCoin = URI.create(file.toString().replace("/ETH/", "/BTC/"));
        assertThat(client.send(otherCoin, null).statusCode()).isEqualTo(403);
    }

    @Test
    void inlineExportAnswers200WithTheFileBody() {
        server.inlineExport(ExportEndpoints.BREAKDOWN_BY_SIZE, true);
        try {
            HttpResponse<String> inline = client.get("/exports/coins/SOL/position-breakdown-by-size");
            assertThat(inline.statusCode()).isEqualTo(200);
            assertThat(SandboxClient.parse(inline.body()).has("breakdownBySize"))
                    .isTrue();
            assertThat(client.get("/exports/coins/SOL/position-breakdown-by-cohort")
                            .statusCode())
                    .isEqualTo(302);
        } finally {
            server.inlineExport(ExportEndpoints.BREAKDOWN_BY_SIZE, false);
        }
        HttpResponse<String> redirected = client.get("/exports/coins/SOL/position-breakdown-by-size");
        assertThat(client.send(location(redirected), null).body())
                .isEqualTo(inlineBodyOf("/exports/coins/SOL/position-breakdown-by-size"));
    }

    private static String inlineBodyOf(String path) {
        try (SandboxServer inline =
                SandboxServer.start(SandboxClient.smallConfig().withInlineExports(true))) {
            HttpResponse<String> r = new SandboxClient(inline).get(path);
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }
    }

    @Test
    void exportEndpointItselfNeedsTheToken() {
        assertThat(client.getWithAuthorization("/exports/coins/BTC/positions", null)
                        .statusCode())
                .isEqualTo(401);
    }
}

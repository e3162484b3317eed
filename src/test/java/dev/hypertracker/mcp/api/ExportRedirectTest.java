package dev.hypertracker.mcp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.stats.UpstreamStats;
import dev.hypertracker.mcp.support.ManualClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Export redirects go only where export files live, and only an export-shaped body comes back. The API double
 * answers 302 to the Location under test; a refused redirect must cost no request to it.
 */
class ExportRedirectTest {
    static final URI HTTPS_BASE = URI.create("https://203.0.113.10");
    static final URI FROM = URI.create("https://203.0.113.10/api/external/exports/coins/BTC/liquidation-heatmap");

    final ManualClock clock = new ManualClock();
    final Transport transport = mock(Transport.class);
    final List<URI> sent = new CopyOnWriteArrayList<>();

    ApiException refusal(URI base, URI from, String location) {
        return catchThrowableOfType(
                ApiException.class,
                () -> new ExportRedirectPolicy(base).check("export_liquidation_heatmap", from, location));
    }

    @ParameterizedTest(name = "{0} -> refused ({1})")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://198.51.100.7/file.json          | downgrade from https to http",
                "https://127.0.0.1/creds.json           | loopback address",
                "https://[::1]/creds.json               | loopback address",
                "https://169.254.169.254/latest/meta-data | link-local address",
                "https://10.0.0.5/file.json             | private address",
                "https://192.168.1.1/file.json          | private address",
                "https://172.16.0.1/file.json           | private address",
                "https://100.64.0.1/file.json           | private address",
                "https://0.0.0.0/file.json              | private address",
                "https://[fd00::1]/file.json            | private address",
                "https://[fe80::1]/file.json            | link-local address",
                "file:///etc/passwd                     | 'file' URL",
                "ftp://198.51.100.7/file.json           | 'ftp' URL",
                "https://user:pw@198.51.100.7/file.json | user info",
            })
    void redirectsAwayFromWhereExportFilesLiveAreRefused(String location, String reason) {
        ApiException e = refusal(HTTPS_BASE, FROM, location);
        assertThat(e).as(location).isNotNull();
        assertThat(e.kind()).isEqualTo(ApiException.Kind.REDIRECT_REFUSED);
        assertThat(e.getMessage()).contains(reason).contains("refused and fetched nothing");
    }

    @Test
    void httpsToAPublicHostIsFollowedAndALocalBaseMayRedirectToItsOwnKind() {
        assertThat(new ExportRedirectPolicy(HTTPS_BASE).check("t", FROM, "https://198.51.100.7/f.json?sig=1"))
                .isEqualTo(URI.create("https://198.51.100.7/f.json?sig=1"));
        assertThat(new ExportRedirectPolicy(HTTPS_BASE).check("t", FROM, "/files/f.json"))
                .isEqualTo(URI.create("https://203.0.113.10/files/f.json"));
        URI sandbox = URI.create("http://127.0.0.1:8089");
        assertThat(new ExportRedirectPolicy(sandbox)
                        .check("t", URI.create("http://127.0.0.1:8089/api/x"), "http://127.0.0.1:8089/files/f.json"))
                .hasHost("127.0.0.1");
        assertThat(refusal(sandbox, URI.create("http://127.0.0.1:8089/api/x"), "http://169.254.169.254/"))
                .as("a loopback base still may not reach link-local")
                .isNotNull();
    }

    HyperTrackerClient client(String location, String fileBody) {
        doAnswer(inv -> {
                    HttpRequest r = inv.getArgument(0);
                    sent.add(r.uri());
                    UpstreamResponse answer = r.uri().getPath().startsWith("/api/")
                            ? UpstreamResponse.of(302, Map.of("Location", location), "Found")
                            : UpstreamResponse.of(200, Map.of(), fileBody);
                    return CompletableFuture.completedFuture(answer);
                })
                .when(transport)
                .send(any());
        return new HyperTrackerClient(
                Settings.defaults(HTTPS_BASE, Secret.of("t")), new UpstreamStats(), clock, transport);
    }

    ApiRequest heatmapExport() {
        return ApiRequest.of(Catalog.EXPORT_LIQUIDATION_HEATMAP, Map.of("coin", "BTC"), List.of());
    }

    @Test
    void aRefusedRedirectCostsNoRequestToItsTarget() {
        HyperTrackerClient client =
                client("https://169.254.169.254/latest/meta-data/iam", "{\"AccessKeyId\":\"AKIA\"}");
        ApiException e = catchThrowableOfType(
                ApiException.class,
                () -> client.fetch(heatmapExport(), Deadline.after(Duration.ofSeconds(30), clock), false));
        assertThat(e.getMessage())
                .contains("link-local address (169.254.169.254)")
                .doesNotContain("AKIA");
        assertThat(sent).singleElement().satisfies(u -> assertThat(u.getPath()).startsWith("/api/"));
    }

    @Test
    void onlyABodyInTheExportsFormatIsAccepted() {
        for (String body :
                List.of("{\"AccessKeyId\":\"AKIA\",\"SecretAccessKey\":\"s\"}", "\"hello\"", "[1,2]", "42")) {
            sent.clear();
            HyperTrackerClient client = client("https://198.51.100.7/f.json?sig=1", body);
            ApiException e = catchThrowableOfType(
                    ApiException.class,
                    () -> client.fetch(heatmapExport(), Deadline.after(Duration.ofSeconds(30), clock), false));
            assertThat(e).as(body).isNotNull();
            assertThat(e.getMessage()).contains("not in that export's format").doesNotContain("AKIA");
            assertThat(sent).hasSize(2);
        }
        HyperTrackerClient client = client("https://198.51.100.7/f.json?sig=1", "{\"coin\":\"BTC\",\"heatmap\":[]}");
        assertThat(client.fetch(heatmapExport(), Deadline.after(Duration.ofSeconds(30), clock), false)
                        .body()
                        .has("heatmap"))
                .isTrue();
    }
}

package dev.hypertracker.mcp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import dev.hypertracker.mcp.catalog.OrderEndpoints;
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
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A {@code {"downloadUrl"}} answer is followed like a 302: the link passes the same policy, the file is fetched
 * without the token, and only a body in the file's format comes back.
 */
class DownloadUrlTest {
    static final URI HTTPS_BASE = URI.create("https://203.0.113.10");

    final ManualClock clock = new ManualClock();
    final Transport transport = mock(Transport.class);
    final List<HttpRequest> sent = new CopyOnWriteArrayList<>();

    HyperTrackerClient client(String apiBody, Function<URI, UpstreamResponse> file) {
        doAnswer(inv -> {
                    HttpRequest r = inv.getArgument(0);
                    sent.add(r);
                    UpstreamResponse answer = r.uri().getPath().startsWith("/api/")
                            ? UpstreamResponse.of(200, Map.of(), apiBody)
                            : file.apply(r.uri());
                    return CompletableFuture.completedFuture(answer);
                })
                .when(transport)
                .send(any());
        return new HyperTrackerClient(
                Settings.defaults(HTTPS_BASE, Secret.of("secret-token")), new UpstreamStats(), clock, transport);
    }

    static ApiRequest exportOrders() {
        return ApiRequest.of(OrderEndpoints.EXPORT_OPEN_ORDERS, Map.of("coin", "BTC"), List.of());
    }

    HyperTrackerClient.Response fetch(HyperTrackerClient client) {
        return client.fetch(exportOrders(), Deadline.after(Duration.ofSeconds(30), clock), false);
    }

    ApiException failure(HyperTrackerClient client) {
        return catchThrowableOfType(ApiException.class, () -> fetch(client));
    }

    static String link(String url) {
        return "{\"downloadUrl\":\"" + url + "\"}";
    }

    @Test
    void theLinkIsFetchedWithoutTheTokenAndABareListOfRowsIsKeptUnderTheRoutesKey() {
        HyperTrackerClient client = client(
                link("https://198.51.100.7/orders/BTC.json.gz?X-Amz-Signature=abc"),
                u -> UpstreamResponse.of(200, Map.of(), "[{\"coin\":\"BTC\",\"sz\":\"1\"}]"));
        HyperTrackerClient.Response r = fetch(client);
        assertThat(r.body().get("orders").get(0).get("coin").asString()).isEqualTo("BTC");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).headers().firstValue("Authorization")).hasValue("Bearer secret-token");
        assertThat(sent.get(1).uri().getHost()).isEqualTo("198.51.100.7");
        assertThat(sent.get(1).headers().firstValue("Authorization"))
                .as("no token to the file host")
                .isEmpty();
    }

    @Test
    void aLinkAwayFromWhereFilesLiveIsRefusedWithoutARequestToIt() {
        for (String url : List.of(
                "https://169.254.169.254/latest/meta-data/iam",
                "http://198.51.100.7/downgrade.json",
                "file:///etc/passwd",
                "https://user:pw@198.51.100.7/f.json")) {
            sent.clear();
            ApiException e = failure(client(link(url), u -> UpstreamResponse.of(200, Map.of(), "[]")));
            assertThat(e).as(url).isNotNull();
            assertThat(e.kind()).as(url).isEqualTo(ApiException.Kind.REDIRECT_REFUSED);
            assertThat(sent)
                    .as(url)
                    .singleElement()
                    .satisfies(r -> assertThat(r.uri().getPath()).startsWith("/api/"));
        }
    }

    @Test
    void anAnswerWithoutAUsableLinkIsRefusedBeforeASecondRequest() {
        for (String body :
                List.of("{}", "{\"downloadUrl\":42}", "{\"downloadUrl\":\"  \"}", "\"https://x\"", "[]", "null")) {
            sent.clear();
            ApiException e = failure(client(body, u -> UpstreamResponse.of(200, Map.of(), "[]")));
            assertThat(e).as(body).isNotNull();
            assertThat(e.kind()).as(body).isEqualTo(ApiException.Kind.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).contains("downloadUrl");
            assertThat(sent).as(body).hasSize(1);
        }
    }

    @Test
    void aFileNotInTheRoutesFormatIsRefusedAndAnExpiredLinkIsAskedAgainOnce() {
        ApiException wrong = failure(client(
                link("https://198.51.100.7/f.json"),
                u -> UpstreamResponse.of(200, Map.of(), "{\"AccessKeyId\":\"AKIA\"}")));
        assertThat(wrong.getMessage()).contains("not in that export's format").doesNotContain("AKIA");

        sent.clear();
        ApiException expired = failure(client(
                link("https://198.51.100.7/f.json"),
                u -> UpstreamResponse.of(403, Map.of(), "<Error><Code>AccessDenied</Code></Error>")));
        assertThat(expired.kind()).isEqualTo(ApiException.Kind.EXPORT_EXPIRED);
        assertThat(sent).hasSize(4); // link, file (403), a new link, file (403)
    }
}

package dev.hypertracker.mcp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import dev.hypertracker.mcp.catalog.BuilderEndpoints;
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

/**
 * A 302 file outside /exports/coins (issue 15: the builders' list and revenue files) takes the coin exports' path:
 * the redirect policy applies, the file is fetched without the token, and only a body holding rows is accepted.
 */
class NonCoinExportTest {
    static final URI BASE = URI.create("https://203.0.113.10");

    final ManualClock clock = new ManualClock();
    final Transport transport = mock(Transport.class);
    final List<HttpRequest> sent = new CopyOnWriteArrayList<>();

    HyperTrackerClient client(String location, String fileBody) {
        doAnswer(inv -> {
                    HttpRequest r = inv.getArgument(0);
                    sent.add(r);
                    UpstreamResponse answer = r.uri().getPath().startsWith("/api/")
                            ? UpstreamResponse.of(302, Map.of("Location", location), "Found")
                            : UpstreamResponse.of(200, Map.of(), fileBody);
                    return CompletableFuture.completedFuture(answer);
                })
                .when(transport)
                .send(any());
        return new HyperTrackerClient(
                Settings.defaults(BASE, Secret.of("secret-token")), new UpstreamStats(), clock, transport);
    }

    ApiRequest builderList() {
        return ApiRequest.of(BuilderEndpoints.LIST_BUILDERS, Map.of("timeframe", "7d"), List.of());
    }

    Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30), clock);
    }

    @Test
    void theBuilderListIsFollowedToItsFileWithoutTheToken() {
        HyperTrackerClient client = client("https://198.51.100.7/builders/list-7d.json?sig=1", "{\"builders\":[]}");
        assertThat(client.fetch(builderList(), deadline(), false).body().has("builders"))
                .isTrue();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).uri().getPath()).isEqualTo("/api/external/builders/list/timeframe/7d");
        assertThat(sent.get(0).headers().firstValue("Authorization")).isPresent();
        assertThat(sent.get(1).uri().getHost()).isEqualTo("198.51.100.7");
        assertThat(sent.get(1).headers().firstValue("Authorization")).isEmpty();
    }

    @Test
    void aBuilderFileRedirectToALocalAddressIsRefusedAndNothingIsFetched() {
        HyperTrackerClient client = client("https://169.254.169.254/latest/meta-data", "{\"AccessKeyId\":\"AKIA\"}");
        ApiException e = catchThrowableOfType(ApiException.class, () -> client.fetch(builderList(), deadline(), false));
        assertThat(e.kind()).isEqualTo(ApiException.Kind.REDIRECT_REFUSED);
        assertThat(e.getMessage()).contains("list_builders").doesNotContain("AKIA");
        assertThat(sent).hasSize(1);
    }

    @Test
    void aFileWithoutRowsIsRefusedForTheRevenueExportToo() {
        HyperTrackerClient client = client("https://198.51.100.7/f.json?sig=1", "{\"AccessKeyId\":\"AKIA\"}");
        ApiException e = catchThrowableOfType(
                ApiException.class,
                () -> client.fetch(
                        ApiRequest.of(BuilderEndpoints.EXPORT_BUILDERS_REVENUE, Map.of(), List.of()),
                        deadline(),
                        false));
        assertThat(e.getMessage()).contains("not in that export's format").doesNotContain("AKIA");
    }
}

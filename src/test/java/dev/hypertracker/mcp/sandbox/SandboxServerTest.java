package dev.hypertracker.mcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Configuration and lifecycle. */
class SandboxServerTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SandboxConfig d = SandboxConfig.defaults();
        assertThat(d.port()).isZero();
        assertThat(d.token()).isEqualTo("sandbox-token");
        assertThat(d.seed()).isEqualTo(42);
        assertThat(d.exportTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.inlineExports()).isFalse();
        assertThat(d.anchor())
                .isBeforeOrEqualTo(Instant.now())
                .isAfter(Instant.now().minus(Duration.ofHours(1)));
        assertThat(d.anchor().getEpochSecond() % 3600).isZero();
    }

    @Test
    void anchorIsTruncatedToTheHour() {
        assertThat(SandboxConfig.defaults()
                        .withAnchor(Instant.parse("2026-03-01T12:34:56Z"))
                        .anchor())
                .isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
    }

    @Test
    void nonsenseConfigurationIsRefused() {
        assertThatThrownBy(() -> SandboxConfig.defaults().withPositions(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxConfig.defaults().withToken(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxConfig.defaults().withPort(70_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxConfig.defaults().withExportTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @SuppressWarnings("try") // closed inside the block on purpose: closing again must be harmless
    void aTakenPortFailsClearlyAndCloseIsIdempotent() {
        SandboxConfig small = SandboxClient.smallConfig().withPositions(1_000).withWallets(200);
        try (SandboxServer first = SandboxServer.start(small)) {
            assertThat(first.baseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(first.describe()).contains(first.baseUrl().toString()).contains("1,000 positions");
            int port = first.baseUrl().getPort();
            assertThatThrownBy(() -> SandboxServer.start(small.withPort(port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(String.valueOf(port));
            first.close();
        }
    }

    @Test
    void unknownExportFileCannotBeSetInline() {
        try (SandboxServer server = SandboxServer.start(
                SandboxClient.smallConfig().withPositions(1_000).withWallets(200))) {
            assertThatThrownBy(() -> server.inlineExport("nope", true)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

package dev.hypertracker.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TransportSettingsTest {

    @Test
    void parsesSingleListsAndAliases() {
        assertThat(TransportKind.parseList("stdio")).containsExactly(TransportKind.STDIO);
        assertThat(TransportKind.parseList("http, sse"))
                .containsExactlyInAnyOrder(TransportKind.HTTP, TransportKind.SSE);
        assertThat(TransportKind.parseList("both")).containsExactlyInAnyOrder(TransportKind.HTTP, TransportKind.SSE);
        assertThat(TransportKind.parseList("Streamable")).containsExactly(TransportKind.HTTP);
        assertThat(TransportKind.parseList("stateless")).containsExactly(TransportKind.STATELESS);
    }

    @Test
    void refusesUnknownNamesAndStdioMixedWithHttp() {
        assertThatThrownBy(() -> TransportKind.parseList("websocket"))
                .hasMessageContaining("Unknown transport 'websocket'");
        assertThatThrownBy(() -> TransportKind.parseList("stdio,http"))
                .hasMessageContaining("stdio cannot be combined");
    }

    @Test
    void defaultsAreLoopbackWithoutTokenAndFourMebibyteBodies() {
        HttpTransportConfig defaults = HttpTransportConfig.defaults();
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.kinds()).containsExactly(TransportKind.HTTP);
        assertThat(defaults.authToken()).isNull();
        assertThat(defaults.maxRequestBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(defaults.withAuthToken("  ").authToken())
                .as("blank token means none")
                .isNull();
    }

    @Test
    void refusesKindsThatCannotBeServedTogether() {
        HttpTransportConfig defaults = HttpTransportConfig.defaults();
        assertThatThrownBy(() -> defaults.withKinds(EnumSet.of(TransportKind.HTTP, TransportKind.STATELESS)))
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("both serve /mcp");
        assertThatThrownBy(() -> defaults.withKinds(EnumSet.of(TransportKind.STDIO)))
                .isInstanceOf(TransportConfigurationException.class);
        assertThatThrownBy(() -> defaults.withMaxRequestBytes(0)).isInstanceOf(TransportConfigurationException.class);
    }
}

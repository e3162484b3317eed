package dev.hypertracker.mcp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypertracker.mcp.config.ConfigurationException;
import dev.hypertracker.mcp.transport.TransportKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --transport}: parsed by {@link TransportKind#parseList}, with CLI-shaped errors and stateless refused. */
class TransportOptionTest {

    @Test
    void acceptsTheNamesAndAliasesOfTheTransportPackage() {
        assertThat(HyperTrackerCommand.transports("stdio", false)).containsExactly(TransportKind.STDIO);
        assertThat(HyperTrackerCommand.transports("http", false)).containsExactly(TransportKind.HTTP);
        assertThat(HyperTrackerCommand.transports("Streamable", false)).containsExactly(TransportKind.HTTP);
        assertThat(HyperTrackerCommand.transports("http, sse", false))
                .containsExactlyInAnyOrder(TransportKind.HTTP, TransportKind.SSE);
        assertThat(HyperTrackerCommand.transports("both", false))
                .containsExactlyInAnyOrder(TransportKind.HTTP, TransportKind.SSE);
    }

    @Test
    void unknownAndImpossibleCombinationsAreConfigurationErrorsNamingTheOption() {
        assertThatThrownBy(() -> HyperTrackerCommand.transports("websocket", false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("--transport: ")
                .hasMessageContaining("'websocket'")
                .hasMessageContaining("expected stdio, http");
        assertThatThrownBy(() -> HyperTrackerCommand.transports("stdio,http", false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("stdio cannot be combined");
    }

    @Test
    void statelessIsAcceptedAsTransportOrFlag() {
        assertThat(HyperTrackerCommand.transports("stateless", false)).containsExactly(TransportKind.STATELESS);
        // --stateless turns the default stdio, or http, into stateless Streamable HTTP; sse stays beside it
        assertThat(HyperTrackerCommand.transports("stdio", true)).containsExactly(TransportKind.STATELESS);
        assertThat(HyperTrackerCommand.transports("http,sse", true))
                .containsExactlyInAnyOrder(TransportKind.STATELESS, TransportKind.SSE);
        assertThatThrownBy(() -> HyperTrackerCommand.transports("http,stateless", false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("http and stateless both serve /mcp");
    }

    @Test
    void theCommandExitsWith2AndPrintsTheMessageOnStderr() {
        CommandLine cl = HyperTrackerCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("--transport", "http,stateless");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("hypertracker-mcp: --transport: http and stateless both serve /mcp");
    }

    @Test
    void aRedisUrlThatIsNotOneIsAConfigurationError() {
        CommandLine cl = HyperTrackerCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("--demo", "--stateless", "--port", "0", "--redis-url", "http://127.0.0.1:6379");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--redis-url").contains("redis://host:6379");
    }
}

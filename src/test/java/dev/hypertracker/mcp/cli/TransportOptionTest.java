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
        assertThat(HyperTrackerCommand.transports("stdio")).containsExactly(TransportKind.STDIO);
        assertThat(HyperTrackerCommand.transports("http")).containsExactly(TransportKind.HTTP);
        assertThat(HyperTrackerCommand.transports("Streamable")).containsExactly(TransportKind.HTTP);
        assertThat(HyperTrackerCommand.transports("http, sse"))
                .containsExactlyInAnyOrder(TransportKind.HTTP, TransportKind.SSE);
        assertThat(HyperTrackerCommand.transports("both"))
                .containsExactlyInAnyOrder(TransportKind.HTTP, TransportKind.SSE);
    }

    @Test
    void unknownAndImpossibleCombinationsAreConfigurationErrorsNamingTheOption() {
        assertThatThrownBy(() -> HyperTrackerCommand.transports("websocket"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("--transport: ")
                .hasMessageContaining("'websocket'")
                .hasMessageContaining("expected stdio, http");
        assertThatThrownBy(() -> HyperTrackerCommand.transports("stdio,http"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("stdio cannot be combined");
    }

    @Test
    void statelessIsRefusedClearly() {
        assertThatThrownBy(() -> HyperTrackerCommand.transports("stateless"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("stateless is not available from the command line");
        assertThatThrownBy(() -> HyperTrackerCommand.transports("http,stateless"))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void theCommandExitsWith2AndPrintsTheMessageOnStderr() {
        CommandLine cl = HyperTrackerCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("--transport", "stateless");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("hypertracker-mcp: --transport: stateless is not available");
    }
}

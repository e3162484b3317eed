package dev.hypertracker.mcp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypertracker.mcp.config.ConfigurationException;
import dev.hypertracker.mcp.transport.HttpTransportConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --max-sessions} and {@code --session-idle-timeout}: flag, else environment variable, else default. */
class SessionOptionsTest {
    private static final String ENV = HttpTransportConfig.MAX_SESSIONS_ENV;

    @Test
    void theFlagWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        assertThat(HyperTrackerCommand.flagOrEnv("--max-sessions", 7, Map.of(ENV, "9"), ENV, 1000))
                .isEqualTo(7);
        assertThat(HyperTrackerCommand.flagOrEnv("--max-sessions", null, Map.of(ENV, " 9 "), ENV, 1000))
                .isEqualTo(9);
        assertThat(HyperTrackerCommand.flagOrEnv("--max-sessions", null, Map.of(), ENV, 1000))
                .isEqualTo(1000);
    }

    @Test
    void aValueThatIsNotAPositiveWholeNumberIsAConfigurationError() {
        assertThatThrownBy(() -> HyperTrackerCommand.flagOrEnv("--max-sessions", null, Map.of(ENV, "lots"), ENV, 1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--max-sessions (or " + ENV + ")")
                .hasMessageContaining("'lots'");
        assertThatThrownBy(() -> HyperTrackerCommand.flagOrEnv("--max-sessions", 0, Map.of(), ENV, 1))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void bothFlagsAreDeclared() {
        CommandLine cl = HyperTrackerCommand.commandLine();
        assertThat(cl.getCommandSpec().findOption("--max-sessions")).isNotNull();
        assertThat(cl.getCommandSpec().findOption("--session-idle-timeout")).isNotNull();
    }
}

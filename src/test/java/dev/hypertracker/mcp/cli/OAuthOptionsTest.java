package dev.hypertracker.mcp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypertracker.mcp.auth.OAuthResourceServer;
import dev.hypertracker.mcp.transport.HttpTransportConfig;
import dev.hypertracker.mcp.transport.TransportConfigurationException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The OAuth resource-server flags: what they build, their environment fallbacks, and the refusals with exit 2. */
class OAuthOptionsTest {

    private static String refusal(String... args) {
        CommandLine cl = HyperTrackerCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(args)).as(String.join(" ", args)).isEqualTo(2);
        return err.toString();
    }

    @Test
    void flagsBuildTheResourceServerAndTheAudienceDefaultsToTheResource() {
        HyperTrackerCommand command = new HyperTrackerCommand();
        new CommandLine(command)
                .parseArgs(
                        "--oauth-issuer",
                        "https://auth.example",
                        "--oauth-jwks-url",
                        "https://auth.example/jwks",
                        "--oauth-resource",
                        "https://mcp.example/mcp",
                        "--oauth-scope",
                        "mcp:read,mcp:tools");
        OAuthResourceServer.Settings s = command.oauth(Map.of()).settings();
        assertThat(s.issuer()).isEqualTo("https://auth.example");
        assertThat(s.audience()).isEqualTo("https://mcp.example/mcp");
        assertThat(s.requiredScopes()).containsExactly("mcp:read", "mcp:tools");
    }

    @Test
    void theEnvironmentStandsInForEveryFlag() {
        OAuthResourceServer.Settings s = new HyperTrackerCommand()
                .oauth(Map.of(
                        "HYPERTRACKER_MCP_OAUTH_ISSUER", "https://auth.example",
                        "HYPERTRACKER_MCP_OAUTH_JWKS_URL", "https://auth.example/jwks",
                        "HYPERTRACKER_MCP_OAUTH_RESOURCE", "https://mcp.example/mcp",
                        "HYPERTRACKER_MCP_OAUTH_AUDIENCE", "api://hypertracker",
                        "HYPERTRACKER_MCP_OAUTH_SCOPES", "a, b"))
                .settings();
        assertThat(s.audience()).isEqualTo("api://hypertracker");
        assertThat(s.jwksUrl()).isEqualTo(URI.create("https://auth.example/jwks"));
        assertThat(s.requiredScopes()).containsExactly("a", "b");
        assertThat(new HyperTrackerCommand().oauth(Map.of()))
                .as("no issuer, no OAuth")
                .isNull();
    }

    @Test
    void incompleteOrUnsafeSettingsAreRefusedWithExit2() {
        assertThat(refusal("--transport", "http", "--oauth-issuer", "https://auth.example"))
                .contains("--oauth-issuer needs --oauth-jwks-url");
        assertThat(refusal(
                        "--transport",
                        "http",
                        "--oauth-issuer",
                        "https://auth.example",
                        "--oauth-jwks-url",
                        "http://auth.example/jwks",
                        "--oauth-resource",
                        "https://mcp.example/mcp"))
                .contains("--oauth-jwks-url must be an https URL");
        assertThat(refusal(
                        "--oauth-issuer",
                        "https://auth.example",
                        "--oauth-jwks-url",
                        "https://auth.example/jwks",
                        "--oauth-resource",
                        "https://mcp.example/mcp"))
                .contains("guards the HTTP transports");
    }

    @Test
    void aStaticTokenAndOAuthCannotBothGuardTheEndpoint() {
        OAuthResourceServer oauth = new HyperTrackerCommand()
                .oauth(Map.of(
                        "HYPERTRACKER_MCP_OAUTH_ISSUER", "https://auth.example",
                        "HYPERTRACKER_MCP_OAUTH_JWKS_URL", "https://auth.example/jwks",
                        "HYPERTRACKER_MCP_OAUTH_RESOURCE", "https://mcp.example/mcp"));
        assertThatThrownBy(() ->
                        HttpTransportConfig.defaults().withAuthToken("s3cret").withOAuth(oauth))
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("choose one");
        assertThat(HttpTransportConfig.defaults().withOAuth(oauth).oauth()).isSameAs(oauth);
        assertThat(List.of(oauth.metadataUrl().toString()))
                .containsExactly("https://mcp.example/.well-known/oauth-protected-resource/mcp");
    }
}

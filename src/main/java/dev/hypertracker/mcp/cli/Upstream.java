package dev.hypertracker.mcp.cli;

import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.sandbox.SandboxConfig;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import java.net.URI;
import java.util.Map;

/**
 * Where tool calls go: the real API (base URL and token from the environment) or, in demo mode, an embedded
 * sandbox on an ephemeral loopback port that lives as long as this object.
 */
record Upstream(Settings settings, SandboxServer sandbox) implements AutoCloseable {

    static Upstream connect(boolean demo, long seed, Map<String, String> env) {
        if (demo) {
            SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withSeed(seed));
            return new Upstream(
                    Settings.defaults(sandbox.baseUrl(), Secret.of(sandbox.token()))
                            .withDemo(true),
                    sandbox);
        }
        URI base = URI.create(env.getOrDefault(Settings.ENV_BASE_URL, Settings.DEFAULT_BASE_URL.toString())
                .trim());
        return new Upstream(Settings.defaults(base, Secret.of(env.get(Settings.ENV_TOKEN))), null);
    }

    @Override
    public void close() {
        if (sandbox != null) sandbox.close();
    }
}

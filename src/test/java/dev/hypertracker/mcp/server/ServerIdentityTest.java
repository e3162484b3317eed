package dev.hypertracker.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** serverInfo carries title, description, website and an inline PNG icon, and serializes with the spec's names. */
class ServerIdentityTest {

    @Test
    void serverInfoHasTitleDescriptionWebsiteAndIcon() throws Exception {
        McpSchema.Implementation info = ServerIdentity.implementation("1.2.3");
        String json = McpJsonDefaults.getMapper().writeValueAsString(info);
        assertThat(json)
                .contains(
                        "\"name\":\"hypertracker-mcp\"",
                        "\"version\":\"1.2.3\"",
                        "\"title\":\"HyperTracker\"",
                        "\"description\":\"Hyperliquid positioning",
                        "\"websiteUrl\":\"https://",
                        "\"icons\":[{\"src\":\"data:image/png;base64,",
                        "\"mimeType\":\"image/png\"",
                        "\"sizes\":[\"128x128\"]");

        byte[] png = Base64.getDecoder().decode(info.icons().get(0).src().substring("data:image/png;base64,".length()));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        ByteBuffer ihdr = ByteBuffer.wrap(png, 16, 8);
        assertThat(ihdr.getInt()).as("width").isEqualTo(128);
        assertThat(ihdr.getInt()).as("height").isEqualTo(128);
    }
}

package dev.hypertracker.mcp.server;

import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * How the server introduces itself in {@code initialize} (serverInfo): name, title, description, website and icon.
 * The Claude Desktop bundle's manifest.json, server.json (MCP Registry) and jbang-catalog.json say the same
 * (PublishingManifestsTest checks they agree).
 */
public final class ServerIdentity {
    public static final String TITLE = "HyperTracker";
    public static final String DESCRIPTION =
            "Hyperliquid positioning from the HyperTracker API: positions, open interest, "
                    + "cohorts, liquidation risk, as token-frugal digests.";
    /** The HyperTracker API this server serves (the project has no web site of its own yet). */
    public static final String WEBSITE = "https://ht-api.coinmarketman.com";
    /** A 128×128 PNG, also the bundle's icon.png. */
    public static final String ICON_RESOURCE = "/META-INF/hypertracker/icon.png";

    private ServerIdentity() {}

    public static McpSchema.Implementation implementation(String version) {
        McpSchema.Icon icon = McpSchema.Icon.builder(iconDataUri())
                .mimeType("image/png")
                .sizes(List.of("128x128"))
                .build();
        return McpSchema.Implementation.builder(HyperTrackerServer.NAME, version)
                .title(TITLE)
                .description(DESCRIPTION)
                .websiteUrl(WEBSITE)
                .icons(List.of(icon))
                .build();
    }

    /** The icon inline (a data: URI, ~450 characters): a client shows it without fetching anything. */
    static String iconDataUri() {
        try (InputStream in = ServerIdentity.class.getResourceAsStream(ICON_RESOURCE)) {
            if (in == null) throw new IllegalStateException(ICON_RESOURCE + " is missing from the jar");
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

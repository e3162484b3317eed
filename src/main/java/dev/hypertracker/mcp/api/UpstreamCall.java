package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.files.StreamedFileReader;
import java.net.URI;

/**
 * One upstream GET as it passes through the steps.
 *
 * @param uri       where
 * @param tool      the tool it serves (for messages)
 * @param withToken true for the API (Bearer token); false for a pre-signed export file, which carries its own signature
 * @param deadline  the calling tool call's budget
 * @param reader    reads a 200 body streamed into its summary (a large download file), or null for JSON
 */
public record UpstreamCall(URI uri, String tool, boolean withToken, Deadline deadline, StreamedFileReader reader) {

    public UpstreamCall(URI uri, String tool, boolean withToken, Deadline deadline) {
        this(uri, tool, withToken, deadline, null);
    }
}

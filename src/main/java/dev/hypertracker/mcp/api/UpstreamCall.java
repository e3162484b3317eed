package dev.hypertracker.mcp.api;

import java.net.URI;

/**
 * One upstream GET as it passes through the steps.
 *
 * @param uri       where
 * @param tool      the tool it serves (for messages)
 * @param withToken true for the API (Bearer token); false for a pre-signed export file, which carries its own signature
 * @param deadline  the calling tool call's budget
 */
public record UpstreamCall(URI uri, String tool, boolean withToken, Deadline deadline) {}

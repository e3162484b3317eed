package dev.hypertracker.mcp.digest;

import java.util.List;
import java.util.Map;

/**
 * A summarized result.
 *
 * @param text       the short readable digest (the tool result's text content)
 * @param structured the same digest as JSON-ready maps and lists (the tool result's structuredContent)
 * @param omitted    what the token budget left out, in plain words (empty when nothing was cut)
 */
public record Digest(String text, Map<String, Object> structured, List<String> omitted) {}

package dev.hypertracker.mcp.digest;

import java.util.List;
import java.util.Map;

/**
 * What the caller asked of a digest.
 *
 * @param detail    summary (default), rows or raw
 * @param fields    columns for detail=rows (empty: a default set per kind)
 * @param maxRows   rows shown for detail=rows
 * @param maxTokens the token budget of the whole result
 * @param top       how many entries top-N lists show
 * @param sortBy    the ranking key for top lists where a kind offers a choice (e.g. "value", "pnl"), or null
 * @param echo      request arguments echoed into the digest (e.g. openedWithin, coin)
 */
public record DigestOptions(
        Detail detail,
        List<String> fields,
        int maxRows,
        int maxTokens,
        int top,
        String sortBy,
        Map<String, Object> echo) {

    public static final int DEFAULT_MAX_TOKENS = 2_000;
    public static final int MAX_MAX_TOKENS = 20_000;
    /** The smallest budget honoured: below it a result could not say what it left out. Validate maxTokens against it. */
    public static final int MIN_MAX_TOKENS = 100;

    public static final int DEFAULT_MAX_ROWS = 50;
    public static final int DEFAULT_TOP = 10;

    public DigestOptions {
        fields = fields == null ? List.of() : List.copyOf(fields);
        echo = echo == null ? Map.of() : Map.copyOf(echo);
    }

    public static DigestOptions defaults() {
        return new DigestOptions(
                Detail.SUMMARY, List.of(), DEFAULT_MAX_ROWS, DEFAULT_MAX_TOKENS, DEFAULT_TOP, null, Map.of());
    }
}

package dev.hypertracker.mcp.api;

/**
 * How the rows behind a digest were fetched.
 *
 * @param pagesFetched   upstream pages read
 * @param complete       true when no nextCursor remains (everything matching the query was read)
 * @param nextCursor     the cursor to continue from, or null
 * @param incompleteNote why fetching stopped early (a failed page, the deadline), or null
 */
public record Paging(int pagesFetched, boolean complete, String nextCursor, String incompleteNote) {
    public static Paging single() {
        return new Paging(1, true, null, null);
    }
}

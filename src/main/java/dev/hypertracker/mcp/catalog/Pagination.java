package dev.hypertracker.mcp.catalog;

/** How an endpoint pages. */
public enum Pagination {
    /** One response holds everything. */
    NONE,
    /** The response's {@code nextCursor} is passed back as the {@code nextCursor} query parameter. */
    CURSOR,
    /** {@code offset} + {@code limit}, with {@code totalCount} in the body. */
    OFFSET
}

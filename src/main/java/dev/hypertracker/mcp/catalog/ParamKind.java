package dev.hypertracker.mcp.catalog;

/** What a parameter holds; decides its JSON Schema, its validation and how it is sent upstream. */
public enum ParamKind {
    /** A coin symbol in the API's syntax: BTC, kPEPE, or a HIP-3 coin with its dex prefix, xyz:GOLD. */
    COIN,
    /** One or several 0x-prefixed 40-hex wallet addresses; sent lowercase, the query key repeated. */
    ADDRESS_LIST,
    /** Exactly one 0x-prefixed 40-hex address (a wallet or a builder); sent lowercase. */
    ADDRESS,
    /** An ISO 8601 date or date-time; sent as UTC with milliseconds (2026-02-25T00:00:00.000Z). */
    DATETIME,
    /** true or false; sent lowercase. */
    BOOLEAN,
    /** A whole number within [min, max]. */
    INTEGER,
    /** A cohort id 1-16, or its name ("Smart Money"). */
    COHORT,
    /** A position size bucket id 1-10, or its range ("$10k-$25k"). */
    SIZE_BUCKET,
    /** One of a fixed list of strings. */
    ENUM,
    /** An opaque pagination cursor returned by a previous call. */
    CURSOR,
    /** A list of row field names (column selection); handled by this server, never sent upstream. */
    FIELD_LIST,
    /**
     * One coin symbol or a list of them: as a tool-only focus argument a server-side filter, never sent upstream; as
     * an API parameter (coin[] on builder fills) sent with the query key repeated.
     */
    COIN_LIST,
    /** One cohort (id or name) or a list of them; a server-side filter, never sent upstream. */
    COHORT_LIST
}

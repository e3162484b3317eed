package dev.hypertracker.mcp.catalog;

import static dev.hypertracker.mcp.catalog.ParamKind.*;

/**
 * Parameter declarations shared by the endpoint groups, so that one argument reads the same on every tool. The
 * descriptions are a few words: what the arguments share (cohort legend, coin syntax, time format, paging) is said
 * once, in {@link ArgumentGuide}, which the server instructions carry; the schemas keep every enum and range.
 */
final class CommonParams {

    private CommonParams() {}

    /** Where the cohort ids, names and thresholds are explained: once, not in every cohort parameter. */
    static final String COHORT_LEGEND = "Legend: list_cohorts.";

    static final String COHORT_NAMES = COHORT_LEGEND;

    // ---- shared parameter declarations ----
    static Param coinPath() {
        return Param.path("coin", COIN, "Case-sensitive: BTC, kPEPE, xyz:GOLD.");
    }

    /** A coin of the main exchange: routes that answer 404 for HIP-3 coins (/perps/coin/{coin}/segment-metrics). */
    static Param mainCoinPath() {
        return Param.path("coin", MAIN_COIN, "Case-sensitive main-exchange symbol: BTC, kPEPE (no HIP-3 coins).");
    }

    /** The -24h/-7d/-30d variants of a per-coin export file; omitted: the plain file. */
    static Param window() {
        return Param.pathSuffix(
                        "window",
                        ENUM,
                        "The file's 24h, 7d or 30d variant (the vendor's time-window files). Omit for the plain file.")
                .oneOf("24h", "7d", "30d");
    }

    static Param coinQuery() {
        return Param.query("coin", COIN, "Case-sensitive (BTC, xyz:GOLD); omit for all.");
    }

    static Param start(String what, String defaultText) {
        return Param.query(
                "start",
                DATETIME,
                "Window start" + (what.isEmpty() ? "" : ", " + what) + "; default " + defaultText + ".");
    }

    static Param end() {
        return Param.query("end", DATETIME, "Window end; default now.");
    }

    static Param limit(long max) {
        return Param.query("limit", INTEGER, null).range(1, max);
    }

    /** Series ask for the API's largest page by default, so that few pages cover the window (fidelity, issue 12). */
    static Param seriesLimit() {
        return limit(1000).withDefault(1000);
    }

    static Param cursor() {
        return Param.query("nextCursor", CURSOR, null);
    }

    /** Documented on the coin x segment route only; the API silently ignores it elsewhere (so it is not offered there). */
    static Param recency() {
        return Param.query("positionRecencyTimeframe", ENUM, "Only count positions opened within this timeframe.")
                .oneOf("24h", "7d", "30d", "all");
    }

    /** The cohort parameter; the query form (list_positions) carries the thresholds, the path forms only names. */
    static Param segment(boolean path) {
        return path
                ? Param.path("segmentId", COHORT, "Cohort id or name. " + COHORT_NAMES)
                : Param.query("segmentId", COHORT, "Cohort id or name. " + COHORT_LEGEND);
    }

    static final String DEFAULT_SERIES_START = "24h ago";
}

package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.Cohort;

/** Cohort by id without a stream per call: digests look up two cohorts per row. */
final class CohortLookup {

    private static final Cohort[] BY_ID = new Cohort[Cohort.MAX_ID + 1];

    static {
        for (Cohort c : Cohort.values()) BY_ID[c.id()] = c;
    }

    private CohortLookup() {}

    /** The cohort with this id, or null for an id the legend does not know. */
    static Cohort byId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}

package dev.hypertracker.mcp.briefs;

import java.util.List;
import java.util.Map;

/**
 * One brief tool: its contract (name, subject argument, schemas) and how it builds its sections from at most
 * {@link #plannedReads()} reads.
 *
 * @param <S> the validated subject (a coin symbol, a cohort, an address)
 */
interface Brief<S> {
    String name();

    String title();

    String description();

    /** The subject argument's name: the contract's {coin}, {segmentId} or {address}. */
    String subjectArgument();

    /** JSON Schema of the subject argument. */
    Map<String, Object> subjectSchema();

    /** The subject from the raw argument; an InvalidArgumentException before any request when it is not one. */
    S subject(Object raw);

    /** The subject's structured fields (e.g. coin, or segmentId and name). */
    Map<String, Object> subjectFields(S subject);

    /** One line naming the subject, first in the text. */
    String headline(S subject);

    /** Upstream reads at most (every section's reads together); progress counts against it. */
    int plannedReads();

    List<BriefSection> sections(S subject, BriefUpstream upstream);
}

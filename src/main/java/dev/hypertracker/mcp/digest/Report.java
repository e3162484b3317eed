package dev.hypertracker.mcp.digest;

import java.util.List;

/**
 * A kind's full digest before the budget: what {@link Budget} cuts from.
 *
 * @param title      the first text line (the summarizer sets it: the endpoint's title and the detail level)
 * @param sections   in display order
 * @param dropOrder  what the budget cuts first when over: each step shortens a listing down to {@code floor} items,
 *                   a floor of 0 drops the section (listing or block)
 * @param narrowHint how the caller can ask for less, shown when something was cut
 */
record Report(String title, List<Section> sections, List<Cut> dropOrder, String narrowHint) {

    Report(List<Section> sections, List<Cut> dropOrder, String narrowHint) {
        this(null, sections, dropOrder, narrowHint);
    }

    record Cut(String key, int floor) {
        static Cut shorten(String key, int floor) {
            return new Cut(key, floor);
        }

        static Cut drop(String key) {
            return new Cut(key, 0);
        }
    }
}

package dev.hypertracker.mcp.digest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One part of a digest, rendered both as text and into structuredContent. The budget shrinks {@link Listing}s and
 * drops {@link Block}s and Listings; {@link Fields} (totals, paging) always stay.
 */
sealed interface Section permits Section.Fields, Section.Block, Section.Listing {

    /** The section's text lines (may be empty). */
    String text();

    /** Writes the section into the structuredContent map. */
    void putInto(Map<String, Object> structured);

    /** One entry of a listing, as JSON and as a text line. */
    interface Item {
        /** A JSON-ready value: usually a map, an array for table rows. */
        Object json();

        String line();
    }

    /** Top-level structured fields that are never cut. */
    record Fields(Map<String, Object> fields, String text) implements Section {
        @Override
        public void putInto(Map<String, Object> structured) {
            structured.putAll(fields);
        }
    }

    /**
     * A named part that the budget keeps whole or drops.
     *
     * @param what how the omitted list names it ("leverage distribution")
     */
    record Block(String key, Object json, String text, String what) implements Section {
        @Override
        public void putInto(Map<String, Object> structured) {
            structured.put(key, json);
        }
    }

    /** How a listing shows in the text. */
    enum Layout {
        /** A heading line, then one "- item" line each. */
        BULLETS,
        /** "heading: a; b; c" on one line, for short items such as cohort tallies or trend points. */
        INLINE,
        /** Only a description line (the heading, with {shown} replaced by the item count): the items are in structuredContent. */
        DESCRIBED,
        /**
         * The heading ({shown} replaced) then one line per item, no bullet: a compact table for text-only clients
         * (issue 14), whose item lines are the cells.
         */
        TABLE
    }

    /**
     * A ranked list the budget can shorten from the end.
     *
     * @param keys      null to write the items as a JSON array, else the keys to write them under as a JSON object
     * @param what      plural noun for the omitted list ("positions")
     * @param available how many items there were before the budget cut (at least items.size()): a listing built
     *                  from a pre-cut sample says how much more there was
     */
    record Listing(
            String key,
            String heading,
            Layout layout,
            List<? extends Item> items,
            List<String> keys,
            String what,
            int available)
            implements Section {

        static Listing of(String key, String heading, List<? extends Item> items, String what) {
            return new Listing(key, heading, Layout.BULLETS, items, null, what, items.size());
        }

        static Listing inline(String key, String heading, List<? extends Item> items, String what) {
            return new Listing(key, heading, Layout.INLINE, items, null, what, items.size());
        }

        Listing firstItems(int n) {
            return new Listing(
                    key,
                    heading,
                    layout,
                    items.subList(0, n),
                    keys == null ? null : keys.subList(0, n),
                    what,
                    available);
        }

        @Override
        public String text() {
            if (layout == Layout.DESCRIBED) return heading.replace("{shown}", Format.count(items.size()));
            if (layout == Layout.TABLE) {
                StringBuilder table = new StringBuilder(heading.replace("{shown}", Format.count(items.size())));
                for (Item item : items) table.append('\n').append(item.line());
                return table.toString();
            }
            if (items.isEmpty()) return "";
            StringBuilder sb = new StringBuilder(heading).append(':');
            for (int i = 0; i < items.size(); i++) {
                sb.append(layout == Layout.INLINE ? (i == 0 ? " " : "; ") : "\n- ")
                        .append(items.get(i).line());
            }
            return sb.toString();
        }

        @Override
        public void putInto(Map<String, Object> structured) {
            if (keys != null) {
                Map<String, Object> byKey = new LinkedHashMap<>();
                for (int i = 0; i < items.size(); i++)
                    byKey.put(keys.get(i), items.get(i).json());
                structured.put(key, byKey);
            } else {
                List<Object> list = new ArrayList<>(items.size());
                for (Item item : items) list.add(item.json());
                structured.put(key, list);
            }
        }
    }
}

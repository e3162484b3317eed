package dev.hypertracker.mcp.briefs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One section of a brief: which tool's data it comes from, what that data covers (snapshot, window, pages, sample),
 * a few lines that are always shown, and a ranked list of items the token budget may shorten (saying so).
 *
 * @param key    the section's key in structuredContent
 * @param title  heading for the text
 * @param source the single tool answering the same question in full (a model can call it for more)
 * @param covers what the figures cover, in plain words
 * @param head   lines always shown
 * @param fields structured figures of the head
 * @param itemsKey   structured key of the items ("coins", "cohorts", …)
 * @param items      ranked items, best first
 * @param itemsShown how many items the budget leaves (the rest are named as cut)
 */
record BriefSection(
        String key,
        String title,
        String source,
        String covers,
        List<String> head,
        Map<String, Object> fields,
        String itemsKey,
        List<Item> items,
        int itemsShown) {

    /** One ranked entry: its text line and its structured form. */
    record Item(String line, Map<String, Object> json) {}

    BriefSection {
        head = List.copyOf(head);
        fields = fields == null ? Map.of() : fields;
        items = List.copyOf(items);
        itemsShown = Math.max(0, Math.min(itemsShown, items.size()));
    }

    static BriefSection of(
            String key,
            String title,
            String source,
            String covers,
            List<String> head,
            Map<String, Object> fields,
            String itemsKey,
            List<Item> items) {
        return new BriefSection(key, title, source, covers, head, fields, itemsKey, items, items.size());
    }

    /** A section that could not be built: it says why, so the model knows the gap is not "nothing there". */
    static BriefSection unavailable(String key, String title, String source, String reason) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("available", false);
        fields.put("reason", reason);
        return of(key, title, source, "nothing", List.of("Not available: " + reason), fields, null, List.of());
    }

    BriefSection showing(int shown) {
        return new BriefSection(key, title, source, covers, head, fields, itemsKey, items, shown);
    }

    int cut() {
        return items.size() - itemsShown;
    }

    String text() {
        StringBuilder b = new StringBuilder("## ")
                .append(title)
                .append(" [")
                .append(source)
                .append("; ")
                .append(covers)
                .append("]\n");
        head.forEach(l -> b.append(l).append('\n'));
        for (int i = 0; i < itemsShown; i++)
            b.append("- ").append(items.get(i).line()).append('\n');
        if (cut() > 0)
            b.append("(")
                    .append(cut())
                    .append(" more ")
                    .append(itemsKey)
                    .append(" not shown (brief length or token budget); ")
                    .append(source)
                    .append(" lists them.)\n");
        return b.toString();
    }

    Map<String, Object> structured() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("covers", covers);
        m.putAll(fields);
        if (itemsKey != null) {
            List<Map<String, Object>> shown = new ArrayList<>();
            for (int i = 0; i < itemsShown; i++) shown.add(items.get(i).json());
            m.put(itemsKey, shown);
            m.put(itemsKey + "Total", items.size());
        }
        return m;
    }
}

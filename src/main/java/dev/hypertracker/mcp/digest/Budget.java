package dev.hypertracker.mcp.digest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a {@link Report} into a token budget: cuts in the report's drop order, then every droppable section, and as a
 * last resort sends only the kind and what was left out. Every cut is named in {@code omitted} and in the text.
 */
final class Budget {

    private final Report report;
    private final String kind;
    private final Detail detail;
    private final int maxTokens;

    private Budget(Report report, String kind, Detail detail, int maxTokens) {
        this.report = report;
        this.kind = kind;
        this.detail = detail;
        this.maxTokens = Math.max(DigestOptions.MIN_MAX_TOKENS, Math.min(maxTokens, DigestOptions.MAX_MAX_TOKENS));
    }

    private record Rendered(String text, Map<String, Object> structured, List<String> omitted, int tokens) {
        Digest digest() {
            return new Digest(text, structured, omitted);
        }
    }

    static Digest fit(Report report, String kind, Detail detail, int maxTokens) {
        return new Budget(report, kind, detail, maxTokens).fit();
    }

    private Digest fit() {
        List<Section> sections = new ArrayList<>(report.sections());
        Rendered rendered = render(sections);
        if (fits(rendered)) return rendered.digest();

        for (Report.Cut cut : report.dropOrder()) {
            int index = indexOf(sections, cut.key());
            if (index < 0) continue;
            if (cut.floor() > 0 && sections.get(index) instanceof Section.Listing listing) {
                if (listing.items().size() <= cut.floor()) continue;
                Rendered shortened = shortenToFit(sections, index, listing, cut.floor());
                if (shortened != null) return shortened.digest();
            } else {
                sections.remove(index);
                rendered = render(sections);
                if (fits(rendered)) return regrow(sections, rendered).digest();
            }
        }
        // the drop order did not suffice: drop every remaining cuttable section, last first
        for (int i = sections.size() - 1; i >= 0; i--) {
            if (sections.get(i) instanceof Section.Fields) continue;
            sections.remove(i);
            rendered = render(sections);
            if (fits(rendered)) return rendered.digest();
        }
        return bare();
    }

    /**
     * Shortens the listing at index to the most items that fit (at least floor). Returns the fitting rendering, or
     * null after leaving the listing at floor items when even that does not fit.
     */
    private Rendered shortenToFit(List<Section> sections, int index, Section.Listing listing, int floor) {
        sections.set(index, listing.firstItems(floor));
        Rendered atFloor = render(sections);
        if (!fits(atFloor)) return null;
        int lo = floor; // fits
        int hi = listing.items().size() + 1; // the first size known not to fit
        Rendered best = atFloor;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            sections.set(index, listing.firstItems(mid));
            Rendered r = render(sections);
            if (fits(r)) {
                lo = mid;
                best = r;
            } else {
                hi = mid;
            }
        }
        sections.set(index, listing.firstItems(lo));
        return best;
    }

    /**
     * After a drop made room, gives it back to the listings shortened before it, in display order (which is the
     * order of importance): a drop can free more than the last shortening needed.
     */
    private Rendered regrow(List<Section> sections, Rendered fitting) {
        Rendered best = fitting;
        for (Section original : report.sections()) {
            if (!(original instanceof Section.Listing full)) continue;
            int index = indexOf(sections, full.key());
            if (index < 0
                    || !(sections.get(index) instanceof Section.Listing shown)
                    || shown.items().size() >= full.items().size()) continue;
            Rendered grown = shortenToFit(sections, index, full, shown.items().size());
            if (grown != null) best = grown;
        }
        return best;
    }

    /** The last resort: nothing but the kind, the detail and what was left out. */
    private Digest bare() {
        List<String> omitted = List.of("the whole digest: it does not fit in " + maxTokens + " tokens");
        Map<String, Object> structured = header();
        structured.put("omitted", omitted);
        String json = Json.toJson(structured);
        String leftOut = "Left out to stay within " + maxTokens
                + " tokens: the whole digest. Raise maxTokens or narrow the query (" + report.narrowHint() + ").";
        String text = report.title() + "\n" + leftOut;
        if (TokenCounter.charged(text, json) > maxTokens) text = leftOut;
        while (!text.isEmpty() && TokenCounter.charged(text, json) > maxTokens) {
            text = text.substring(0, text.length() / 2);
        }
        return new Digest(text, structured, omitted);
    }

    private boolean fits(Rendered r) {
        return r.tokens() <= maxTokens;
    }

    private Rendered render(List<Section> sections) {
        List<String> omitted = omissions(sections);
        Map<String, Object> structured = header();
        StringBuilder text = new StringBuilder(report.title());
        for (Section s : sections) {
            s.putInto(structured);
            String t = s.text();
            if (!t.isEmpty()) text.append('\n').append(t);
        }
        structured.put("omitted", omitted);
        if (!omitted.isEmpty()) {
            text.append("\nLeft out to stay within ")
                    .append(Format.count(maxTokens))
                    .append(" tokens: ")
                    .append(String.join("; ", omitted))
                    .append(". To see more: ")
                    .append(report.narrowHint())
                    .append(", or raise maxTokens (up to ")
                    .append(Format.count(DigestOptions.MAX_MAX_TOKENS))
                    .append(").");
        }
        String body = text.toString();
        return new Rendered(body, structured, omitted, TokenCounter.charged(body, Json.toJson(structured)));
    }

    private Map<String, Object> header() {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("kind", kind);
        structured.put("detail", detail.id());
        return structured;
    }

    /** What the current sections lack compared with the report: dropped sections and shortened listings. */
    private List<String> omissions(List<Section> sections) {
        List<String> omitted = new ArrayList<>();
        for (Section original : report.sections()) {
            String key = keyOf(original);
            if (key == null) continue;
            int index = indexOf(sections, key);
            if (index < 0) {
                omitted.add(key + " (" + whatOf(original) + ") left out");
            } else if (sections.get(index) instanceof Section.Listing shown
                    && shown.items().size() < shown.available()) {
                omitted.add(key + ": " + shown.items().size() + " of " + Format.count(shown.available()) + " "
                        + shown.what() + " shown");
            }
        }
        return omitted;
    }

    private static int indexOf(List<Section> sections, String key) {
        for (int i = 0; i < sections.size(); i++) {
            if (key.equals(keyOf(sections.get(i)))) return i;
        }
        return -1;
    }

    private static String keyOf(Section s) {
        if (s instanceof Section.Block b) return b.key();
        if (s instanceof Section.Listing l) return l.key();
        return null;
    }

    private static String whatOf(Section s) {
        if (s instanceof Section.Block b) return b.what();
        return ((Section.Listing) s).what();
    }
}

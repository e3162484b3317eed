package dev.hypertracker.mcp.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request path, exact ("/api/external/positions") or a catalog template whose {name} parts match one
 * path segment ("/api/external/position-metrics/coin/{coin}"), or an optional "-" suffix of one
 * ("…/segment-metrics{window}": the value is null when the suffix is absent).
 */
final class PathPattern {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

    private final Pattern regex;
    private final List<String> names = new ArrayList<>();

    PathPattern(String text) {
        StringBuilder re = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            // a placeholder inside a segment is an optional file-name suffix: …-by-size{window} matches …-by-size-24h
            boolean suffix = m.start() > 0 && text.charAt(m.start() - 1) != '/';
            re.append(Pattern.quote(text.substring(last, m.start()))).append(suffix ? "(?:-([^/]+))?" : "([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        re.append(Pattern.quote(text.substring(last)));
        this.regex = Pattern.compile(re.toString());
    }

    /** The path parameters by name when the path matches. */
    Optional<Map<String, String>> match(String path) {
        Matcher m = regex.matcher(path);
        if (!m.matches()) return Optional.empty();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) values.put(names.get(i), m.group(i + 1));
        return Optional.of(values);
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
    }
}

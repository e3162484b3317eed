package dev.hypertracker.mcp.digest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * get_builder_profile: the profile's own fields as the API names them (its shape is unpublished, so nothing is
 * renamed or computed); numbers given as strings are read as numbers, nested parts are left to detail=raw.
 */
final class BuilderProfileDigest implements KindDigest {

    private JsonNode profile;

    @Override
    public void accept(JsonNode row) {
        profile = row;
    }

    @Override
    public Report finish() {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> nested = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        if (profile != null) {
            profile.forEachEntry((name, value) -> {
                if (value.isContainer()) {
                    nested.add(name);
                } else if (value.isNumber() || (value.isString() && isNumeric(value.stringValue()))) {
                    double v = Json.number(name, value);
                    values.put(name, Format.unrounded(v));
                    lines.add(name + " " + Format.number(v));
                } else if (!value.isNull()) {
                    values.put(name, value.asString());
                    lines.add(name + " " + value.asString());
                }
            });
        }
        Map<String, Object> fields = Json.obj("profile", values, "nestedFields", nested.isEmpty() ? null : nested);
        String text = profile == null
                ? "The API returned no profile."
                : "Builder profile (the API's fields): " + String.join("; ", lines)
                        + (nested.isEmpty() ? "." : ". Nested, in detail=raw: " + String.join(", ", nested) + ".");
        return new Report(List.of(new Section.Fields(fields, text)), List.of(), "nothing to narrow");
    }

    private static boolean isNumeric(String text) {
        return text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    }
}

package dev.hypertracker.mcp.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites of a 200 JSON body for the sandbox's knobs: every number as a string (as a third-party probe saw
 * on /leaderboards/perp-pnl), and a "drifted" shape where a field the digests need has a new name.
 */
final class BodyQuirks {

    /** The renamed field of the drifted shape: positions rows say "direction" where the API says "side". */
    static final String DRIFTED_FIELD = "side";

    static final String DRIFTED_NAME = "direction";

    private final boolean numbersAsStrings;
    private final boolean drifted;

    BodyQuirks(SandboxConfig config) {
        this.numbersAsStrings = config.numbersAsStrings();
        this.drifted = config.drifted();
    }

    boolean active() {
        return numbersAsStrings || drifted;
    }

    Reply apply(Reply reply) {
        if (!active() || reply.status() != 200 || !reply.contentType().startsWith("application/json")) return reply;
        // the order file: gzip bytes labelled JSON (the API's quirk) is a file, not an answer to rewrite
        byte[] raw = reply.body();
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) return reply;
        JsonNode tree = JsonOut.MAPPER.readTree(reply.body());
        byte[] body = JsonOut.MAPPER.writeValueAsBytes(rewrite(tree));
        return new Reply(reply.status(), reply.contentType(), reply.headers(), body);
    }

    private JsonNode rewrite(JsonNode node) {
        if (node.isNumber() && numbersAsStrings) return JsonNodeFactory.instance.stringNode(node.asString());
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : node) out.add(rewrite(item));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            for (Map.Entry<String, JsonNode> f : fields) {
                String name = drifted && f.getKey().equals(DRIFTED_FIELD) ? DRIFTED_NAME : f.getKey();
                out.set(name, rewrite(f.getValue()));
            }
            return out;
        }
        return node;
    }
}

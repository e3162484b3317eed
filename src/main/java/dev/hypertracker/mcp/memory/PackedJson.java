package dev.hypertracker.mcp.memory;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.smile.SmileFactory;
import tools.jackson.dataformat.smile.SmileMapper;
import tools.jackson.dataformat.smile.SmileWriteFeature;

/**
 * A JSON tree kept for later as one byte array (Smile, Jackson's binary JSON), unpacked into a new tree on each read.
 *
 * <p>Why: a parsed page is tens of thousands of small objects costing about 4x its wire size, and a tree held for
 * minutes (response cache, stored results) is copied into the old generation and marked again by every full
 * collection; at -Xmx256m that made one call in five wait 50-170 ms for one. The packed page is a single array of
 * about half its wire size: nothing inside it to mark. Smile writes doubles as their IEEE bits, so every number
 * (non-finite ones included, which the digests refuse later) unpacks to the node it was. Instances are compared by
 * identity: the same packed page means the same upstream answer (e.g. a response-cache hit).
 */
public final class PackedJson {
    private static final SmileMapper SMILE = SmileMapper.builder(SmileFactory.builder()
                    // rows repeat short values (coins, sides, cohort ids): back-references instead of copies
                    .enable(SmileWriteFeature.CHECK_SHARED_STRING_VALUES)
                    .build())
            .build();

    private final byte[] bytes;

    private PackedJson(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Packs a tree; the tree itself is not kept. */
    public static PackedJson pack(JsonNode tree) {
        return new PackedJson(SMILE.writeValueAsBytes(tree));
    }

    /** A new tree equal to the one packed. */
    public JsonNode unpack() {
        return SMILE.readTree(bytes);
    }

    /**
     * One field of the packed object, read without building the rest of the tree (a cache hit's paging cursor).
     *
     * @return the field's value, or null when the root is not an object or has no such field
     */
    public JsonNode field(String name) {
        try (JsonParser p = SMILE.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String property = p.currentName();
                p.nextToken();
                if (property.equals(name)) return p.readValueAsTree();
                p.skipChildren();
            }
            return null;
        }
    }

    /**
     * How many elements an array holds, counted without building them: the root when {@code name} is null, else one
     * field of the packed object.
     *
     * @return the count, or -1 when that is not an array
     */
    public int arraySize(String name) {
        try (JsonParser p = SMILE.createParser(bytes)) {
            JsonToken token = p.nextToken();
            if (name != null) {
                if (token != JsonToken.START_OBJECT) return -1;
                while ((token = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    boolean wanted = p.currentName().equals(name);
                    token = p.nextToken();
                    if (wanted) break;
                    p.skipChildren();
                }
                if (token == JsonToken.END_OBJECT) return -1;
            }
            if (token != JsonToken.START_ARRAY) return -1;
            int count = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                p.skipChildren();
                count++;
            }
            return count;
        }
    }

    /** What this costs in the heap: this object and its array (compressed references). */
    public long heapBytes() {
        return 16 + ((16 + bytes.length + 7) & ~7L);
    }

    /** The packed size. */
    public int size() {
        return bytes.length;
    }
}

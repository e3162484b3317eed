package dev.hypertracker.mcp.memory;

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

    /** What this costs in the heap: this object and its array (compressed references). */
    public long heapBytes() {
        return 16 + ((16 + bytes.length + 7) & ~7L);
    }

    /** The packed size. */
    public int size() {
        return bytes.length;
    }
}

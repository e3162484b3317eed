package dev.hypertracker.mcp.memory;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a parsed JSON tree costs in the heap, estimated from HotSpot's object layout with compressed references
 * (heaps under 32 GiB): object headers, the node objects, the maps and lists that hold children, and the strings
 * with their byte arrays. A parsed body costs several times its wire size (about 4x for a positions page): the
 * figure behind ParseBudget's reservation per wire byte, and what the caches' packed pages are compared with. A
 * field name is counted once per tree when the parser shares one String for it (as Jackson's name canonicalization
 * does), once per occurrence when it does not.
 */
final class JsonHeapSize {
    static final long NODE = 16; // header + one field (IntNode, StringNode, …)
    static final long WIDE_NODE = 24; // header + long/double field
    static final long BIG_NUMBER = 80; // DecimalNode/BigIntegerNode + BigDecimal/BigInteger + int[]
    static final long LINKED_MAP = 56; // LinkedHashMap object
    static final long MAP_ENTRY = 40; // LinkedHashMap.Entry
    static final long ARRAY_LIST = 24; // ArrayList object
    static final long ARRAY_HEADER = 16; // header + length of an array
    static final long REFERENCE = 4;
    static final long STRING = 24; // String object without its byte[]

    private JsonHeapSize() {}

    /** Estimated heap bytes of the whole tree under {@code root}. */
    static long of(JsonNode root) {
        if (root == null) return 0;
        long total = 0;
        Set<String> names = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.isObject()) {
                int size = node.size();
                total += NODE + LINKED_MAP + array(REFERENCE, tableCapacity(size)) + size * MAP_ENTRY;
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (names.add(field.getKey())) total += string(field.getKey());
                    todo.push(field.getValue());
                }
            } else if (node.isArray()) {
                int size = node.size();
                total += NODE + ARRAY_LIST + array(REFERENCE, size + (size >> 1));
                for (JsonNode element : node) todo.push(element);
            } else {
                total += scalar(node);
            }
        }
        return total;
    }

    private static long scalar(JsonNode node) {
        if (node.isString()) return NODE + string(node.asString());
        if (node.isBigDecimal() || node.isBigInteger()) return BIG_NUMBER;
        if (node.isLong() || node.isDouble()) return WIDE_NODE;
        if (node.isNumber()) return NODE;
        if (node.isBinary()) return NODE + array(1, node.binaryValue().length);
        return 0; // true, false, null and missing are shared singletons
    }

    /** A String with its byte[]: one byte per char when every char is Latin-1, else two. */
    static long string(String s) {
        int bytesPerChar = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                bytesPerChar = 2;
                break;
            }
        }
        return STRING + array(bytesPerChar, s.length());
    }

    private static long array(long elementBytes, long length) {
        return align(ARRAY_HEADER + elementBytes * length);
    }

    private static int tableCapacity(int size) {
        if (size == 0) return 0;
        int needed = (int) Math.ceil(size / 0.75);
        return Integer.highestOneBit(Math.max(needed - 1, 1)) << 1;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}

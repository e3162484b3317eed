package dev.hypertracker.mcp.digest;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens as the budget sees them: the real O200K_BASE BPE count plus a 10% safety margin, because the model
 * reading the result may tokenize with a different (and often less JSON-friendly) vocabulary than OpenAI's.
 */
public final class TokenCounter {

    /** Multiplier over the O200K_BASE count. */
    static final double SAFETY_MARGIN = 1.10;

    private TokenCounter() {}

    /** Loaded on first use (the vocabulary takes ~100 ms to build), then shared: start-up stays fast. */
    private static final class Vocabulary {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    /** The exact O200K_BASE token count of a text. */
    public static int exact(String text) {
        return text == null || text.isEmpty() ? 0 : Vocabulary.O200K.countTokensOrdinary(text);
    }

    /** What the budget charges for a result: text plus the structuredContent JSON, with the safety margin. */
    public static int charged(String text, String structuredJson) {
        return (int) Math.ceil((exact(text) + exact(structuredJson)) * SAFETY_MARGIN);
    }
}

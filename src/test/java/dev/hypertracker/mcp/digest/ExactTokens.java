package dev.hypertracker.mcp.digest;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** The exact O200K_BASE token count (jtokkit, test scope): what {@link TokenCounter#estimate} is calibrated against. */
public final class ExactTokens {
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private ExactTokens() {}

    public static int count(String text) {
        return text == null || text.isEmpty() ? 0 : O200K.countTokensOrdinary(text);
    }
}

package dev.hypertracker.mcp.digest;

/**
 * Counts tokens as the budget sees them, without a tokenizer vocabulary at run time (loading O200K_BASE's took
 * ~1.2 s and 28 MB of heap at the first tool call). {@link #estimate} splits the text the way the O200K_BASE
 * pre-tokenizer does (words with one leading space or symbol, split at camelCase, digit groups of at most three,
 * runs of symbols, whitespace) and charges each piece a calibrated upper bound of its BPE tokens. {@code TokenEstimateTest} checks,
 * against the exact tokenizer (jtokkit, a test dependency), that the estimate never undercounts on the digests of
 * every endpoint at every detail level and budget, and that it stays within {@link #CALIBRATED_OVERCOUNT} of it.
 */
public final class TokenCounter {

    /** Multiplier over the (estimated) O200K_BASE count: the reading model may tokenize less JSON-friendly. */
    static final double SAFETY_MARGIN = 1.10;
    /** The largest ratio estimate / exact O200K_BASE count that the calibration test accepts over all digests. */
    static final double CALIBRATED_OVERCOUNT = 1.35;

    /** Letters one token covers at least, in a word piece (a word of up to this many letters: one token). */
    static final int LETTERS_PER_TOKEN = 4;
    /** Weight of a letter next to a digit (hex addresses, cursors: BPE covers ~1.5 such characters a token). */
    static final int IDENTIFIER_LETTER_WEIGHT = 3;
    /** Symbols one token covers at least, in a run of punctuation (JSON's {@code ":"}, {@code "},{"} …). */
    static final int SYMBOLS_PER_TOKEN = 2;

    /**
     * Headroom over the piece-wise bound, 1/16 (6.25 %): digits and JSON punctuation are charged almost exactly, so
     * number-heavy JSON would otherwise sit within 1 % of the true count.
     */
    static final int HEADROOM_DIVISOR = 16;

    private TokenCounter() {}

    /** What the budget charges for a result: text plus the structuredContent JSON, with the safety margin. */
    public static int charged(String text, String structuredJson) {
        return (int) Math.ceil((estimate(text) + estimate(structuredJson)) * SAFETY_MARGIN);
    }

    /** An upper bound of the O200K_BASE token count of a text (calibrated: see the class comment). */
    public static int estimate(CharSequence text) {
        if (text == null) return 0;
        int n = text.length();
        int tokens = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int start = i;
            // a word takes one leading character that is not a letter, digit or line break (" long", "\"coin")
            if (Character.isLetter(c)
                    || c != '\n'
                            && c != '\r'
                            && !Character.isDigit(c)
                            && i + 1 < n
                            && Character.isLetter(text.charAt(i + 1))) {
                if (!Character.isLetter(c)) i++;
                int wordStart = i;
                // a word ends at a lower-to-upper case change too (camelCase splits there)
                while (i < n
                        && Character.isLetter(text.charAt(i))
                        && !(i > wordStart
                                && Character.isUpperCase(text.charAt(i))
                                && Character.isLowerCase(text.charAt(i - 1)))) {
                    i++;
                }
                // next to a digit, a word is part of an identifier (hex address, cursor, base64): its letters weigh
                // more
                boolean identifier = start > 0 && Character.isDigit(text.charAt(start - 1))
                        || i < n && Character.isDigit(text.charAt(i));
                tokens += wordTokens(text, start, i, identifier ? IDENTIFIER_LETTER_WEIGHT : 1);
            } else if (Character.isDigit(c)) {
                while (i < n && Character.isDigit(text.charAt(i))) i++;
                tokens += (i - start + 2) / 3;
            } else if (Character.isWhitespace(c)) {
                // a run of spaces or tabs is one token, and so is a run of line breaks; mixed runs split where they
                // change
                boolean lineBreak = c == '\n' || c == '\r';
                tokens++;
                while (i < n && Character.isWhitespace(text.charAt(i))) {
                    boolean b = text.charAt(i) == '\n' || text.charAt(i) == '\r';
                    if (b != lineBreak || i - start >= 16) {
                        tokens++;
                        lineBreak = b;
                        start = i;
                    }
                    i++;
                }
            } else {
                while (i < n && isSymbol(text.charAt(i))) i++;
                tokens += symbolTokens(text, start, i);
            }
        }
        return tokens + tokens / HEADROOM_DIVISOR;
    }

    private static boolean isSymbol(char c) {
        return !Character.isLetterOrDigit(c) && !Character.isWhitespace(c);
    }

    /** Capitals after a word's first letter (tickers, acronyms) count double: BPE vocabularies split them finely. */
    private static int wordTokens(CharSequence text, int from, int to, int letterWeight) {
        int weight = 0;
        int other = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) other++;
            else weight += letterWeight * (i > from && c >= 'A' && c <= 'Z' ? 2 : 1);
        }
        return 1 + (Math.max(weight, 1) - 1) / LETTERS_PER_TOKEN + other;
    }

    private static int symbolTokens(CharSequence text, int from, int to) {
        int ascii = 0;
        int other = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < 0x80) ascii++;
            else other++;
        }
        return (ascii + SYMBOLS_PER_TOKEN - 1) / SYMBOLS_PER_TOKEN + 2 * other;
    }
}

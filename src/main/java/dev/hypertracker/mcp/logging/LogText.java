package dev.hypertracker.mcp.logging;

/**
 * Makes text safe for a one-event-per-line log: client-controlled text (JSON-RPC method names, arguments, URIs)
 * must not start a forged log line or drive the reader's terminal. Line breaks, ANSI escape sequences and every
 * other control character become visible escapes ({@code \n}, {@code \r}, {@code \t} stays, {@code \u001b} …).
 */
public final class LogText {
    private LogText() {}

    public static String escape(String text) {
        if (text == null) return null;
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) i++;
        if (i == text.length()) return text;
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) out.append(c);
            else if (c == '\n') out.append("\\n");
            else if (c == '\r') out.append("\\r");
            else out.append(String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }

    /** C0 and C1 controls (ESC, the 8-bit CSI, DEL…) and the Unicode line/paragraph separators; tab is harmless. */
    private static boolean needsEscape(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}

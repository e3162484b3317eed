package dev.hypertracker.mcp.transport;

/** A transport setting that cannot be served safely or at all; the message says what to change. */
public final class TransportConfigurationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TransportConfigurationException(String message) {
        super(message);
    }
}

package dev.hypertracker.mcp.config;

/** The server cannot start with the configuration it was given; the message says what to change. */
public class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}

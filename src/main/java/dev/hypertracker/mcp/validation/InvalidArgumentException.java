package dev.hypertracker.mcp.validation;

/** A tool argument is wrong; the message names the argument, what was wrong and what is allowed. */
public class InvalidArgumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String argument;

    public InvalidArgumentException(String argument, String message) {
        super(argument + ": " + message);
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }
}

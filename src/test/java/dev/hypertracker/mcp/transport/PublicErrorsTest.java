package dev.hypertracker.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import org.junit.jupiter.api.Test;

/** Which error texts reach an HTTP client as they are, and what replaces the rest. */
class PublicErrorsTest {

    @Test
    void plainMessagesPassUnchanged() {
        String own = "No open positions in \"api.example.com\". Coin symbols are case-sensitive; "
                + "hypertracker://reference/coins lists them.";
        assertThat(PublicErrors.message(ErrorCodes.RESOURCE_NOT_FOUND, own, "resources/read"))
                .isEqualTo(own);
        assertThat(PublicErrors.message(ErrorCodes.INVALID_PARAMS, "coin must be a coin symbol such as BTC", null))
                .isEqualTo("coin must be a coin symbol such as BTC");
    }

    @Test
    void jacksonTextBecomesTheMemberThatHasTheWrongType() {
        String raw = "tools.jackson.databind.exc.MismatchedInputException: Cannot deserialize value of type "
                + "`java.util.LinkedHashMap<java.lang.String,java.lang.Object>` from String value (token "
                + "`JsonToken.VALUE_STRING`)\n at [No location information] (through reference chain: "
                + "io.modelcontextprotocol.spec.McpSchema$CallToolRequest[\"arguments\"])";
        assertThat(PublicErrors.message(ErrorCodes.INTERNAL_ERROR, raw, "tools/call"))
                .isEqualTo("Invalid params for tools/call: 'arguments' has the wrong type");
        assertThat(PublicErrors.code(ErrorCodes.INTERNAL_ERROR, raw)).isEqualTo(ErrorCodes.INVALID_PARAMS);
    }

    @Test
    void aConstructorsProblemIsKeptWhenItIsPlainText() {
        String raw = "tools.jackson.databind.exc.ValueInstantiationException: Cannot construct instance of "
                + "`io.modelcontextprotocol.spec.McpSchema$CompleteRequest`, problem: argument must not be null\n"
                + " at [No location information]";
        assertThat(PublicErrors.message(ErrorCodes.INTERNAL_ERROR, raw, "completion/complete"))
                .isEqualTo("Invalid params for completion/complete: argument must not be null");
    }

    @Test
    void anythingElseNamingJavaBecomesTheGenericTextOfItsCode() {
        String npe = "Cannot invoke \"java.util.HashMap.containsKey(Object)\" because \"map\" is null";
        assertThat(PublicErrors.message(ErrorCodes.INTERNAL_ERROR, npe, null)).isEqualTo("Internal error");
        assertThat(PublicErrors.message(ErrorCodes.INTERNAL_ERROR, "java.io.IOException: Broken pipe", "ping"))
                .isEqualTo("Internal error for ping");
    }
}

package dev.hypertracker.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Hostile input on the real jar's stdin (--demo): garbage lines, JSON that is not a JSON-RPC object, a request
 * without method, an empty line, a 20 MiB line, and EOF in the middle of a request. The server must answer the
 * next request normally, write nothing but JSON-RPC to stdout, and exit 0 at EOF.
 */
class StdioRobustnessIT {

    @Test // a server that stops reading stdin blocks the 20 MiB write: fail instead of hanging
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void hostileLinesNeverStopTheServerOrCorruptStdoutAndEofMidRequestExitsCleanly() throws Exception {
        try (StdioMcpClient client = new StdioMcpClient(List.of("--demo"), Map.of("HYPERTRACKER_LOG_LEVEL", "INFO"))) {
            client.initialize();

            client.sendRaw("this is not json at all");
            client.sendRaw("[1,2]");
            client.sendRaw("\"str\"");
            client.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":901}");
            client.sendRaw("");
            client.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":902,\"method\":\"ping\"}\r"); // CRLF line end
            StringBuilder huge = new StringBuilder(21 * 1024 * 1024);
            huge.append("{\"jsonrpc\":\"2.0\",\"id\":903,\"method\":\"ping\",\"params\":{\"pad\":\"");
            huge.append("x".repeat(20 * 1024 * 1024)).append("\"}}");
            client.sendRaw(huge.toString());
            huge = null;

            // still serving: a ping after the CRLF line, a tool list and a tool call after everything
            assertThat(client.response(902, Duration.ofSeconds(20)).has("result"))
                    .isTrue();
            JsonNode invalid = client.response(901, Duration.ofSeconds(20));
            assertThat(invalid.path("error").path("code").asInt()).isEqualTo(-32600);
            JsonNode tools =
                    client.request("tools/list", Map.of()).path("result").path("tools");
            assertThat(tools.size()).isGreaterThan(10);
            JsonNode call = client.callTool("get_data_freshness", Map.of());
            assertThat(call.path("isError").asBoolean(false))
                    .as(call.toString())
                    .isFalse();
            assertThat(call.path("content").get(0).path("text").asString()).contains("SYNTHETIC");

            // every stdout line is one JSON-RPC 2.0 object; the unparseable lines got parse errors, the huge one a
            // -32600
            List<JsonNode> messages = new ArrayList<>();
            synchronized (client.stdoutLines) {
                for (String line : client.stdoutLines) {
                    JsonNode msg = StdioMcpClient.JSON.readTree(line);
                    assertThat(msg.isObject()).as(line).isTrue();
                    assertThat(msg.path("jsonrpc").asString()).as(line).isEqualTo("2.0");
                    messages.add(msg);
                }
            }
            List<JsonNode> nullIdErrors = messages.stream()
                    .filter(m -> m.has("error") && m.get("id").isNull())
                    .toList();
            assertThat(nullIdErrors)
                    .extracting(m -> m.path("error").path("code").asInt())
                    .containsExactlyInAnyOrder(-32700, -32600, -32600, -32600);
            assertThat(nullIdErrors)
                    .anySatisfy(m -> assertThat(m.path("error").path("message").asString())
                            .contains("exceeds"));
            assertThat(messages).noneMatch(m -> m.path("id").asInt(-1) == 903);

            // half a request, then EOF: a clean exit
            client.sendPartial("{\"jsonrpc\":\"2.0\",\"id\":950,\"method\":\"tools/li");
            // the guard only stops a hung server; the exit code and the messages below show the exit was clean
            int exit = client.closeAndWait(Duration.ofSeconds(60));
            assertThat(exit).as(client.stderr()).isZero();
            String stderr = client.stderr();
            assertThat(stderr)
                    .contains("stdin closed in the middle of a message")
                    .contains("stdio transport stopped");
            assertThat(stderr).doesNotContain("Error processing inbound message");
            assertThat(stderr)
                    .containsPattern("upstream counters at exit: upstreamRequests=1 .*toolCalls=1 toolErrors=0");
        }
    }
}

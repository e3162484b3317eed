package dev.hypertracker.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.modelcontextprotocol.json.McpJsonDefaults;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /healthz} says 503 with the reason whenever the server cannot take a new client. */
class HealthServletTest {
    private final SessionLimit noSessions = new SessionLimit(List.of(), 10);

    @Test
    void okWhenNothingStandsInTheWay() throws Exception {
        assertThat(answer(
                        new HealthServlet(
                                "http",
                                noSessions,
                                () -> false,
                                () -> false,
                                Instant.now(),
                                McpJsonDefaults.getMapper()),
                        HttpServletResponse.SC_OK))
                .startsWith("{\"status\":\"ok\"");
    }

    @Test
    void overloadedWhenTheContainerIsLowOnThreads() throws Exception {
        assertThat(answer(
                        new HealthServlet(
                                "http",
                                noSessions,
                                () -> false,
                                () -> true,
                                Instant.now(),
                                McpJsonDefaults.getMapper()),
                        HttpServletResponse.SC_SERVICE_UNAVAILABLE))
                .startsWith("{\"status\":\"overloaded\"");
    }

    @Test
    void drainingWinsOverEveryOtherReason() throws Exception {
        assertThat(answer(
                        new HealthServlet(
                                "http", noSessions, () -> true, () -> true, Instant.now(), McpJsonDefaults.getMapper()),
                        HttpServletResponse.SC_SERVICE_UNAVAILABLE))
                .startsWith("{\"status\":\"draining\"");
    }

    private static String answer(HealthServlet servlet, int expectedStatus) throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        StringWriter body = new StringWriter();
        when(response.getWriter()).thenReturn(new PrintWriter(body, true));
        servlet.doGet(mock(HttpServletRequest.class), response);
        verify(response).setStatus(expectedStatus);
        return body.toString();
    }
}

package dev.hypertracker.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CdsTrainingTest {

    @Test
    void keepsTheClassesOfARealSessionAndDropsTheDemoSandboxs() {
        List<String> realSession = List.of(
                "java/lang/Object id: 0",
                "dev/hypertracker/mcp/server/HyperTrackerServer id: 1203",
                "jdk/internal/net/http/HttpClientImpl id: 88",
                "@lambda-proxy java/util/regex/Pattern is (I)Z");
        List<String> demoOnly = List.of(
                "org/eclipse/jetty/server/Server id: 4001",
                "dev/hypertracker/mcp/sandbox/SandboxServer id: 4002",
                "@lambda-proxy org/eclipse/jetty/util/thread/QueuedThreadPool run",
                "javax/management/ObjectName id: 77",
                "dev/hypertracker/mcp/CdsTraining id: 5");

        assertThat(realSession).allMatch(CdsTraining::servesRealSessions);
        assertThat(demoOnly).noneMatch(CdsTraining::servesRealSessions);
    }
}

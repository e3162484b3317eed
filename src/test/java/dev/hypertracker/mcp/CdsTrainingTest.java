package dev.hypertracker.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CdsTrainingTest {

    @Test
    void keepsTheClassesOfARealSessionAndDropsTheDemoSandboxs() {
        assertThat(CdsTraining.servesRealSessions("dev/hypertracker/mcp/server/HyperTrackerServer id: 1203"))
                .isTrue();
        assertThat(CdsTraining.servesRealSessions("jdk/internal/net/http/HttpClientImpl id: 88"))
                .isTrue();
        assertThat(CdsTraining.servesRealSessions("@lambda-proxy java/util/regex/Pattern is (I)Z"))
                .isTrue();
        assertThat(CdsTraining.servesRealSessions("java/lang/Object id: 0")).isTrue();

        assertThat(CdsTraining.servesRealSessions("org/eclipse/jetty/server/Server id: 4001"))
                .isFalse();
        assertThat(CdsTraining.servesRealSessions("dev/hypertracker/mcp/sandbox/SandboxServer id: 4002"))
                .isFalse();
        assertThat(CdsTraining.servesRealSessions("@lambda-proxy org/eclipse/jetty/util/thread/QueuedThreadPool run"))
                .isFalse();
        assertThat(CdsTraining.servesRealSessions("javax/management/ObjectName id: 77"))
                .isFalse();
        assertThat(CdsTraining.servesRealSessions("dev/hypertracker/mcp/CdsTraining id: 5"))
                .isFalse();
    }
}

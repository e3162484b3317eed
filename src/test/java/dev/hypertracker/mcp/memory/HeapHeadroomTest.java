package dev.hypertracker.mcp.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeapHeadroomTest {
    final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    String min;
    String max;

    @BeforeEach
    void remember() {
        min = vm.getVMOption(HeapHeadroom.MIN_FREE).getValue();
        max = vm.getVMOption(HeapHeadroom.MAX_FREE).getValue();
    }

    @AfterEach
    void restore() {
        vm.setVMOption(HeapHeadroom.MIN_FREE, "0");
        vm.setVMOption(HeapHeadroom.MAX_FREE, max);
        vm.setVMOption(HeapHeadroom.MIN_FREE, min);
    }

    @Test
    void theLaunchersTightRatiosAreWidenedToTheJvmDefaults() {
        vm.setVMOption(HeapHeadroom.MIN_FREE, "5");
        vm.setVMOption(HeapHeadroom.MAX_FREE, "20");

        HeapHeadroom.widen();

        assertThat(vm.getVMOption(HeapHeadroom.MIN_FREE).getValue()).isEqualTo("40");
        assertThat(vm.getVMOption(HeapHeadroom.MAX_FREE).getValue()).isEqualTo("70");
    }

    @Test
    void widerRatiosSetByTheUserAreKept() {
        vm.setVMOption(HeapHeadroom.MAX_FREE, "90");
        vm.setVMOption(HeapHeadroom.MIN_FREE, "60");

        HeapHeadroom.widen();

        assertThat(vm.getVMOption(HeapHeadroom.MIN_FREE).getValue()).isEqualTo("60");
        assertThat(vm.getVMOption(HeapHeadroom.MAX_FREE).getValue()).isEqualTo("90");
    }

    @Test
    void theSwitchTurnsItOff() {
        assertThat(HeapHeadroom.wanted()).isTrue();
        System.setProperty(HeapHeadroom.SWITCH, "off");
        try {
            assertThat(HeapHeadroom.wanted()).isFalse();
        } finally {
            System.clearProperty(HeapHeadroom.SWITCH);
        }
    }
}

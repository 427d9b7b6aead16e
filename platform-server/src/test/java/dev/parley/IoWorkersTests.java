package dev.parley;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How many event loops a started node asks Reactor Netty for. */
class IoWorkersTests {

    String before;

    @BeforeEach
    void save() {
        before = System.getProperty(ParleyApplication.IO_WORKER_COUNT);
        System.clearProperty(ParleyApplication.IO_WORKER_COUNT);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(ParleyApplication.IO_WORKER_COUNT);
        }
        else {
            System.setProperty(ParleyApplication.IO_WORKER_COUNT, before);
        }
    }

    @Test
    void anOperatorsChoiceIsKept() {
        System.setProperty(ParleyApplication.IO_WORKER_COUNT, "7");
        ParleyApplication.ioWorkers(2);
        assertThat(System.getProperty(ParleyApplication.IO_WORKER_COUNT)).isEqualTo("7");
    }

    @Test
    void otherwiseOneLoopPerCoreAndNeverFewerThanTwo() {
        ParleyApplication.ioWorkers(8);
        assertThat(System.getProperty(ParleyApplication.IO_WORKER_COUNT)).isEqualTo("8");
        System.clearProperty(ParleyApplication.IO_WORKER_COUNT);
        ParleyApplication.ioWorkers(1);
        assertThat(System.getProperty(ParleyApplication.IO_WORKER_COUNT)).isEqualTo("2");
    }
}

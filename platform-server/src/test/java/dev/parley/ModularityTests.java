package dev.parley;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries hold: no cycles, and no module reaches into another's internal package. */
class ModularityTests {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(ParleyApplication.class).verify();
    }
}

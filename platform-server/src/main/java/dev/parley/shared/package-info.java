/**
 * Small building blocks every module may use: ids, time conversion, problem responses.
 * Nothing here knows about the domain.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.parley.shared;

import org.springframework.modulith.ApplicationModule;

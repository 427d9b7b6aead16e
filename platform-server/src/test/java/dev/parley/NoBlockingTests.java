package dev.parley;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Main code never waits on a reactive pipeline. The one exception is an {@link ApplicationRunner}:
 * it runs on the main thread during start-up, before any request is served.
 */
class NoBlockingTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parley");

    @Test
    void mainCodeNeverBlocksOnMonoOrFlux() {
        ArchRule rule = noClasses().should().callMethodWhere(calls(Set.of(Mono.class.getName(), Flux.class.getName()), "block*", name -> name.startsWith("block")))
                .because("blocking an event loop stalls every connection on it");
        rule.check(MAIN);
    }

    @Test
    void onlyStartUpRunnersWaitForFutures() {
        ArchRule rule = noClasses().that().doNotImplement(ApplicationRunner.class)
                .should().callMethodWhere(calls(Set.of(CompletableFuture.class.getName(), Future.class.getName()), "join/get",
                        name -> name.equals("join") || name.equals("get")))
                .because("waiting for a future on an event loop blocks it just like block()");
        rule.check(MAIN);
    }

    private static DescribedPredicate<JavaCall<?>> calls(Set<String> owners, String description, Predicate<String> name) {
        return DescribedPredicate.describe("a call to " + description + " on " + owners,
                call -> owners.contains(call.getTarget().getOwner().getName()) && name.test(call.getTarget().getName()));
    }
}

package dev.parley.visitorgateway.internal;

import dev.parley.shared.ApiProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem responses for the widget's REST calls when a body or parameter cannot be read (a body
 * that is not JSON, a {@code limit} that is not a number); first, ahead of Spring Boot's handler,
 * which would answer without a {@code code}.
 */
@RestControllerAdvice(basePackageClasses = WidgetProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WidgetProblems extends ApiProblems.InputAdvice {
}

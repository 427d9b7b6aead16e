package dev.parley.agentgateway.internal;

import dev.parley.canned.CannedException;
import dev.parley.conversation.ConversationException;
import dev.parley.conversation.ConversationException.Reason;
import dev.parley.routing.RoutingException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.rsocket.exceptions.ApplicationErrorException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import reactor.core.Exceptions;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayErrorsTests {

    @Test
    void aServerFaultInAStreamIsAnInternalErrorWithoutItsMessage() {
        assertThat(GatewayErrors.inStream(new IllegalStateException("secret detail")).getMessage())
                .isEqualTo("{\"code\":\"internal_error\",\"message\":\"Something went wrong on the server\"}");
    }

    @Test
    void aDatabaseOutageEndsAStreamWithRetryLaterHoweverItSurfaces() {
        assertThat(code(new DataAccessResourceFailureException("pool exhausted"))).isEqualTo("retry_later");
        // Untranslated driver errors: a cut connection noticed outside Spring's DatabaseClient.
        assertThat(code(new R2dbcNonTransientResourceException("Connection unexpectedly closed"))).isEqualTo("retry_later");
        assertThat(code(new R2dbcTimeoutException("no answer"))).isEqualTo("retry_later");
        // Wrapped, as a shared read hands its failure to every reader waiting on it.
        assertThat(code(new IllegalStateException("shared read failed",
                new DataAccessResourceFailureException("Failed to obtain R2DBC Connection")))).isEqualTo("retry_later");
        // Several at once, from an operator that delays errors: an outage when each one is.
        DataAccessResourceFailureException refused = new DataAccessResourceFailureException("Failed to obtain R2DBC Connection");
        assertThat(code(Exceptions.multiple(refused, new R2dbcTimeoutException("no answer")))).isEqualTo("retry_later");
        assertThat(code(Exceptions.multiple(refused, new IllegalStateException("a bug")))).isEqualTo("internal_error");
    }

    @Test
    void aConversationRefusalEndsAStreamWithTheCodeARequestWouldGet() {
        assertThat(code(new ConversationException(Reason.UNAVAILABLE, "The message was not stored"))).isEqualTo("retry_later");
        assertThat(code(new ConversationException(Reason.NOT_FOUND, "No such conversation"))).isEqualTo("not_found");
    }

    @Test
    void anOutageAsksARequestToBeSentAgainAndAStreamToBeResumed() {
        DataAccessResourceFailureException outage = new DataAccessResourceFailureException("pool exhausted");
        assertThat(GatewayErrors.inReply(outage).getMessage())
                .isEqualTo("{\"code\":\"retry_later\",\"message\":\"The service is briefly unavailable; try again\"}");
        assertThat(GatewayErrors.inStream(outage).getMessage())
                .isEqualTo("{\"code\":\"retry_later\",\"message\":\"The service is briefly unavailable; reconnect and resume\"}");
    }

    @Test
    void aRefusalOfAnotherModuleKeepsItsOwnCodeAndMessage() {
        assertThat(GatewayErrors.inReply(new RoutingException("capacity_full", "Bob has no room")).getMessage())
                .isEqualTo("{\"code\":\"capacity_full\",\"message\":\"Bob has no room\"}");
        assertThat(GatewayErrors.inReply(new CannedException("duplicate_shortcut", "\"hi\" is taken")).getMessage())
                .isEqualTo("{\"code\":\"duplicate_shortcut\",\"message\":\"\\\"hi\\\" is taken\"}");
        assertThat(GatewayErrors.inReply(new IllegalStateException("secret detail")).getMessage())
                .isEqualTo("{\"code\":\"internal_error\",\"message\":\"Something went wrong on the server\"}");
    }

    private static String code(Throwable failure) {
        Throwable frame = GatewayErrors.inStream(failure);
        assertThat(frame).isInstanceOf(ApplicationErrorException.class);
        return frame.getMessage().replaceAll("^\\{\"code\":\"([a-z_]+)\".*$", "$1");
    }
}

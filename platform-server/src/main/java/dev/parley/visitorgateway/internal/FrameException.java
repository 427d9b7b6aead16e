package dev.parley.visitorgateway.internal;

/** A frame the gateway refuses, with the code and message of the error frame that answers it. */
final class FrameException extends RuntimeException {

    private final String code;
    private final boolean protocolError;
    private final boolean retryable;

    FrameException(String code, String message, boolean protocolError, boolean retryable) {
        super(message, null, false, false);
        this.code = code;
        this.protocolError = protocolError;
        this.retryable = retryable;
    }

    static FrameException protocol(String code, String message) {
        return new FrameException(code, message, true, false);
    }

    static FrameException refused(String code, String message) {
        return new FrameException(code, message, false, false);
    }

    /** Refused for now; the same frame may succeed later. */
    static FrameException later(String code, String message) {
        return new FrameException(code, message, false, true);
    }

    boolean retryable() {
        return retryable;
    }

    String code() {
        return code;
    }

    /** Malformed or out-of-order input, which counts towards closing the socket. */
    boolean protocolError() {
        return protocolError;
    }
}

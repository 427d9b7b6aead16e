package dev.parley.security.internal;

import dev.parley.agent.Agent;

/** What a sign-in or a refresh hands out. Secret: never logged, returned only by those two calls. */
record IssuedTokens(String accessToken, long expiresIn, String refreshToken, Agent agent) {

    @Override
    public String toString() {
        return "IssuedTokens[agent=" + agent.id() + ", expiresIn=" + expiresIn + "]";
    }
}

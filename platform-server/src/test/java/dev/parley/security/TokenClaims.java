package dev.parley.security;

import java.text.ParseException;

import com.nimbusds.jwt.SignedJWT;

/** Reads claims of tokens the tests hold, without verifying them. */
final class TokenClaims {

    private TokenClaims() {
    }

    static String sid(String accessToken) {
        try {
            return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
        }
        catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}

package dev.parley.visitor;

/**
 * The visitor a session call resolved to.
 *
 * @param issuedToken the new token when this call created it, else null: a token the browser
 *     already holds is never sent back
 */
public record VisitorSession(Visitor visitor, String issuedToken) {

    @Override
    public String toString() {
        return "VisitorSession[visitor=" + visitor.id() + ", issuedToken=" + (issuedToken == null ? "none" : "(secret)") + "]";
    }
}

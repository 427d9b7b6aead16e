package dev.parley.admin.internal;

import dev.parley.agent.AgentChanges;
import dev.parley.agent.AgentDraft;
import dev.parley.agent.Role;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.RequestFields;
import tools.jackson.databind.JsonNode;

/** Reads an agent from a request body; every limit is named here and refused by field. */
final class AgentRequest {

    /** The schema's column sizes. */
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 320;

    /** NIST SP 800-63B's floor for a chosen password is 8; ten is a little above it for an admin-set one. */
    static final int MIN_PASSWORD = 10;

    /** The sign-in API's ceiling: long passphrases, but never so long that hashing one is an attack. */
    static final int MAX_PASSWORD = 1024;

    private AgentRequest() {
    }

    /**
     * A new agent, and whether to mail them an invitation; the draft's password is null unless one
     * was sent.
     */
    record Creation(AgentDraft draft, boolean invite) {
    }

    /** The agent to create; throws the 400 problem listing every refused field. */
    static Creation creation(JsonNode body) {
        RequestFields f = RequestFields.of(body);
        String email = f.text("email", MAX_EMAIL, true);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            f.fail("email", "email must be an email address");
        }
        String name = f.text("displayName", MAX_NAME, true);
        Role role = f.choice("role", Role.class, true);
        Integer capacity = f.integer("capacityOverride", 1, 100, false);
        boolean invite = Boolean.TRUE.equals(f.bool("invite"));
        String password = f.node("password") != null && f.node("password").isString() ? f.node("password").stringValue() : null;
        if (f.node("password") != null && (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD)) {
            f.fail("password", "password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        if (invite && password != null) {
            f.fail("invite", "Send either a password or invite, not both");
        }
        f.check();
        return new Creation(new AgentDraft(email, name, role, password, capacity), invite);
    }

    /** The changes the body names; throws the 400 problem listing every refused field, or when it names none. */
    static AgentChanges changes(JsonNode body) {
        RequestFields f = RequestFields.of(body);
        String name = f.text("displayName", MAX_NAME, false);
        if (f.has("displayName") && name == null && f.ok()) {
            f.fail("displayName", "displayName must not be blank");
        }
        Role role = f.choice("role", Role.class, false);
        Integer capacity = f.integer("capacityOverride", 1, 100, false);
        f.check();
        AgentChanges changes = new AgentChanges(name, role, f.has("capacityOverride"), capacity);
        if (changes.empty()) {
            throw ApiProblems.invalidField("body", "Name at least one of displayName, role, capacityOverride");
        }
        return changes;
    }
}

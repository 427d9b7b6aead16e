package dev.parley.browser;

import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.parley.agent.Agent;

/**
 * An agent's tab of the real console, used the way a person uses it: signed in through its form,
 * with the status menu, the lists, the composer and the buttons.
 */
final class ConsolePage {

    static final double WAIT_MS = 30_000;

    final Page page;
    final Agent agent;

    private ConsolePage(Page page, Agent agent) {
        this.page = page;
        this.agent = agent;
        page.setDefaultTimeout(WAIT_MS);
    }

    /** Opens the console in a new tab of {@code browser} and signs in with the agent's password. */
    static ConsolePage signIn(BrowserContext browser, int port, Agent agent) {
        ConsolePage console = new ConsolePage(browser.newPage(), agent);
        console.page.navigate("http://127.0.0.1:" + port + "/console/");
        console.page.locator("input[name=email]").fill(agent.email());
        console.page.locator("input[name=password]").fill("password-" + agent.displayName());
        console.page.locator("button[type=submit]").click();
        console.awaitConnected();
        return console;
    }

    /** Another tab of the same browser: already signed in through the shared session. */
    static ConsolePage anotherTab(BrowserContext browser, int port, Agent agent) {
        ConsolePage console = new ConsolePage(browser.newPage(), agent);
        console.page.navigate("http://127.0.0.1:" + port + "/console/");
        console.awaitConnected();
        return console;
    }

    void awaitConnected() {
        page.locator(".connection.online").waitFor();
    }

    void setStatus(String status) {
        page.locator("#status-select").selectOption(status);
        page.waitForCondition(() -> status.equals(page.locator("#status-select").inputValue()));
    }

    Locator row(String conversationId) {
        return page.locator(".conversation-list [data-conversation-id='" + conversationId + "']");
    }

    void view(String view) {
        page.locator(".views [data-view=" + view + "]").click();
    }

    /** Opens the conversation from the list and waits for its transcript. */
    void open(String conversationId) {
        row(conversationId).locator(".row-main").click();
        page.locator("section.conversation[data-conversation-id='" + conversationId + "']").waitFor();
    }

    /** Types into the composer and presses Enter. */
    void reply(String text) {
        Locator composer = page.locator("#composer");
        composer.fill(text);
        composer.press("Enter");
    }

    void noteMode() {
        page.locator(".composer-modes button", new Page.LocatorOptions().setHasText("Internal note")).click();
    }

    void replyMode() {
        page.locator(".composer-modes button", new Page.LocatorOptions().setHasText("Reply")).click();
    }

    /** The bodies of the transcript's stored messages, oldest first. */
    List<String> bodies() {
        return page.locator(".transcript .message:not(.pending) .body").allTextContents();
    }

    /** Waits until a stored message with exactly this body shows. */
    Locator awaitMessage(String body) {
        Locator message = page.locator(".transcript .message:not(.pending)").filter(new Locator.FilterOptions().setHas(
                page.locator(".body").filter(new Locator.FilterOptions().setHasText(body))));
        message.first().waitFor();
        return message;
    }

    Locator button(String text) {
        return page.locator("button", new Page.LocatorOptions().setHasText(text));
    }

    void awaitGone(Locator locator) {
        locator.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
    }
}

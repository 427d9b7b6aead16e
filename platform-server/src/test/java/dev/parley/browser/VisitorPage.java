package dev.parley.browser;

import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/**
 * A visitor's tab on the customer's page, seen the way a person uses the widget: through its
 * launcher, forms and composer. Playwright's CSS locators reach into the widget's open shadow root.
 */
final class VisitorPage {

    static final double WAIT_MS = 30_000;

    final Page page;
    private final String siteKey;

    private VisitorPage(Page page, String siteKey) {
        this.page = page;
        this.siteKey = siteKey;
        page.setDefaultTimeout(WAIT_MS);
    }

    /** Opens {@code url} and waits until the widget has drawn its launcher. */
    static VisitorPage open(BrowserContext browser, String url, String siteKey) {
        VisitorPage visitor = new VisitorPage(browser.newPage(), siteKey);
        visitor.page.navigate(url);
        visitor.widget(".launcher").waitFor();
        return visitor;
    }

    Locator widget(String css) {
        return page.locator("parley-widget " + css);
    }

    void openPanel() {
        widget(".launcher").click();
        widget(".panel").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
    }

    /** Waits for the widget's running animations (the panel's slide-in) to end. */
    void settleAnimations() {
        page.evaluate("() => Promise.all(document.querySelector('parley-widget').shadowRoot.getAnimations().map(a => a.finished))");
    }

    /** Answers the pre-chat form with the first message (the test sites ask for an optional email). */
    void startChat(String firstMessage) {
        widget("#pf-message").fill(firstMessage);
        widget("form.form button[type=submit]").click();
        awaitBubble(firstMessage);
    }

    /** Types into the composer and sends with Enter. */
    void send(String text) {
        Locator input = widget(".composer textarea");
        input.fill(text);
        input.press("Enter");
    }

    /** Types key by key, as a person would, without sending. */
    void type(String text) {
        widget(".composer textarea").pressSequentially(text);
    }

    void pressEnter() {
        widget(".composer textarea").press("Enter");
    }

    /** The conversation this browser follows, once it has one. */
    String conversationId() {
        page.waitForCondition(() -> storedConversation() != null, new Page.WaitForConditionOptions().setTimeout(WAIT_MS));
        return storedConversation();
    }

    private String storedConversation() {
        Object id = page.evaluate("key => { const s = localStorage.getItem('parley:' + key); return s && JSON.parse(s).conversationId || null; }",
                siteKey);
        return id == null ? null : id.toString();
    }

    void awaitBubble(String text) {
        bubble(text).waitFor();
    }

    void awaitBubble(String text, double timeoutMs) {
        bubble(text).waitFor(new Locator.WaitForOptions().setTimeout(timeoutMs));
    }

    /** Waits until the status line under the visitor's message {@code text} mentions {@code status}. */
    void awaitStatus(String text, String status) {
        Locator meta = row(text).locator(".meta");
        page.waitForCondition(() -> meta.textContent().contains(status), new Page.WaitForConditionOptions().setTimeout(WAIT_MS));
    }

    String typingIndicator() {
        return widget(".typing").textContent();
    }

    /** The texts of the conversation's message bubbles, in the order shown (the greeting left out). */
    List<String> bubbles() {
        return widget(".msg:not(.greeting) .bubble").allTextContents();
    }

    Locator bubble(String text) {
        return widget(".msg:not(.greeting) .bubble").filter(new Locator.FilterOptions().setHasText(text)).first();
    }

    private Locator row(String text) {
        // An inner locator of setHas is queried inside each row, so it names the bubble relative to it.
        Locator bubble = page.locator(".bubble").filter(new Locator.FilterOptions().setHasText(text));
        return widget(".msg:not(.greeting)").filter(new Locator.FilterOptions().setHas(bubble)).first();
    }
}

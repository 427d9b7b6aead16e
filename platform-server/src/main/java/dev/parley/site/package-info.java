/**
 * Tenants and their websites: accounts, and the sites whose pages embed the widget, with each
 * site's allowed origins, appearance, greeting, pre-chat form and identity-verification secret.
 */
package dev.parley.site;

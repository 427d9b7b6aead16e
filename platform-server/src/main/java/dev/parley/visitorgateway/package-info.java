/**
 * The visitors' way in: the widget's REST calls under {@code /api/v1/widget} and its WebSocket at
 * {@code /ws/visitor}. See docs/protocol.md for the contract.
 */
package dev.parley.visitorgateway;

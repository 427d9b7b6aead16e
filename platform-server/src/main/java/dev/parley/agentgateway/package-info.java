/**
 * The agents' way in: the console's pages, and (with the 'Agent gateway' issue) the RSocket
 * endpoint the console talks to.
 */
package dev.parley.agentgateway;

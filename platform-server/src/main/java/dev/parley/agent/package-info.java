/**
 * The people who answer chats: agents, their roles and credentials, and teams.
 */
package dev.parley.agent;

/**
 * Transcripts: one conversation as JSON, text, printable HTML or CSV; bulk exports of many
 * conversations as NDJSON or CSV, streamed from the database page by page so memory stays flat
 * whatever their size; and transcripts sent by email, asked for by a visitor or an agent.
 */
package dev.parley.transcript;

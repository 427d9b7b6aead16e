package dev.parley.visitor;

/**
 * The outcome of an identification.
 *
 * @param visitor who the browser is now
 * @param mergedFrom the visitor the browser was before, when a verified identification moved it
 *     to an existing visitor (their history follows them across devices); else null
 */
public record Identified(Visitor visitor, String mergedFrom) {
}

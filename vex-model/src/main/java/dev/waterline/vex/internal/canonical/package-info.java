/** Canonical forms of documents: RFC 8785 JSON and go-vex's canonical hash and ID. */
@NullMarked
package dev.waterline.vex.internal.canonical;

import org.jspecify.annotations.NullMarked;

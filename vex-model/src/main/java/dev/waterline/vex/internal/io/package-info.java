/**
 * The one bounded reader for untrusted input (files, standard input, HTTP bodies), shared by every
 * module through a qualified export.
 */
@NullMarked
package dev.waterline.vex.internal.io;

import org.jspecify.annotations.NullMarked;

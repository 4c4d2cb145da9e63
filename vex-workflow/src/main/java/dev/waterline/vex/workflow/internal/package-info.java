/** Readers (CSV, JSON lines, Jira exports), label tables and the upsert. Not API. */
@NullMarked
package dev.waterline.vex.workflow.internal;

import org.jspecify.annotations.NullMarked;

/**
 * Every VEX dialect, in and out: CSAF 2.0 VEX, CycloneDX VEX (1.4 to 1.7) and OpenVEX written as
 * YAML, read into and written from the OpenVEX model of {@code dev.waterline.vex}.
 *
 * <pre>{@code
 * ReadResult read = VexFormats.read(bytes);          // the dialect is detected from the content
 * VexDocument doc = read.document();                 // OpenVEX, whatever the input was
 * read.warnings();                                   // what the model could not carry, with pointers
 * WriteResult csaf = VexFormats.write(doc, VexFormat.CSAF);
 * WriteResult cdx = VexFormats.convert(bytes, VexFormat.CYCLONEDX);
 * ValidationReport report = VexFormats.validate(bytes);
 * }</pre>
 *
 * <p>The mapping, field by field in both directions, and what each dialect cannot carry are in
 * {@code docs/formats.md}. Nothing is dropped silently: every loss is a {@link
 * dev.waterline.vex.formats.ConversionWarning} with the JSON pointer of what was lost.
 */
@NullMarked
@CheckReturnValue
package dev.waterline.vex.formats;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

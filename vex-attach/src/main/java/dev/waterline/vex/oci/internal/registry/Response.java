package dev.waterline.vex.oci.internal.registry;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An answer: status, headers, body (read within the request's limit), the URL it came from, and why
 * it was not retried when it is a failure that could have been ({@code null} otherwise).
 */
record Response(
    int status, HttpHeaders headers, byte[] body, URI uri, @Nullable String notRetried) {
  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The media type of {@code Content-Type} without parameters. */
  Optional<String> contentType() {
    return header("Content-Type").map(v -> v.split(";", 2)[0].trim());
  }

  Response notRetried(String why) {
    return new Response(status, headers, body, uri, why);
  }
}

package dev.waterline.vex.oci.internal.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request to a registry (or to a host it sends us to).
 *
 * @param path {@code /v2/…} on the registry, or an absolute URL the registry named (a redirect, an
 *     upload {@code Location}, a {@code Link}, a token realm)
 * @param repository the repository it is about, if any (for messages and token scopes)
 * @param maxBody the largest answer body read (error bodies: {@link #MAX_ERROR_BODY})
 * @param auth whether the registry's credentials or tokens may be sent
 * @param action what is being done, for messages: {@code reading the manifest 1.0}
 * @param reference the tag or digest it is about, if any (for the exception's fields)
 */
record Request(
    String method,
    String path,
    Map<String, String> headers,
    byte @Nullable [] body,
    @Nullable String repository,
    long maxBody,
    boolean auth,
    String action,
    @Nullable String reference) {
  /** The start of an error body that is read (the rest is dropped). */
  static final long MAX_ERROR_BODY = 64 * 1024;

  Request {
    headers = Map.copyOf(headers);
  }

  /** A request whose action is its method and path (without the query). */
  static Request of(String method, String path, @Nullable String repository) {
    return new Request(
        method,
        path,
        Map.of(),
        null,
        repository,
        MAX_ERROR_BODY,
        true,
        method + " " + withoutQuery(path),
        null);
  }

  /** Whether it writes (then a token must allow push). */
  boolean push() {
    return !method.equals("GET") && !method.equals("HEAD");
  }

  /** Whether the path is a URL the registry named rather than one of ours. */
  boolean absolute() {
    return path.startsWith("http://") || path.startsWith("https://");
  }

  Request header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Request(method, path, h, body, repository, maxBody, auth, action, reference);
  }

  Request body(byte[] content, String contentType) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put("Content-Type", contentType);
    return new Request(method, path, h, content, repository, maxBody, auth, action, reference);
  }

  Request maxBody(long max) {
    return new Request(method, path, headers, body, repository, max, auth, action, reference);
  }

  Request withoutAuth() {
    return new Request(method, path, headers, body, repository, maxBody, false, action, reference);
  }

  /** The same request described as {@code action} about {@code reference} (null: none). */
  Request about(String action, @Nullable String reference) {
    return new Request(method, path, headers, body, repository, maxBody, auth, action, reference);
  }

  /** A path or URL without its query (upload state, scopes and signatures stay out of messages). */
  static String withoutQuery(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }
}

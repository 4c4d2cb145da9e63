package dev.waterline.vex.oci.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.json.OciJson;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one place where what a registry (or a token server, or a storage backend it redirects to)
 * sends becomes message text, and the net every error of the registry transport passes through on
 * its way out. Nothing a server sends is printed raw:
 *
 * <ul>
 *   <li>{@link #serverText} cuts a piece of server text (an error body's {@code message}, a header
 *       value, a URL, an I/O exception's message) to {@value #MAX_TEXT} characters, escapes control
 *       characters (so ANSI escapes and newlines cannot forge output), and scrubs credentials;
 *   <li>{@link #scrub} scrubs a whole message: the secrets this client knows (the configured
 *       password or identity token, {@code user:password}, the Bearer tokens it was given) in the
 *       encodings a server could echo them in (as is, URL-encoded, doubly URL-encoded, percent-
 *       encoded byte by byte, JSON-escaped, standard and URL-safe base64 at any alignment, hex),
 *       and anything shaped like a credential: {@code Basic}/{@code Bearer} values, {@code
 *       Authorization} headers, JWTs, {@code access_token}/{@code token}/{@code password} JSON
 *       fields and query parameters, user info in URLs;
 *   <li>{@link #scrubbed(RuntimeException)} rebuilds an exception whose message, fields or causes
 *       (their messages and {@code toString}) would show any of that, keeping stack traces.
 * </ul>
 *
 * <p>Messages built here also name what was tried and where: the registry, the repository, the tag
 * or digest, the HTTP status and the registry's error codes.
 */
public final class RegistryErrors {
  /** The most characters of one piece of server text put into a message. */
  static final int MAX_TEXT = 200;

  /**
   * The most characters of one piece of server text that are scrubbed (and then cut): more than any
   * secret is long, few enough that scrubbing stays fast whatever the text.
   */
  private static final int MAX_SCRUBBED = 8192;

  private static final int MAX_ERRORS = 5;
  private static final String REDACTED = "***";

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "(?i)((?:proxy-authorization|authorization|x-registry-auth|x-api-key|api-key"
              + "|private-token)\\\\?\"?\\s*[:=]\\s*\\[?\\s*\\\\?\"?\\s*)"
              + "((?:(?:basic|bearer|digest|negotiate|token)\\s+)?[^\\s\"\\\\,;\\]}]+)");
  private static final Pattern COOKIE =
      Pattern.compile(
          "(?i)((?:set-)?cookie\\\\?\"?\\s*[:=]\\s*\\[?\\s*\\\\?\"?\\s*)[^\\r\\n\"\\\\\\]]+");
  private static final Pattern PERCENT = Pattern.compile("%[0-9A-Fa-f]{2}");
  private static final Pattern SCHEME_VALUE =
      Pattern.compile("(?i)\\b(basic|bearer)(\\s+|%20|\\+)([A-Za-z0-9._~+/=-]{4,})");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z_-]+=");
  private static final Pattern JWT =
      Pattern.compile("\\be[wy][A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]*+");
  private static final Pattern JSON_SECRET_FIELD =
      Pattern.compile(
          "(?i)(\\\\?\"(?:access_token|refresh_token|id_token|identitytoken|registrytoken|token"
              + "|password|passwd|secret|client_secret|auth|api_key|apikey|private_token|session_token"
              + "|sessionid)\\\\?\"\\s*:\\s*\\\\?\")[^\"\\\\]*");
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile(
          "(?i)((?:^|[?&;,\\s])(?:access_token|refresh_token|id_token|token|password|passwd"
              + "|secret|client_secret|api_key|apikey|private_token|session_token|sig|signature"
              + "|x-amz-signature|x-amz-security-token"
              + "|x-amz-credential|x-goog-signature|x-goog-credential)=)[^&\\s\"'#<>]+");
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{0,31}://)[^/@\\s?#\"'<>]++@");

  private final String registry;
  private final Set<String> secrets = new LinkedHashSet<>();
  private volatile @Nullable Pattern known;

  /** The messages of the registry {@code registry} ({@code host[:port]}). */
  RegistryErrors(String registry) {
    this.registry = registry;
  }

  // --- what is secret ---------------------------------------------------------------------------

  /** Scrubs {@code secret} (and its encodings) from every message from now on. */
  void secret(String secret) {
    if (secret.isEmpty()) {
      return;
    }
    synchronized (secrets) {
      if (!secrets.add(secret)) {
        return;
      }
      Set<String> exact = new LinkedHashSet<>();
      Set<String> ignoringCase = new LinkedHashSet<>();
      for (String s : secrets) {
        variants(s, exact, ignoringCase);
      }
      List<String> parts = new ArrayList<>();
      exact.forEach(v -> parts.add(Pattern.quote(v)));
      ignoringCase.forEach(v -> parts.add("(?i:" + Pattern.quote(v) + ")"));
      // longest first, so that an encoding is replaced whole before a shorter one inside it
      List<String> all = new ArrayList<>(exact);
      all.addAll(ignoringCase);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparingInt((Integer i) -> all.get(i).length()).reversed());
      StringBuilder alternation = new StringBuilder();
      for (int i : order) {
        if (alternation.length() > 0) {
          alternation.append('|');
        }
        alternation.append(parts.get(i));
      }
      known = Pattern.compile(alternation.toString());
    }
  }

  /** Scrubs the secret of {@code credential}, and {@code user:secret}, from now on. */
  void credential(RegistryCredential credential) {
    secret(credential.secret());
    secret(credential.username() + ":" + credential.secret());
  }

  private static void variants(String s, Set<String> exact, Set<String> ignoringCase) {
    exact.add(s);
    if (s.length() < 4) {
      return; // encodings of a very short secret would match all over ordinary text
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    String url = URLEncoder.encode(s, StandardCharsets.UTF_8);
    ignoringCase.add(url);
    ignoringCase.add(url.replace("+", "%20"));
    ignoringCase.add(URLEncoder.encode(url, StandardCharsets.UTF_8));
    StringBuilder percent = new StringBuilder();
    StringBuilder hex = new StringBuilder();
    for (byte b : utf8) {
      percent.append(String.format(Locale.ROOT, "%%%02x", b & 0xff));
      hex.append(String.format(Locale.ROOT, "%02x", b & 0xff));
    }
    ignoringCase.add(percent.toString());
    ignoringCase.add(hex.toString());
    if (s.indexOf(' ') >= 0) {
      exact.add(s.replace(' ', '+')); // a form-encoded space, left after %XX is decoded
    }
    String json = jsonEscaped(s);
    exact.add(json);
    exact.add(json.replace("/", "\\/"));
    // Go's encoder escapes <, > and & too; its escapes may be written in either case
    ignoringCase.add(json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"));
    exact.add(
        s.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;")
            .replace("'", "&#39;"));
    ignoringCase.add(
        s.replace("&", "&#38;")
            .replace("<", "&#60;")
            .replace(">", "&#62;")
            .replace("\"", "&#34;")
            .replace("'", "&#x27;"));
    for (Base64.Encoder enc : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
      String padded = enc.encodeToString(utf8);
      exact.add(padded);
      ignoringCase.add(URLEncoder.encode(padded, StandardCharsets.UTF_8));
      // The base64 of any text holding the secret holds one of these three cores, whatever comes
      // before it (the secret's bytes start at byte 0, 1 or 2 of a 3-byte group).
      for (int k = 0; k < 3; k++) {
        byte[] shifted = new byte[k + utf8.length];
        System.arraycopy(utf8, 0, shifted, k, utf8.length);
        String e = enc.withoutPadding().encodeToString(shifted);
        int from = (8 * k + 5) / 6;
        int to = 8 * (k + utf8.length) / 6;
        if (to - from >= 6) {
          String core = e.substring(from, to);
          exact.add(core);
          ignoringCase.add(URLEncoder.encode(core, StandardCharsets.UTF_8));
        }
      }
    }
  }

  private static String jsonEscaped(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  // --- text ------------------------------------------------------------------------------------

  /**
   * A piece of server text made fit for a message: credentials scrubbed, control characters
   * escaped, cut to {@value #MAX_TEXT} characters.
   */
  public String serverText(String raw) {
    return serverText(raw, MAX_TEXT);
  }

  String serverText(String raw, int max) {
    String head = raw.length() > MAX_SCRUBBED ? cut(raw, MAX_SCRUBBED) : raw;
    // scrubbed as sent, then once more with %XX escapes decoded (twice at most): a credential
    // URL-encoded in a URL or a body is found either way, and shown decoded
    String once = scrub(head);
    String decoded = percentDecoded(percentDecoded(once));
    return cut(decoded.equals(once) ? once : scrub(decoded), max);
  }

  /**
   * {@code text} with every known secret and everything shaped like a credential replaced by {@code
   * ***}, and control characters escaped (a newline as backslash-n, ESC as backslash-u001b).
   */
  public String scrub(String text) {
    String s = text;
    Pattern k = known;
    if (k != null) {
      s = k.matcher(s).replaceAll(REDACTED);
    }
    s = AUTHORIZATION.matcher(s).replaceAll("$1" + REDACTED);
    s = COOKIE.matcher(s).replaceAll("$1" + REDACTED);
    s = schemeValues(s);
    s = JWT.matcher(s).replaceAll(REDACTED);
    s = JSON_SECRET_FIELD.matcher(s).replaceAll("$1" + REDACTED);
    s = SECRET_PARAMETER.matcher(s).replaceAll("$1" + REDACTED);
    s = USER_INFO.matcher(s).replaceAll("$1" + REDACTED + "@");
    return escapeControls(s);
  }

  /** {@code s} with its {@code %XX} escapes decoded as UTF-8 (a malformed run is kept as is). */
  static String percentDecoded(String s) {
    if (!PERCENT.matcher(s).find()) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i + 2 < s.length()
          && s.charAt(i) == '%'
          && hex(s.charAt(i + 1)) >= 0
          && hex(s.charAt(i + 2)) >= 0) {
        run.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 3;
      }
      if (run.size() > 0) {
        String text = decodeUtf8(run.toByteArray());
        out.append(text != null ? text : s.substring(start, i));
        run.reset();
      } else {
        out.append(s.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  private static @Nullable String decodeUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** {@code Basic X} and {@code Bearer X} where X looks like a credential, not a word. */
  private static String schemeValues(String s) {
    Matcher m = SCHEME_VALUE.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = m.group(3);
      boolean parameter =
          PARAMETER_NAME.matcher(value).matches()
              && m.end() < s.length()
              && s.charAt(m.end()) == '"';
      String replacement =
          !parameter && credentialLike(value) ? m.group(1) + m.group(2) + REDACTED : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static boolean credentialLike(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c >= '0' && c <= '9') || "._~+/=-".indexOf(c) >= 0 || (i > 0 && c >= 'A' && c <= 'Z')) {
        return true;
      }
    }
    return false;
  }

  /** Control, bidi and separator characters as backslash escapes: n, r, t, or u and four hex. */
  static String escapeControls(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String esc = escape(c, s, i);
      if (esc != null && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        if (esc != null) {
          b.append(esc);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  private static @Nullable String escape(char c, String s, int i) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    boolean lone =
        (Character.isHighSurrogate(c)
                && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))))
            || (Character.isLowSurrogate(c)
                && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1))));
    if (c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x200b && c <= 0x200f)
        || (c >= 0x2028 && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0xfeff
        || lone) {
      return String.format(Locale.ROOT, "\\u%04x", (int) c);
    }
    return null;
  }

  /** At most {@code max} characters (not splitting a surrogate pair), marking a cut with "…". */
  static String cut(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max)) + "…";
  }

  // --- exceptions ------------------------------------------------------------------------------

  /**
   * {@code e}, or when its message, fields or any cause would show a secret or raw control
   * characters, an {@link OciException} with all of them scrubbed (stack traces kept; {@code e}'s
   * own type when it is a plain {@code OciException}).
   */
  public RuntimeException scrubbed(RuntimeException e) {
    String message = e.getMessage();
    String cleanMessage = message == null ? null : scrub(message);
    String reference = null;
    String digest = null;
    String pointer = null;
    boolean fieldsChanged = false;
    if (e instanceof OciException) {
      OciException o = (OciException) e;
      reference = o.reference().orElse(null);
      digest = o.digest().orElse(null);
      pointer = o.pointer().orElse(null);
      fieldsChanged =
          !Objects.equals(reference, scrubOrNull(reference))
              || !Objects.equals(digest, scrubOrNull(digest))
              || !Objects.equals(pointer, scrubOrNull(pointer));
    }
    IdentityHashMap<Throwable, Throwable> seen = new IdentityHashMap<>();
    Throwable cause = e.getCause();
    Throwable cleanCause = cause == null ? null : scrubbedCause(cause, seen);
    boolean suppressedChanged = false;
    for (Throwable s : e.getSuppressed()) {
      suppressedChanged |= scrubbedCause(s, seen) != s;
    }
    if (Objects.equals(message, cleanMessage)
        && cleanCause == cause
        && !fieldsChanged
        && !suppressedChanged) {
      return e;
    }
    OciException out =
        new OciException(
            cleanMessage == null ? e.getClass().getName() : cleanMessage,
            scrubOrNull(reference),
            scrubOrNull(digest),
            scrubOrNull(pointer),
            cleanCause);
    out.setStackTrace(e.getStackTrace());
    for (Throwable s : e.getSuppressed()) {
      out.addSuppressed(scrubbedCause(s, seen));
    }
    return out;
  }

  private @Nullable String scrubOrNull(@Nullable String s) {
    return s == null ? null : scrub(s);
  }

  /** {@code t} itself when nothing in it needs scrubbing, else a scrubbed copy of its chain. */
  Throwable scrubbedCause(Throwable t) {
    return scrubbedCause(t, new IdentityHashMap<>());
  }

  private Throwable scrubbedCause(Throwable t, IdentityHashMap<Throwable, Throwable> seen) {
    Throwable done = seen.get(t);
    if (done != null) {
      return done;
    }
    seen.put(t, t); // a cycle ends here
    String message = t.getMessage();
    String cleanMessage = message == null ? null : scrub(message);
    String shown = t.toString();
    Throwable cause = t.getCause();
    Throwable cleanCause = cause == null || cause == t ? null : scrubbedCause(cause, seen);
    boolean changed =
        cleanCause != cause
            || !Objects.equals(message, cleanMessage)
            || !shown.equals(scrub(shown));
    List<Throwable> suppressed = new ArrayList<>();
    for (Throwable s : t.getSuppressed()) {
      Throwable c = scrubbedCause(s, seen);
      suppressed.add(c);
      changed |= c != s;
    }
    if (!changed) {
      return t;
    }
    Scrubbed copy = new Scrubbed(t.getClass().getName(), cleanMessage, cleanCause);
    copy.setStackTrace(t.getStackTrace());
    suppressed.forEach(copy::addSuppressed);
    seen.put(t, copy);
    return copy;
  }

  /**
   * A scrubbed copy of a cause: prints as the original's class and scrubbed message, with the
   * original's stack trace.
   */
  static final class Scrubbed extends Exception {
    private static final long serialVersionUID = 1L;
    private final String type;

    Scrubbed(String type, @Nullable String message, @Nullable Throwable cause) {
      super(message, cause);
      this.type = type;
    }

    /** The class name of the original. */
    String type() {
      return type;
    }

    @Override
    @SuppressWarnings("OverrideThrowableToString") // stack traces show the original's class
    public String toString() {
      String m = getLocalizedMessage();
      return m == null ? type : type + ": " + m;
    }
  }

  // --- messages --------------------------------------------------------------------------------

  /** {@code host/repository}, or the host alone. */
  String target(@Nullable String repository) {
    return repository == null ? registry : registry + "/" + repository;
  }

  /** {@code GET /v2/…} without the query; a URL the server named is scrubbed and cut. */
  String describe(Request req) {
    String p = Request.withoutQuery(req.path());
    return req.method() + " " + (req.absolute() ? serverText(p) : p);
  }

  /**
   * {@code " CODE (message), CODE2 (…)"} from a distribution error body ({@code errors[]}, at most
   * five, each part cut and scrubbed), or "" when the body is not one.
   */
  String errorCodes(byte[] body) {
    JsonNode n;
    try {
      n = OciJson.tree(body, "an error body");
    } catch (RuntimeException e) {
      return ""; // not a distribution error body
    }
    JsonNode errors = n.get("errors");
    if (errors == null || !errors.isArray() || errors.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < errors.size() && i < MAX_ERRORS; i++) {
      JsonNode e = errors.get(i);
      String code = serverText(e.path("code").asText(""), 64);
      String message = serverText(e.path("message").asText(""));
      parts.add(code + (message.isEmpty() ? "" : " (" + message + ")"));
    }
    if (errors.size() > MAX_ERRORS) {
      parts.add("and " + (errors.size() - MAX_ERRORS) + " more");
    }
    return " " + String.join(", ", parts);
  }

  /** Whether the error body names {@code code} among its error codes. */
  boolean hasErrorCode(byte[] body, String code) {
    JsonNode n;
    try {
      n = OciJson.tree(body, "an error body");
    } catch (RuntimeException e) {
      return false;
    }
    JsonNode errors = n.get("errors");
    if (errors == null || !errors.isArray()) {
      return false;
    }
    for (JsonNode e : errors) {
      if (code.equals(e.path("code").asText(""))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The error for an unexpected answer to {@code action}: registry, repository, status, error
   * codes, a word on the credentials for 401 and 403, and why it was not retried.
   */
  OciException failure(
      Response r,
      String action,
      @Nullable String repository,
      @Nullable String reference,
      Optional<RegistryCredential> credential) {
    String where = target(repository);
    StringBuilder m =
        new StringBuilder(action)
            .append(" in ")
            .append(where)
            .append(" failed: HTTP ")
            .append(r.status())
            .append(errorCodes(r.body()));
    if (r.status() == 401 || r.status() == 403) {
      m.append(
          credential.isPresent()
              ? "; the credentials of "
                  + credential.get().username()
                  + " for "
                  + registry
                  + " were refused"
              : "; no credentials are configured for "
                  + registry
                  + " (RegistryOptions.credentials, or docker login)");
    }
    if (r.notRetried() != null) {
      m.append("; not retried: ").append(r.notRetried());
    }
    String ref = reference == null ? null : scrub(reference);
    return new OciException(
        scrub(m.toString()),
        ref == null ? where : where + (ref.contains(":") ? "@" : ":") + ref,
        ref != null && ref.contains(":") ? ref : null,
        null,
        null);
  }

  /** No connection, or it failed before an answer came. */
  OciException unreachable(Request req, int attempts, Throwable cause, @Nullable String note) {
    return new OciException(
        "could not reach the registry "
            + registry
            + " ("
            + describe(req)
            + ") after "
            + attempts
            + " attempt(s): "
            + serverText(cause.toString(), 2 * MAX_TEXT)
            + (note == null ? "" : "; not retried: " + note),
        target(req.repository()),
        null,
        null,
        scrubbedCause(cause));
  }

  /** An answer that started and was then cut off or could not be read. */
  OciException cutOff(Request req, int attempts, Throwable cause, @Nullable String note) {
    return new OciException(
        "the answer of the registry "
            + registry
            + " to "
            + describe(req)
            + " was cut off or unreadable after "
            + attempts
            + " attempt(s): "
            + serverText(cause.toString(), 2 * MAX_TEXT)
            + (note == null ? "" : "; not retried: " + note),
        target(req.repository()),
        null,
        null,
        scrubbedCause(cause));
  }

  /** A body over the request's limit. */
  OciException tooLarge(Request req, long size, long limit) {
    return new OciException(
        "the answer of the registry "
            + registry
            + " to "
            + describe(req)
            + " is over the limit of "
            + limit
            + " bytes ("
            + size
            + " bytes seen)",
        target(req.repository()),
        null,
        null,
        null);
  }

  /** {@code action} ran out of time: {@code why} says which deadline and how to change it. */
  OciException timedOut(Request req, String why) {
    String ref = req.reference();
    return new OciException(
        scrub(req.action() + " in " + target(req.repository()) + " timed out: " + why),
        target(req.repository()),
        ref != null && ref.contains(":") ? scrub(ref) : null,
        null,
        null);
  }

  /** The registry asked to wait longer than the operation has left: not waited for. */
  OciException retryAfterTooLong(Request req, Response r, Duration asked, String why) {
    OciException f = failure(r, req.action(), req.repository(), req.reference(), Optional.empty());
    return new OciException(
        f.getMessage()
            + "; the registry asks to retry after "
            + Durations.format(asked)
            + " (Retry-After), which is not waited for: "
            + why,
        f.reference().orElse(null),
        f.digest().orElse(null),
        null,
        null);
  }

  @Override
  public String toString() {
    return "RegistryErrors[" + registry + ", " + secrets.size() + " secret(s)]";
  }
}

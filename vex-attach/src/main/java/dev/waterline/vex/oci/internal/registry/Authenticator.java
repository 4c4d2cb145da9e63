package dev.waterline.vex.oci.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.json.OciJson;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Auth for one registry: anonymous first; on a 401, the {@code WWW-Authenticate} challenge decides:
 * {@code Basic} sends the credentials from then on, {@code Bearer realm,service,scope} gets a token
 * from the realm (with the credentials as Basic, if any) and caches it per repository and access
 * (pull, or pull and push; a push token serves pulls). Credentials go to a plain-HTTP realm only on
 * loopback or an allowed host. Every secret it holds or receives is handed to {@link
 * RegistryErrors}, which scrubs it from messages.
 */
final class Authenticator {
  private final String registry;
  private final RegistryConfig config;
  private final RegistryErrors errors;
  private final ConcurrentMap<String, Token> tokens = new ConcurrentHashMap<>();
  private volatile boolean basic;
  private volatile boolean bearer;

  @SuppressWarnings("NullableOptional") // null: not looked up yet; empty: there is none
  private volatile @Nullable Optional<RegistryCredential> credential;

  private record Token(String value, Instant expires) {
    @Override
    public String toString() {
      return "Token[***, expires " + expires + "]";
    }
  }

  Authenticator(String registry, RegistryConfig config, RegistryErrors errors) {
    this.registry = registry;
    this.config = config;
    this.errors = errors;
    if (config.credential() != null) {
      errors.credential(config.credential());
    }
  }

  /** The configured credential, else the Docker config's, looked up once. */
  Optional<RegistryCredential> credential() {
    Optional<RegistryCredential> c = credential;
    if (c == null) {
      if (config.credential() != null) {
        c = Optional.of(config.credential());
      } else if (config.dockerConfig() != null) {
        c = DockerCredentials.lookup(config.dockerConfig(), registry, errors);
      } else {
        c = Optional.empty();
      }
      c.ifPresent(errors::credential);
      credential = c;
    }
    return c;
  }

  private static String tokenKey(@Nullable String repository, boolean push) {
    return (repository == null ? "" : repository) + (push ? "#push" : "#pull");
  }

  /** The {@code Authorization} value for {@code req}, or null to send none. */
  @Nullable String authorization(Request req) {
    if (!req.auth()) {
      return null;
    }
    if (bearer) {
      Instant now = Instant.now();
      Token t = tokens.get(tokenKey(req.repository(), req.push()));
      if ((t == null || t.expires().isBefore(now)) && !req.push()) {
        t = tokens.get(tokenKey(req.repository(), true));
      }
      if (t != null && t.expires().isAfter(now)) {
        return "Bearer " + t.value();
      }
      return null;
    }
    if (basic) {
      return credential().map(RegistryCredential::basicAuthorization).orElse(null);
    }
    return null;
  }

  /**
   * Answers a 401 challenge (getting a token through {@code send} when it is a Bearer one); whether
   * the request should be sent again.
   */
  boolean answer(Request req, HttpHeaders headers, Function<Request, Response> send) {
    List<Challenge> challenges = new ArrayList<>();
    for (String v : headers.allValues("WWW-Authenticate")) {
      Challenge.parse(v).ifPresent(challenges::add);
    }
    Optional<Challenge> bearerChallenge =
        challenges.stream().filter(c -> c.scheme().equals("bearer")).findFirst();
    if (bearerChallenge.isPresent()) {
      Challenge c = bearerChallenge.get();
      if (c.param("realm").isEmpty()) {
        return false;
      }
      Token t = fetchToken(c, req, send);
      tokens.put(tokenKey(req.repository(), req.push()), t);
      bearer = true;
      return true;
    }
    if (challenges.stream().anyMatch(c -> c.scheme().equals("basic"))) {
      if (basic || credential().isEmpty()) {
        return false; // the credential was sent and refused, or there is none
      }
      basic = true;
      return true;
    }
    return false;
  }

  private Token fetchToken(Challenge c, Request req, Function<Request, Response> send) {
    String realm = c.param("realm").orElseThrow();
    String scope =
        c.param("scope")
            .orElse(
                req.repository() == null
                    ? null
                    : "repository:" + req.repository() + (req.push() ? ":pull,push" : ":pull"));
    StringBuilder url = new StringBuilder(realm);
    String sep = realm.contains("?") ? "&" : "?";
    if (c.param("service").isPresent()) {
      url.append(sep)
          .append("service=")
          .append(URLEncoder.encode(c.param("service").get(), StandardCharsets.UTF_8));
      sep = "&";
    }
    if (scope != null) {
      url.append(sep).append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    }
    String target = errors.target(req.repository());
    URI realmUri;
    try {
      realmUri = URI.create(url.toString());
    } catch (IllegalArgumentException e) {
      realmUri = null;
    }
    if (realmUri == null
        || realmUri.getScheme() == null
        || !(realmUri.getScheme().equalsIgnoreCase("http")
            || realmUri.getScheme().equalsIgnoreCase("https"))
        || realmUri.getRawAuthority() == null) {
      throw new OciException(
          "the registry "
              + registry
              + " names a token server that is not an http or https URL: "
              + errors.serverText(realm),
          target,
          null,
          null,
          null);
    }
    String server =
        errors.serverText(
            realmUri.getScheme() + "://" + realmUri.getRawAuthority() + realmUri.getRawPath());
    Optional<RegistryCredential> cred = credential();
    if ("http".equalsIgnoreCase(realmUri.getScheme())
        && cred.isPresent()
        && !Transport.isLoopback(realmUri.getRawAuthority())
        && !Transport.allowed(config, realmUri.getRawAuthority())) {
      throw new OciException(
          "the registry "
              + registry
              + " asks for a token from "
              + server
              + " over plain HTTP; Waterline does not send credentials there unless the host is"
              + " allowed as an insecure registry",
          target,
          null,
          null,
          null);
    }
    Request tr =
        Request.of("GET", realmUri.toString(), req.repository())
            .withoutAuth()
            .about("asking the token server " + server + " for a token", null);
    if (cred.isPresent()) {
      tr = tr.header("Authorization", cred.get().basicAuthorization());
    }
    Response r = send.apply(tr);
    if (r.status() != 200) {
      throw new OciException(
          errors.scrub(
              "the token server "
                  + server
                  + " of the registry "
                  + registry
                  + " refused a token for "
                  + target
                  + " (scope "
                  + (scope == null ? "none" : errors.serverText(scope))
                  + "): HTTP "
                  + r.status()
                  + errors.errorCodes(r.body())
                  + (cred.isPresent()
                      ? "; the credentials of " + cred.get().username() + " were refused"
                      : "; no credentials are configured for " + registry)
                  + (r.notRetried() == null ? "" : "; not retried: " + r.notRetried())),
          target,
          null,
          null,
          null);
    }
    JsonNode n;
    try {
      n = OciJson.tree(r.body(), "the answer of the token server");
    } catch (OciException e) {
      // no cause: a parser's message may quote the body, which may hold a token
      throw new OciException(
          "the token server "
              + server
              + " of "
              + registry
              + " answered with something that is"
              + " not JSON",
          target,
          null,
          null,
          null);
    }
    JsonNode tok = n.hasNonNull("token") ? n.get("token") : n.get("access_token");
    if (tok == null || !tok.isTextual() || tok.asText().isEmpty()) {
      throw new OciException(
          "the token server " + server + " of " + registry + " answered without a token",
          target,
          null,
          null,
          null);
    }
    errors.secret(tok.asText());
    JsonNode access = n.get("access_token");
    if (access != null && access.isTextual()) {
      errors.secret(access.asText());
    }
    long seconds =
        n.has("expires_in") && n.get("expires_in").canConvertToLong()
            ? n.get("expires_in").asLong()
            : 60;
    return new Token(
        tok.asText(), Instant.now().plusSeconds(Math.max(Math.min(seconds, 86_400) - 10, 1)));
  }

  @Override
  public String toString() {
    return "Authenticator["
        + registry
        + (bearer ? ", bearer" : basic ? ", basic" : ", anonymous")
        + ", "
        + tokens.size()
        + " token(s)]";
  }
}

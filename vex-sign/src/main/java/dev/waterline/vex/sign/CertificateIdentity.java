package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.waterline.vex.VexException;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The signer a keyless (Fulcio certificate) verification expects: the certificate's subject
 * alternative name (an e-mail address or URI, e.g. a GitHub workflow) and the OIDC issuer recorded
 * in the certificate, each matched exactly or by a regular expression that must match the whole
 * value ({@link java.util.regex.Matcher#matches()}).
 */
@API(status = STABLE, since = "0.1.0")
public final class CertificateIdentity {
  private final String san;
  private final boolean sanRegex;
  private final String issuer;
  private final boolean issuerRegex;
  private final @Nullable Pattern sanPattern;
  private final @Nullable Pattern issuerPattern;

  private CertificateIdentity(String san, boolean sanRegex, String issuer, boolean issuerRegex) {
    this.san = san;
    this.sanRegex = sanRegex;
    this.issuer = issuer;
    this.issuerRegex = issuerRegex;
    this.sanPattern = sanRegex ? compile(san, "identity") : null;
    this.issuerPattern = issuerRegex ? compile(issuer, "issuer") : null;
  }

  private static Pattern compile(String regex, String what) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new VexException(
          "certificate "
              + what
              + " regular expression '"
              + regex
              + "' is invalid: "
              + e.getDescription());
    }
  }

  /** Exact SAN and exact issuer. */
  public static CertificateIdentity exact(String san, String issuer) {
    return builder().san(san).issuer(issuer).build();
  }

  /** SAN and issuer as regular expressions (whole-value match). */
  public static CertificateIdentity regex(String sanRegex, String issuerRegex) {
    return builder().sanRegex(sanRegex).issuerRegex(issuerRegex).build();
  }

  /** A builder for mixed exact/regex matching. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether this identity accepts the given certificate SAN. */
  public boolean matchesSan(String value) {
    return sanPattern != null ? sanPattern.matcher(value).matches() : san.equals(value);
  }

  /** Whether this identity accepts the given OIDC issuer. */
  public boolean matchesIssuer(String value) {
    return issuerPattern != null ? issuerPattern.matcher(value).matches() : issuer.equals(value);
  }

  /** The expected SAN, or its regular expression. */
  public String san() {
    return san;
  }

  /** Whether {@link #san()} is a regular expression. */
  public boolean sanIsRegex() {
    return sanRegex;
  }

  /** The expected OIDC issuer, or its regular expression. */
  public String issuer() {
    return issuer;
  }

  /** Whether {@link #issuer()} is a regular expression. */
  public boolean issuerIsRegex() {
    return issuerRegex;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CertificateIdentity c
        && san.equals(c.san)
        && sanRegex == c.sanRegex
        && issuer.equals(c.issuer)
        && issuerRegex == c.issuerRegex;
  }

  @Override
  public int hashCode() {
    return Objects.hash(san, sanRegex, issuer, issuerRegex);
  }

  /** For example {@code identity 'https://…' issuer ~'https://token\..*'} ({@code ~} = regex). */
  @Override
  public String toString() {
    return "identity "
        + (sanRegex ? "~" : "")
        + "'"
        + san
        + "' issuer "
        + (issuerRegex ? "~" : "")
        + "'"
        + issuer
        + "'";
  }

  /** Builds a {@link CertificateIdentity}; both the SAN and the issuer must be given. */
  public static final class Builder {
    private @Nullable String san;
    private boolean sanRegex;
    private @Nullable String issuer;
    private boolean issuerRegex;

    private Builder() {}

    /** Exact SAN. */
    @CanIgnoreReturnValue
    public Builder san(String exact) {
      this.san = exact;
      this.sanRegex = false;
      return this;
    }

    /** SAN regular expression. */
    @CanIgnoreReturnValue
    public Builder sanRegex(String regex) {
      this.san = regex;
      this.sanRegex = true;
      return this;
    }

    /** Exact OIDC issuer. */
    @CanIgnoreReturnValue
    public Builder issuer(String exact) {
      this.issuer = exact;
      this.issuerRegex = false;
      return this;
    }

    /** OIDC issuer regular expression. */
    @CanIgnoreReturnValue
    public Builder issuerRegex(String regex) {
      this.issuer = regex;
      this.issuerRegex = true;
      return this;
    }

    /**
     * The identity.
     *
     * @throws VexException when the SAN or issuer is missing or empty, or a regex is invalid
     */
    public CertificateIdentity build() {
      if (san == null || san.isEmpty()) {
        throw new VexException(
            "a certificate identity needs the expected SAN (e.g. --certificate-identity)");
      }
      if (issuer == null || issuer.isEmpty()) {
        throw new VexException(
            "a certificate identity needs the expected OIDC issuer"
                + " (e.g. --certificate-oidc-issuer)");
      }
      return new CertificateIdentity(san, sanRegex, issuer, issuerRegex);
    }
  }
}

package dev.waterline.vex.sign.sigstore.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/** Reads the Fulcio fields of a signing certificate: SANs and the OIDC issuer. */
final class CertificateFields {
  /** Fulcio OIDC issuer (v2, DER UTF8String). */
  static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";

  /** Fulcio OIDC issuer (v1, raw string, deprecated). */
  static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";

  private CertificateFields() {}

  static X509Certificate parse(byte[] der) throws CertificateException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  /** The e-mail (rfc822Name) and URI SANs. */
  static List<String> sans(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> all = cert.getSubjectAlternativeNames();
      if (all != null) {
        for (List<?> san : all) {
          Object type = san.get(0);
          if ((Integer.valueOf(1).equals(type) || Integer.valueOf(6).equals(type))
              && san.get(1) instanceof String s) {
            out.add(s);
          }
        }
      }
    } catch (CertificateParsingException e) {
      // no readable SANs: none match
    }
    return out;
  }

  /** The OIDC issuer from the v2 extension, else the v1 one. */
  static Optional<String> issuer(X509Certificate cert) {
    byte[] v2 = cert.getExtensionValue(ISSUER_V2);
    if (v2 != null) {
      try {
        byte[] inner = ASN1OctetString.getInstance(v2).getOctets();
        if (ASN1Primitive.fromByteArray(inner) instanceof ASN1String s) {
          return Optional.of(s.getString());
        }
      } catch (IOException | IllegalArgumentException e) {
        // fall back to v1
      }
    }
    byte[] v1 = cert.getExtensionValue(ISSUER_V1);
    if (v1 != null) {
      try {
        return Optional.of(
            new String(ASN1OctetString.getInstance(v1).getOctets(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}

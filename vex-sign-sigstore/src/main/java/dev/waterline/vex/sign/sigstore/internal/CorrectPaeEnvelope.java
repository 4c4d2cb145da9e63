package dev.waterline.vex.sign.sigstore.internal;

import dev.sigstore.bundle.Bundle;
import dev.waterline.vex.sign.DsseEnvelope;
import java.util.List;

/**
 * sigstore-java's DSSE envelope with the PAE of the DSSE specification (UTF-8 byte lengths).
 * sigstore-java 2.0.0's own {@code getPAE()} counts UTF-16 code units, so it rejects correct
 * signatures over non-ASCII payloads; {@code KeylessVerifier} reads the PAE only through this
 * interface method, so handing it this envelope makes it check the right bytes.
 */
final class CorrectPaeEnvelope implements Bundle.DsseEnvelope {
  private final Bundle.DsseEnvelope delegate;

  CorrectPaeEnvelope(Bundle.DsseEnvelope delegate) {
    this.delegate = delegate;
  }

  @Override
  public byte[] getPayload() {
    return delegate.getPayload();
  }

  @Override
  public String getPayloadType() {
    return delegate.getPayloadType();
  }

  @Override
  public List<Bundle.DsseEnvelope.Signature> getSignatures() {
    return delegate.getSignatures();
  }

  @Override
  public byte[] getPAE() {
    return DsseEnvelope.pae(getPayloadType(), getPayload());
  }
}

package dev.waterline.vex.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our envelopes, bundles and cosign keys checked by independent tools, and theirs by us: openssl
 * ({@code verify-openssl.sh}), securesystemslib ({@code verify_sslib.py}, {@code sign_sslib.py}),
 * {@code @sigstore/verify} ({@code verify-sigstore.mjs}) and pynacl ({@code decrypt_cosign.py}),
 * all in {@code scripts/interop/}. Needs {@code scripts/interop/install.sh} to have run; skipped
 * with that message otherwise.
 */
class InteropTest {
  private static final String PYTHON = "/usr/bin/python3";

  /** A statement with literal (unescaped) non-ASCII text: UTF-8 byte length ≠ char length. */
  private static final String NON_ASCII_STATEMENT =
      "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"registry.local/app\","
          + "\"digest\":{\"sha256\":\""
          + TestDocs.DIGEST
          + "\"}}],\"predicateType\":\"https://openvex.dev/ns\",\"predicate\":{\"@context\":"
          + "\"https://openvex.dev/ns/v0.2.0\",\"@id\":\"https://example.com/vex/2\",\"author\":"
          + "\"René Ærø 名前\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"version\":1,"
          + "\"statements\":[]}}";

  private static Path scripts;

  @TempDir Path tmp;

  @BeforeAll
  static void tools() throws Exception {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Path found = null;
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("scripts/interop/install.sh"))) {
        found = p.resolve("scripts/interop");
        break;
      }
    }
    assumeTrue(found != null, "skipped: scripts/interop not found above " + dir);
    scripts = found;
    String hint = "skipped: interop tools missing; run scripts/interop/install.sh (";
    assumeTrue(
        Files.isDirectory(scripts.resolve("node_modules/@sigstore/verify")),
        hint + "no scripts/interop/node_modules)");
    assumeTrue(run(List.of("jq", "--version")).ok(), hint + "no jq)");
    assumeTrue(run(List.of("openssl", "version")).ok(), hint + "no openssl)");
    assumeTrue(run(List.of("node", "--version")).ok(), hint + "no node)");
    assumeTrue(
        run(List.of(PYTHON, "-c", "import securesystemslib, nacl, cryptography")).ok(),
        hint + "no python3-securesystemslib / python3-nacl for " + PYTHON + ")");
  }

  record Outcome(int code, String output) {
    boolean ok() {
      return code == 0;
    }
  }

  private static Outcome run(List<String> command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Outcome(127, e.getMessage());
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Outcome(p.waitFor(), out);
  }

  private static Outcome script(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    String name = args[0];
    if (name.endsWith(".py")) {
      cmd.add(PYTHON);
    } else if (name.endsWith(".mjs")) {
      cmd.add("node");
    } else {
      cmd.add("sh");
    }
    cmd.add(scripts.resolve(name).toString());
    cmd.addAll(List.of(args).subList(1, args.length));
    return run(cmd);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = tmp.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static final SigningKey KEY = Keys.generate(KeyAlgorithm.ECDSA_P256);

  private static DsseEnvelope asciiEnvelope() {
    return Attestations.of(TestDocs.document()).subject(TestDocs.IMAGE).sign(KEY);
  }

  private static DsseEnvelope nonAsciiEnvelope() {
    return DsseEnvelope.of(
            DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, NON_ASCII_STATEMENT.getBytes(StandardCharsets.UTF_8))
        .sign(KEY);
  }

  @Nested
  class OursVerifiedByThem {
    @Test
    void nonAsciiPayloadReallyHasMoreBytesThanChars() {
      byte[] payload = nonAsciiEnvelope().payload();
      assertThat(payload.length).isGreaterThan(NON_ASCII_STATEMENT.length());
    }

    @Test
    void opensslVerifiesAsciiAndNonAscii() throws Exception {
      Path pub = write("pub.pem", KEY.publicKey().toPem());
      for (DsseEnvelope env : List.of(asciiEnvelope(), nonAsciiEnvelope())) {
        Outcome o =
            script("verify-openssl.sh", write("env.json", env.toJson()).toString(), pub.toString());
        assertThat(o.ok()).as(o.output()).isTrue();
        assertThat(o.output()).startsWith("Verified OK");
      }
    }

    @Test
    void securesystemslibVerifiesAsciiAndNonAscii() throws Exception {
      Path pub = write("pub.pem", KEY.publicKey().toPem());
      for (DsseEnvelope env : List.of(asciiEnvelope(), nonAsciiEnvelope())) {
        Outcome o =
            script("verify_sslib.py", write("env.json", env.toJson()).toString(), pub.toString());
        assertThat(o.ok()).as(o.output()).isTrue();
        assertThat(o.output()).startsWith("verified");
      }
    }

    @Test
    void sigstoreJsVerifiesEnvelopesAndKeyBundle() throws Exception {
      Path pub = write("pub.pem", KEY.publicKey().toPem());
      for (DsseEnvelope env : List.of(asciiEnvelope(), nonAsciiEnvelope())) {
        Outcome o =
            script(
                "verify-sigstore.mjs",
                "--envelope",
                write("env.json", env.toJson()).toString(),
                "--key",
                pub.toString(),
                "--digest",
                TestDocs.DIGEST);
        assertThat(o.output()).as(o.output()).isEqualTo("OK\n");
      }
      SigstoreBundle bundle = SigstoreBundle.ofKeySigned(nonAsciiEnvelope(), KEY.publicKey());
      Outcome o =
          script(
              "verify-sigstore.mjs",
              "--bundle",
              write("bundle.json", bundle.toJsonBytes()).toString(),
              "--key",
              pub.toString(),
              "--digest",
              TestDocs.DIGEST);
      assertThat(o.output()).isEqualTo("OK\n");
    }

    @Test
    void everyToolRejectsATamperedPayloadType() throws Exception {
      DsseEnvelope env = nonAsciiEnvelope();
      DsseEnvelope tampered =
          DsseEnvelope.of("application/vnd.other+json", env.payload(), env.signatures());
      Path file = write("tampered.json", tampered.toJson());
      Path pub = write("pub.pem", KEY.publicKey().toPem());
      assertThat(script("verify-openssl.sh", file.toString(), pub.toString()).ok()).isFalse();
      assertThat(script("verify_sslib.py", file.toString(), pub.toString()).ok()).isFalse();
      Outcome js =
          script("verify-sigstore.mjs", "--envelope", file.toString(), "--key", pub.toString());
      assertThat(js.ok()).isFalse();
      assertThat(js.output()).startsWith("FAIL");
    }

    @Test
    void everyToolRejectsAnotherKey() throws Exception {
      Path file = write("env.json", nonAsciiEnvelope().toJson());
      Path other = write("other.pem", Keys.generate().publicKey().toPem());
      assertThat(script("verify-openssl.sh", file.toString(), other.toString()).ok()).isFalse();
      assertThat(script("verify_sslib.py", file.toString(), other.toString()).ok()).isFalse();
      assertThat(
              script(
                      "verify-sigstore.mjs",
                      "--envelope",
                      file.toString(),
                      "--key",
                      other.toString())
                  .ok())
          .isFalse();
    }

    @Test
    void ourCosignKeyDecryptsWithPynacl() throws Exception {
      Path key = tmp.resolve("cosign.key");
      Keys.writeCosign(KEY, key, Password.of("s3cret-ü".toCharArray()));
      assertThat(Files.readString(key))
          .startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----");
      Outcome o = script("decrypt_cosign.py", key.toString(), "s3cret-ü");
      assertThat(o.ok()).as(o.output()).isTrue();
      assertThat(o.output()).startsWith("-----BEGIN PRIVATE KEY-----");
      SigningKey back = Keys.parsePrivatePem(o.output());
      assertThat(back.publicKey()).isEqualTo(KEY.publicKey());
      assertThat(script("decrypt_cosign.py", key.toString(), "wrong").ok()).isFalse();
    }
  }

  @Nested
  class TheirsVerifiedByUs {
    @Test
    void envelopeSignedByOpensslVerifies() throws Exception {
      Path ec = tmp.resolve("ec.pem");
      Path key = tmp.resolve("key.pem");
      Path pub = tmp.resolve("pub.pem");
      assertThat(
              run(List.of(
                      "openssl",
                      "ecparam",
                      "-name",
                      "prime256v1",
                      "-genkey",
                      "-noout",
                      "-out",
                      ec.toString()))
                  .ok())
          .isTrue();
      assertThat(
              run(List.of(
                      "openssl",
                      "pkcs8",
                      "-topk8",
                      "-nocrypt",
                      "-in",
                      ec.toString(),
                      "-out",
                      key.toString()))
                  .ok())
          .isTrue();
      assertThat(
              run(List.of(
                      "openssl", "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString()))
                  .ok())
          .isTrue();
      byte[] payload = NON_ASCII_STATEMENT.getBytes(StandardCharsets.UTF_8);
      // the PAE built independently of DsseEnvelope.pae, as the DSSE spec writes it
      String type = DsseEnvelope.IN_TOTO_PAYLOAD_TYPE;
      byte[] head =
          ("DSSEv1 " + type.length() + " " + type + " " + payload.length + " ")
              .getBytes(StandardCharsets.US_ASCII);
      byte[] pae = new byte[head.length + payload.length];
      System.arraycopy(head, 0, pae, 0, head.length);
      System.arraycopy(payload, 0, pae, head.length, payload.length);
      Path paeFile = write("pae.bin", pae);
      Path sig = tmp.resolve("sig.der");
      Outcome signed =
          run(
              List.of(
                  "openssl",
                  "dgst",
                  "-sha256",
                  "-sign",
                  key.toString(),
                  "-out",
                  sig.toString(),
                  paeFile.toString()));
      assertThat(signed.ok()).as(signed.output()).isTrue();
      String json =
          "{\"payloadType\":\""
              + type
              + "\",\"payload\":\""
              + Base64.getEncoder().encodeToString(payload)
              + "\",\"signatures\":[{\"keyid\":\"\",\"sig\":\""
              + Base64.getEncoder().encodeToString(Files.readAllBytes(sig))
              + "\"}]}";
      PublicKey opensslKey = PublicKey.read(pub);
      VerificationResult r =
          Verifier.verify(
              json.getBytes(StandardCharsets.UTF_8),
              VerificationPolicy.keys(opensslKey).subject(TestDocs.IMAGE));
      assertThat(r.verified()).as(r.toString()).isTrue();
      assertThat(r.statement().orElseThrow().predicate().author()).isEqualTo("René Ærø 名前");
      VerificationResult wrong =
          Verifier.verify(
              json.getBytes(StandardCharsets.UTF_8), VerificationPolicy.keys(KEY.publicKey()));
      assertThat(wrong.verified()).isFalse();
    }

    @Test
    void keyBundleBuiltBySigstoreJsVerifies() throws Exception {
      Path payload = write("payload.json", NON_ASCII_STATEMENT);
      Path bundle = tmp.resolve("js-bundle.json");
      Path pub = tmp.resolve("js-pub.pem");
      Outcome o =
          script(
              "sign-sigstore.mjs",
              payload.toString(),
              DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
              bundle.toString(),
              pub.toString());
      assertThat(o.ok()).as(o.output()).isTrue();
      PublicKey key = PublicKey.read(pub);
      SigstoreBundle parsed = SigstoreBundle.parse(Files.readAllBytes(bundle));
      assertThat(parsed.publicKeyHint()).contains(key.keyId());
      VerificationResult r =
          Verifier.verify(
              Files.readAllBytes(bundle), VerificationPolicy.keys(key).subject(TestDocs.IMAGE));
      assertThat(r.verified()).as(r.toString()).isTrue();
      assertThat(r.statement().orElseThrow().predicate().author()).isEqualTo("René Ærø 名前");
      VerificationResult other =
          Verifier.verify(Files.readAllBytes(bundle), VerificationPolicy.keys(KEY.publicKey()));
      assertThat(other.failure().orElseThrow().reason()).isEqualTo(FailureReason.UNKNOWN_KEY);
    }

    @Test
    void envelopeSignedBySecuresystemslibVerifies() throws Exception {
      Path payload = write("payload.json", NON_ASCII_STATEMENT);
      Path env = tmp.resolve("sslib-env.json");
      Path pub = tmp.resolve("sslib-pub.pem");
      Outcome o =
          script(
              "sign_sslib.py",
              payload.toString(),
              DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
              env.toString(),
              pub.toString());
      assertThat(o.ok()).as(o.output()).isTrue();
      VerificationResult r =
          Verifier.verify(Files.readAllBytes(env), VerificationPolicy.keys(PublicKey.read(pub)));
      assertThat(r.verified()).as(r.toString()).isTrue();
      assertThat(r.subjects()).extracting(Subject::name).containsExactly("registry.local/app");
    }
  }
}

package dev.waterline.vex.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.sign.internal.Rfc6979;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deterministic ECDSA (RFC 6979) and {@link SigningKey#deterministic()}. */
class DeterministicSigningTest {
  // RFC 6979, appendix A.2.5 (P-256) and A.2.6 (P-384): private keys, and for the messages
  // "sample" and "test" with SHA-256 / SHA-384 the nonce k and the signature (r, s).
  static final String P256_X = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";
  static final String[][] P256_SHA256 = {
    {
      "sample",
      "A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60",
      "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
      "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"
    },
    {
      "test",
      "D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0",
      "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
      "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"
    }
  };
  static final String P384_X =
      "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D8"
          + "96D5724E4C70A825F872C9EA60D2EDF5";
  static final String[][] P384_SHA384 = {
    {
      "sample",
      "94ED910D1A099DAD3254E9242AE85ABDE4BA15168EAF0CA87A555FD56D10FBCA"
          + "2907E3E83BA95368623B8C4686915CF9",
      "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C"
          + "81A648152E44ACF96E36DD1E80FABE46",
      "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94F"
          + "A329C145786E679E7B82C71A38628AC8"
    },
    {
      "test",
      "015EE46A5BF88773ED9123A5AB0807962D193719503C527B031B4C2D225092AD"
          + "A71F4A459BC0DA98ADB95837DB8312EA",
      "8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB"
          + "0542A7F0812998DA8F1DD3CA3CF023DB",
      "DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E0"
          + "6A739F040649A667BF3B828246BAA5A5"
    }
  };

  @TempDir Path tmp;

  static ECParameterSpec curve(String name) throws Exception {
    AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
    p.init(new ECGenParameterSpec(name));
    return p.getParameterSpec(ECParameterSpec.class);
  }

  static PrivateKey key(String curve, String hex) throws Exception {
    return KeyFactory.getInstance("EC")
        .generatePrivate(new ECPrivateKeySpec(new BigInteger(hex, 16), curve(curve)));
  }

  static BigInteger hex(String h) {
    return new BigInteger(h, 16);
  }

  @Nested
  class Rfc6979Vectors {
    void check(String curve, String x, String digest, String hmac, String[][] vectors)
        throws Exception {
      PrivateKey key = key(curve, x);
      BigInteger n = curve(curve).getOrder();
      for (String[] v : vectors) {
        byte[] hash =
            MessageDigest.getInstance(digest).digest(v[0].getBytes(StandardCharsets.US_ASCII));
        Rfc6979 nonces = new Rfc6979(hmac);
        nonces.init(n, hex(x), hash);
        assertThat(nonces.nextK()).as("k for %s", v[0]).isEqualTo(hex(v[1]));

        BigInteger[] rs = Rfc6979.signHash(key, hash, hmac);
        assertThat(rs[0]).as("r for %s", v[0]).isEqualTo(hex(v[2]));
        assertThat(rs[1]).as("s for %s", v[0]).isEqualTo(hex(v[3]));
      }
    }

    @Test
    void p256WithSha256GivesTheRfcsNoncesAndSignatures() throws Exception {
      check("secp256r1", P256_X, "SHA-256", "HmacSHA256", P256_SHA256);
    }

    @Test
    void p384WithSha384GivesTheRfcsNoncesAndSignatures() throws Exception {
      check("secp384r1", P384_X, "SHA-384", "HmacSHA384", P384_SHA384);
    }

    @Test
    void writesTheDerSignatureTheJdkVerifies() throws Exception {
      PrivateKey key = key("secp256r1", P256_X);
      SigningKey signing = SigningKey.of(key).deterministic();
      byte[] message = "sample".getBytes(StandardCharsets.US_ASCII);

      byte[] der = signing.sign(message);

      // 0x30 len 0x02 0x21 0x00 r(32, high bit set) 0x02 0x21 0x00 s(32, high bit set)
      assertThat(der).hasSize(72);
      assertThat(der[0]).isEqualTo((byte) 0x30);
      Signature jdk = Signature.getInstance("SHA256withECDSA");
      jdk.initVerify(signing.publicKey().toJca());
      jdk.update(message);
      assertThat(jdk.verify(der)).isTrue();
    }
  }

  @Nested
  class SigningKeys {
    @Test
    void signingTheSameStatementTwiceGivesTheSameBytesForEcdsaP256AndP384() {
      for (KeyAlgorithm alg :
          new KeyAlgorithm[] {KeyAlgorithm.ECDSA_P256, KeyAlgorithm.ECDSA_P384}) {
        SigningKey key = Keys.generate(alg).deterministic();
        InTotoStatement statement =
            InTotoStatement.of(TestDocs.document(), Subject.parse(TestDocs.IMAGE));

        String first = DsseEnvelope.of(statement).sign(key).toJson();
        String second = DsseEnvelope.of(statement).sign(key).toJson();

        assertThat(second).as("%s", alg).isEqualTo(first);
        assertThat(key.isDeterministic()).isTrue();
        assertThat(key.toString()).contains("deterministic");
      }
    }

    @Test
    void randomNoncesDifferAndTheOtherAlgorithmsAreDeterministicAlready() {
      SigningKey random = Keys.generate(KeyAlgorithm.ECDSA_P256);
      byte[] m = "m".getBytes(StandardCharsets.US_ASCII);
      assertThat(random.isDeterministic()).isFalse();
      assertThat(random.sign(m)).isNotEqualTo(random.sign(m));
      SigningKey ed = Keys.generate(KeyAlgorithm.ED25519);
      assertThat(ed.isDeterministic()).isTrue();
      assertThat(ed.deterministic()).isSameAs(ed);
      assertThat(ed.sign(m)).isEqualTo(ed.sign(m));
    }

    @Test
    void deterministicSignaturesVerifyWithOurVerifierAndOpenssl() throws Exception {
      assumeTrue(
          new ProcessBuilder("openssl", "version").start().waitFor() == 0,
          "openssl is not installed (scripts/interop/install.sh installs it)");
      for (KeyAlgorithm alg :
          new KeyAlgorithm[] {KeyAlgorithm.ECDSA_P256, KeyAlgorithm.ECDSA_P384}) {
        SigningKey key = Keys.generate(alg).deterministic();
        byte[] message = "a DSSE PAE, or anything".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = key.sign(message);
        assertThat(key.publicKey().verify(message, sig)).isTrue();

        Path pub = Files.writeString(tmp.resolve("pub.pem"), key.publicKey().toPem());
        Path msg = Files.write(tmp.resolve("msg.bin"), message);
        Path der = Files.write(tmp.resolve("sig.der"), sig);
        Process p =
            new ProcessBuilder(
                    "openssl",
                    "dgst",
                    alg == KeyAlgorithm.ECDSA_P384 ? "-sha384" : "-sha256",
                    "-verify",
                    pub.toString(),
                    "-signature",
                    der.toString(),
                    msg.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).startsWith("Verified OK");
      }
    }
  }
}

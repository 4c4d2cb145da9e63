package dev.waterline.vex.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.Component;
import dev.waterline.vex.HashAlgorithm;
import dev.waterline.vex.IdentifierType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ComponentMatcher#overlapKeys} and {@link Query#overlapKeys}: whenever a component matches
 * an identifier, the two share a key, so comparing only pairs that share one misses no match.
 */
class OverlapKeysTest {
  private static final String HEX_A = "a".repeat(64);
  private static final String HEX_B = "0123456789abcdef".repeat(4);

  /** Identifiers of every kind the matcher has a rule for, many of them matching one another. */
  private static final List<String> TEXTS =
      List.of(
          "pkg:npm/a",
          "pkg:npm/a@1.0.0",
          "pkg:npm/a@1.0.0?arch=x86",
          "pkg:npm/a@2.0.0",
          "pkg:npm/A@1.0.0",
          "pkg:npm/%40scope/a@1.0.0",
          "pkg:npm/@scope/a@1.0.0",
          "pkg:npm/a?arch=x86",
          "pkg:maven/org.example/lib@1.2",
          "pkg:maven/org.example/lib",
          "pkg:deb/debian/openssl@3.0.11-1?arch=amd64&distro=bookworm",
          "pkg:deb/debian/openssl?distro=bookworm",
          "pkg:oci/app@sha256:" + HEX_A,
          "pkg:oci/app@sha256:" + HEX_A + "?repository_url=registry.example/team/app",
          "pkg:oci/app@sha256%3A" + HEX_A,
          "pkg:oci/other@sha256:" + HEX_B,
          "registry.example/team/app@sha256:" + HEX_A,
          "registry.example/team/app:1.0@sha256:" + HEX_A,
          "docker.io/library/app@sha256:" + HEX_A,
          "sha256:" + HEX_A,
          "sha256:" + HEX_B,
          HEX_A,
          HEX_A.toUpperCase(java.util.Locale.ROOT),
          "cpe:2.3:a:example:lib:1.2:*:*:*:*:*:*:*",
          "cpe:/a:example:lib:1.2",
          "https://example.com/products/app",
          "app");

  private static boolean shareAKey(ComponentMatcher m, Query q) {
    Set<String> keys = new HashSet<>();
    m.overlapKeys(keys::add);
    boolean[] shared = {false};
    q.overlapKeys(k -> shared[0] |= keys.contains(k));
    return shared[0];
  }

  private static Component random(Random r) {
    Component.Builder b = Component.builder();
    if (r.nextInt(4) != 0) {
      b.id(pick(r));
    }
    if (r.nextInt(3) == 0) {
      String t = pick(r);
      b.identifier(t.startsWith("pkg:") ? IdentifierType.PURL : IdentifierType.CPE23, t);
    }
    if (r.nextInt(3) == 0) {
      b.hash(HashAlgorithm.SHA_256, r.nextBoolean() ? HEX_A : HEX_B);
    }
    if (r.nextInt(6) == 0) {
      b.hash(HashAlgorithm.SHA1, "b".repeat(40));
    }
    try {
      return b.build();
    } catch (dev.waterline.vex.VexException e) {
      return Component.of(pick(r));
    }
  }

  private static String pick(Random r) {
    return r.nextInt(5) == 0 ? RandomPurlTexts.next(r, 0) : TEXTS.get(r.nextInt(TEXTS.size()));
  }

  @Test
  void aComponentAndAnIdentifierItMatchesAlwaysShareAKey() {
    Random r = new Random(20261207);
    List<String> queries = new ArrayList<>(TEXTS);
    for (int i = 0; i < 200; i++) {
      queries.add(RandomPurlTexts.next(r, 0));
    }
    int matched = 0;
    for (int i = 0; i < 1_500; i++) {
      Component c = random(r);
      ComponentMatcher m = ComponentMatcher.of(c);
      List<String> asked = new ArrayList<>(queries);
      asked.add(c.displayName());
      for (String text : asked) {
        Query q = Query.of(text);
        if (m.matches(q)) {
          matched++;
          assertThat(shareAKey(m, q)).as("%s matches %s", c, text).isTrue();
        }
      }
    }
    // the pool is one of near misses and matches, not of strangers
    assertThat(matched).isGreaterThan(2_000);
  }

  @Test
  void aVersionedPurlSharesNoKeyWithOtherVersionsOfItsPackage() {
    ComponentMatcher m = ComponentMatcher.of(Component.of("pkg:npm/a@1.0.0"));
    assertThat(shareAKey(m, Query.of("pkg:npm/a@2.0.0"))).isFalse();
    assertThat(shareAKey(m, Query.of("pkg:npm/a@1.0.0?arch=x86"))).isTrue();
    ComponentMatcher any = ComponentMatcher.of(Component.of("pkg:npm/a"));
    assertThat(shareAKey(any, Query.of("pkg:npm/a@2.0.0"))).isTrue();
    assertThat(shareAKey(any, Query.of("pkg:npm/b@2.0.0"))).isFalse();
  }
}

package dev.waterline.arch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.internal.io.InputKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/security.md lists every input limit with its default and the property that changes it (issue
 * 12): a kind of input added to the bounded reader, or a default changed, without the page saying
 * so fails here.
 */
class SecurityDocsTest {

  @ParameterizedTest
  @EnumSource(InputKind.class)
  void everyInputLimitIsListedWithItsDefaultAndProperty(InputKind kind) throws IOException {
    String page =
        Files.readString(Sources.root().resolve("docs/security.md"), StandardCharsets.UTF_8);
    String row =
        " | " + InputKind.describeSize(kind.defaultLimit()) + " | `" + kind.property() + "` |";
    assertThat(page)
        .as("a row of docs/security.md's input-limit table ending with%n%s", row)
        .contains(row);
  }
}

package dev.waterline.vex.workflow.internal;

import dev.waterline.vex.workflow.DecisionException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding of decision files. */
final class Text {
  private Text() {}

  /**
   * The text of UTF-8 bytes without a byte order mark.
   *
   * @throws DecisionException naming the line of the first byte that is not UTF-8
   */
  static String utf8(byte[] bytes, String source) {
    int start =
        bytes.length >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf
            ? 3
            : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      long line = 1;
      for (int i = start; i < in.position(); i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new DecisionException(
          source, line, 0, null, null, "not UTF-8 text (byte offset " + in.position() + ")");
    }
    out.flip();
    return out.toString();
  }
}

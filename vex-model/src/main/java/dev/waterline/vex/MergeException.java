package dev.waterline.vex;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A merge that cannot give a valid document: one of the statements it would keep cannot be written
 * as valid OpenVEX (a vulnerability named only by an {@code @id} that holds no well-known
 * identifier to name it by). Carries which input and where in it, so that a caller can name the
 * file.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class MergeException extends VexException {
  private static final long serialVersionUID = 1L;

  private final int input;
  private final String pointer;
  private final String detail;

  /**
   * Creates the exception.
   *
   * @param input the 0-based position of the input document in the list given to the merge
   * @param pointer RFC 6901 JSON pointer of the offending value in that document
   * @param where the input in words, e.g. {@code input 2 of 3 (document https://…)}
   * @param detail what is wrong and what to do, without the location
   */
  public MergeException(int input, String pointer, String where, String detail) {
    super("cannot merge: " + where + " at " + pointer + ": " + detail);
    this.input = input;
    this.pointer = Objects.requireNonNull(pointer, "pointer");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /** The 0-based position of the input document at fault, in the list given to the merge. */
  public int input() {
    return input;
  }

  /** The RFC 6901 JSON pointer of the offending value in that document. */
  public String pointer() {
    return pointer;
  }

  /** What is wrong and what to do, without the location. */
  public String detail() {
    return detail;
  }
}

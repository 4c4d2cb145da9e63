package dev.waterline.vex;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * An image reference, digest or {@code pkg:oci} purl that is not valid. The message names the input
 * (non-printable characters escaped, long inputs cut) and says which part is wrong.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public class ImageParseException extends VexException {
  private static final long serialVersionUID = 1L;

  private final String input;

  /**
   * An exception for {@code input}.
   *
   * @param message the whole message, naming the input
   * @param input the input as shown in the message (escaped and cut)
   */
  public ImageParseException(String message, String input) {
    super(message);
    this.input = input;
  }

  /** The input as the message shows it: non-printable characters escaped, long inputs cut. */
  public String input() {
    return input;
  }
}

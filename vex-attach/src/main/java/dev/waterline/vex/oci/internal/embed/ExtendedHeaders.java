package dev.waterline.vex.oci.internal.embed;

import dev.waterline.vex.oci.internal.embed.TarScanner.LayerException;
import org.jspecify.annotations.Nullable;

/**
 * What the extended headers before a tar entry say about it: a PAX header ({@code x}: {@code path},
 * {@code linkpath}, {@code size}) and GNU long names ({@code L}, {@code K}), for both readers
 * ({@link TarScanner}, {@code OciArchive}).
 *
 * <p>Tar implementations read some sequences of these differently, and a layer is read by more than
 * one of them: the runtime that extracts it (Docker, containerd: Go's {@code archive/tar}) and the
 * scanners and tools that look inside. A layer in which Waterline found one file and the runtime
 * extracts another is the start of a hidden-file attack, so each sequence they disagree on is
 * refused rather than read one way:
 *
 * <ul>
 *   <li>two PAX headers before one entry (Go's {@code archive/tar} and GNU tar take the last,
 *       Python's {@code tarfile} merges them);
 *   <li>a PAX {@code path} and a GNU long name that differ (Go takes the GNU name, GNU tar and
 *       Python the PAX path); likewise {@code linkpath} and a GNU long link;
 *   <li>two GNU long names (or links) in a row (Go takes the last, Python the first);
 *   <li>a PAX global header ({@code g}) after an entry's extended headers (Go ends the entry's
 *       headers there; GNU tar and Python carry them over it).
 * </ul>
 *
 * <p>An extended header's own data is always as long as its own header says: a PAX {@code size}
 * describes the entry, never the extended header after it.
 */
public final class ExtendedHeaders {
  private boolean pax;
  private @Nullable String paxPath;
  private @Nullable String paxLink;
  private long paxSize = -1;
  private @Nullable String gnuName;
  private @Nullable String gnuLink;

  /** Whether {@code type} is an extended header's (its data is metadata, not an entry). */
  public static boolean isExtension(char type) {
    return type == 'x' || type == 'g' || type == 'L' || type == 'K';
  }

  /**
   * Takes an extended header of {@code type} with its data.
   *
   * @throws LayerException when its records are malformed, or it makes a sequence that tar
   *     implementations read differently (see the class comment)
   */
  public void take(char type, byte[] data) {
    switch (type) {
      case 'x':
        if (pax) {
          throw new LayerException(
              "two PAX extended headers come before one entry, which tar implementations read"
                  + " differently (the last, or both merged)");
        }
        pax = true;
        for (String[] kv : TarHeaders.pax(data)) {
          switch (kv[0]) {
            case "path":
              paxPath = noNul("path", kv[1]);
              break;
            case "linkpath":
              paxLink = noNul("linkpath", kv[1]);
              break;
            case "size":
              paxSize = size(kv[1]);
              break;
            default:
              break;
          }
        }
        break;
      case 'g':
        TarHeaders.pax(data); // malformed records are refused as for 'x'
        if (pending()) {
          throw new LayerException(
              "a PAX global header comes between an entry's extended headers and the entry,"
                  + " which tar implementations read differently (ending them, or not)");
        }
        break;
      case 'L':
        gnuName = gnu("names", gnuName, data);
        break;
      case 'K':
        gnuLink = gnu("link names", gnuLink, data);
        break;
      default:
        throw new IllegalStateException("not an extended header type: " + type);
    }
  }

  /** The entry's size: the PAX {@code size}, else {@code headerSize} (its own header's). */
  public long size(long headerSize) {
    return paxSize >= 0 ? paxSize : headerSize;
  }

  /**
   * The entry's name before it is normalised: the PAX {@code path} or the GNU long name, else
   * {@code header}'s (its own header's).
   *
   * @throws LayerException when a PAX path and a GNU long name differ
   */
  public String name(String header) {
    return either("name", paxPath, gnuName, header);
  }

  /** The entry's link target, as {@link #name} for {@code linkpath} and the GNU long link. */
  public String link(String header) {
    return either("link target", paxLink, gnuLink, header);
  }

  /** Forgets what was taken: call once the entry they describe has been read. */
  public void clear() {
    pax = false;
    paxPath = null;
    paxLink = null;
    paxSize = -1;
    gnuName = null;
    gnuLink = null;
  }

  private boolean pending() {
    return pax || gnuName != null || gnuLink != null;
  }

  private static String either(
      String what, @Nullable String pax, @Nullable String gnu, String header) {
    // an empty GNU long name names nothing (Go's archive/tar ignores it)
    String g = gnu == null || gnu.isEmpty() ? null : gnu;
    if (pax != null && g != null && !pax.equals(g)) {
      throw new LayerException(
          "an entry's "
              + what
              + " is \""
              + TarScanner.printable(pax)
              + "\" by its PAX header and \""
              + TarScanner.printable(g)
              + "\" by its GNU long name, which tar implementations read differently");
    }
    return pax != null ? pax : g != null ? g : header;
  }

  private static String gnu(String what, @Nullable String before, byte[] data) {
    if (before != null) {
      throw new LayerException(
          "two GNU long "
              + what
              + " come before one entry, which tar implementations read differently (the first,"
              + " or the last)");
    }
    return TarHeaders.cString(data, 0, data.length);
  }

  private static String noNul(String key, String value) {
    if (value.indexOf('\0') >= 0) {
      throw new LayerException("a PAX " + key + " holds a NUL byte");
    }
    return value;
  }

  private static long size(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new LayerException("a PAX size is not a number: " + TarScanner.printable(value));
    }
  }
}

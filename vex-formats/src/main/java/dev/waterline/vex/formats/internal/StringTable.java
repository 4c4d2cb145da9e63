package dev.waterline.vex.formats.internal;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The string values of one input, each distinct value made a {@link String} once.
 *
 * <p>A dialect document names the same product ids over and over: a CSAF product id (often a purl
 * with a digest and qualifiers, or two of them for a relationship) is defined once in the product
 * tree and listed again by every status, flag, threat and remediation that concerns it; a CycloneDX
 * {@code bom-ref} likewise. Making a new string of each occurrence was most of what reading
 * allocated, and hashing it again for every lookup a good part of the time. Here the parser's
 * characters are looked up before any string is made: a value seen before is the same instance (its
 * hash computed once, equal by reference).
 *
 * <p>Hostile input cannot make this slow or large: the hash is seeded per table, a lookup probes at
 * most {@value #MAX_PROBES} slots and gives a new string when it finds neither the value nor a free
 * slot, values longer than {@value #MAX_LENGTH} characters are never looked up, and the table stops
 * taking new values at {@value #MAX_SIZE}.
 */
final class StringTable {
  static final int MAX_LENGTH = 512;
  private static final int MAX_PROBES = 8;
  private static final int MAX_SIZE = 1 << 21;

  private final int seed = ThreadLocalRandom.current().nextInt() | 1;
  private String[] strings = new String[1 << 10];
  private int[] hashes = new int[1 << 10];
  private int size;

  /**
   * The text of the parser's current string value (or field name), as {@link JsonParser#getText()}
   * gives it: the same instance for equal values.
   */
  String text(JsonParser p) throws IOException {
    int len = p.getTextLength();
    if (len > MAX_LENGTH) {
      return p.getText();
    }
    return get(p.getTextCharacters(), p.getTextOffset(), len);
  }

  /** The string of {@code len} characters of {@code chars} from {@code off}. */
  String get(char[] chars, int off, int len) {
    int h = hash(chars, off, len);
    String[] table = strings;
    int mask = table.length - 1;
    int i = h & mask;
    for (int probe = 0; probe < MAX_PROBES; probe++) {
      String s = table[i];
      if (s == null) {
        s = new String(chars, off, len);
        if (size < MAX_SIZE) {
          table[i] = s;
          hashes[i] = h;
          if (++size * 2 > table.length) {
            grow();
          }
        }
        return s;
      }
      if (hashes[i] == h && same(s, chars, off, len)) {
        return s;
      }
      i = (i + 1) & mask;
    }
    return new String(chars, off, len);
  }

  /** How many distinct values the table holds. */
  int size() {
    return size;
  }

  private int hash(char[] chars, int off, int len) {
    int h = seed ^ len;
    for (int i = off, end = off + len; i < end; i++) {
      h = (h + chars[i]) * 0x9E3779B1;
    }
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    return h ^ (h >>> 13);
  }

  private static boolean same(String s, char[] chars, int off, int len) {
    if (s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (s.charAt(i) != chars[off + i]) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    String[] oldStrings = strings;
    int[] oldHashes = hashes;
    String[] table = new String[oldStrings.length * 2];
    int[] hs = new int[table.length];
    int mask = table.length - 1;
    int kept = 0;
    for (int j = 0; j < oldStrings.length; j++) {
      String s = oldStrings[j];
      if (s == null) {
        continue;
      }
      int h = oldHashes[j];
      int i = h & mask;
      for (int probe = 0; probe < MAX_PROBES; probe++) {
        if (table[i] == null) {
          table[i] = s;
          hs[i] = h;
          kept++;
          break;
        }
        i = (i + 1) & mask;
      }
    }
    strings = table;
    hashes = hs;
    size = kept;
  }
}

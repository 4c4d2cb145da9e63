package dev.waterline.vex.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds repeated statements in a stream of them without keeping them: each statement is reduced to
 * 128 bits of a SHA-256 digest of a canonical form that two trees share exactly when {@link
 * JsonNode#equals} calls them equal (members of an object in any order, numbers of the same node
 * type and value), and only the digests are kept, 16 bytes a statement in an open-addressing table.
 * SHA-256 rather than a faster hash so that nobody can write two different statements that are
 * reported as duplicates.
 */
final class StatementDigests {
  private static final int TAG_OBJECT = 'O';
  private static final int TAG_ARRAY = 'A';
  private static final int TAG_STRING = 'S';
  private static final int TAG_OTHER = 'X';

  private final MessageDigest sha256;
  private final ByteBuffer scratch = ByteBuffer.allocate(8);
  private byte[] chars = new byte[256];
  private long[] table = new long[2 * 1024];
  private int size;

  StatementDigests() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Adds a statement's digest; false when an equal statement was added before. */
  boolean add(JsonNode statement) {
    sha256.reset();
    feed(statement);
    ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
    long hi = digest.getLong();
    long lo = digest.getLong();
    if (hi == 0 && lo == 0) {
      lo = 1; // (0, 0) marks a free slot; a digest this rare may share its slot's meaning
    }
    if (2 * (size + 1) > table.length / 2) {
      grow();
    }
    return insert(table, hi, lo);
  }

  private boolean insert(long[] into, long hi, long lo) {
    int slots = into.length / 2;
    int i = (int) (lo & (slots - 1));
    while (into[2 * i] != 0 || into[2 * i + 1] != 0) {
      if (into[2 * i] == hi && into[2 * i + 1] == lo) {
        return false;
      }
      i = (i + 1) & (slots - 1);
    }
    into[2 * i] = hi;
    into[2 * i + 1] = lo;
    if (into == table) {
      size++;
    }
    return true;
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0 || old[i + 1] != 0) {
        insert(table, old[i], old[i + 1]);
      }
    }
  }

  /** The canonical form, fed to the digest: a tag, then a length or count, then the content. */
  private void feed(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      members.sort(Map.Entry.comparingByKey());
      tag(TAG_OBJECT, members.size());
      for (Map.Entry<String, JsonNode> m : members) {
        text(m.getKey());
        feed(m.getValue());
      }
    } else if (node.isArray()) {
      tag(TAG_ARRAY, node.size());
      for (JsonNode item : node) {
        feed(item);
      }
    } else if (node.isTextual()) {
      tag(TAG_STRING, 0);
      text(node.textValue());
    } else {
      // Numbers, booleans, null: equal only within one node type (an IntNode never equals a
      // LongNode), so the type is part of the form, then the value in a form equal exactly when
      // the node type's equals says so.
      tag(TAG_OTHER, 0);
      text(node.getClass().getName());
      text(otherValue(node));
    }
  }

  private static String otherValue(JsonNode node) {
    if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
      return Long.toString(Double.doubleToLongBits(node.doubleValue()));
    }
    if (node.isBigDecimal()) {
      BigDecimal d = node.decimalValue();
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toString();
    }
    return node.asText();
  }

  private void tag(int tag, int count) {
    scratch.clear();
    scratch.putInt(tag).putInt(count);
    sha256.update(scratch.array(), 0, 8);
  }

  /** A string as its UTF-16 code units, so that no two strings (lone surrogates too) collide. */
  private void text(String s) {
    scratch.clear();
    scratch.putInt(s.length());
    sha256.update(scratch.array(), 0, 4);
    if (chars.length < 2 * s.length()) {
      chars = new byte[Math.max(2 * s.length(), 2 * chars.length)];
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      chars[2 * i] = (byte) (c >>> 8);
      chars[2 * i + 1] = (byte) c;
    }
    sha256.update(chars, 0, 2 * s.length());
  }
}

package dev.waterline.vex.oci.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Strict OCI JSON: parsing with size, depth and count limits and errors that name the source (a
 * digest, a tag, a file) and an RFC 6901 pointer; writing compact JSON in one fixed field order so
 * that the same value always has the same digest.
 *
 * <p>Field order written: manifest {@code schemaVersion, mediaType, artifactType, config, layers,
 * subject, annotations}; index {@code schemaVersion, mediaType, artifactType, manifests, subject,
 * annotations}; descriptor {@code mediaType, digest, size, artifactType, urls, data, platform,
 * annotations}; annotations sorted by key. Fields the model does not know (at the top level, in
 * descriptors and in platforms) are ignored for meaning, as the image spec requires, but kept and
 * written back after the known ones in the order read, with their values unchanged (numbers are
 * read as exact decimals), so that rewriting another tool's manifest or index loses nothing.
 */
public final class OciJson {
  /** The largest manifest or index read (the distribution spec's 4 MiB). */
  public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  /** The most layers accepted in one manifest. */
  public static final int MAX_LAYERS = 1000;

  /** The most entries accepted in one index. */
  public static final int MAX_INDEX_ENTRIES = 10_000;

  private static final Set<String> MANIFEST_FIELDS =
      Set.of(
          "schemaVersion",
          "mediaType",
          "artifactType",
          "config",
          "layers",
          "subject",
          "annotations");
  private static final Set<String> INDEX_FIELDS =
      Set.of("schemaVersion", "mediaType", "artifactType", "manifests", "subject", "annotations");
  private static final Set<String> DESCRIPTOR_FIELDS =
      Set.of(
          "mediaType", "digest", "size", "artifactType", "urls", "data", "platform", "annotations");
  private static final Set<String> PLATFORM_FIELDS =
      Set.of("architecture", "os", "variant", "os.version", "os.features");

  private OciJson() {}

  /**
   * Parses any JSON document into a tree (for attestation payloads and config blobs).
   *
   * @param what a description of the input for messages, e.g. {@code "blob sha256:… (oci:/x)"}
   */
  public static JsonNode tree(byte[] json, String what) {
    return tree(false, json, what, null);
  }

  /**
   * Parses a JSON document that is to be changed and written back (a config blob): like {@link
   * #tree}, with floating-point numbers kept exactly as read. Do not compute with its numbers.
   */
  public static JsonNode exactTree(byte[] json, String what) {
    return tree(true, json, what, null);
  }

  private static JsonNode tree(byte[] json, String what, @Nullable Digest digest) {
    return tree(true, json, what, digest);
  }

  private static JsonNode tree(boolean exact, byte[] json, String what, @Nullable Digest digest) {
    try {
      return exact
          ? dev.waterline.vex.internal.json.Json.readExactTree(json)
          : dev.waterline.vex.internal.json.Json.readTree(json);
    } catch (VexParseException e) {
      String where = e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : "";
      String at = e.pointer().isEmpty() ? "" : " at " + e.pointer();
      throw new OciException(
          what + " is not valid JSON" + where + at + ": " + e.detail(),
          null,
          str(digest),
          e.pointer(),
          e);
    }
  }

  private static @Nullable String str(@Nullable Digest d) {
    return d == null ? null : d.toString();
  }

  /**
   * Parses an image manifest.
   *
   * @param what the source for messages, e.g. {@code "manifest sha256:… in oci:/x"}
   * @param digest the digest of the bytes, if known (it goes into the exception)
   */
  public static ImageManifest parseManifest(byte[] json, String what, @Nullable Digest digest) {
    Reader r = new Reader(what + " is not a valid OCI image manifest", digest);
    checkSize(json, what, digest);
    JsonNode root = tree(json, what, digest);
    r.object(root, "");
    r.schemaVersion(root);
    String mediaType = r.mediaType(root, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
    if (root.has("manifests")) {
      throw r.fail("/manifests", "an image manifest has no \"manifests\" (is it an index?)");
    }
    String artifactType = r.optionalString(root, "", "artifactType");
    JsonNode configNode = root.get("config");
    if (configNode == null) {
      throw r.fail("/config", "the required \"config\" descriptor is missing");
    }
    Descriptor config = r.descriptor(configNode, "/config");
    List<Descriptor> layers = new ArrayList<>();
    JsonNode layersNode = root.get("layers");
    if (layersNode != null && !layersNode.isNull()) {
      r.array(layersNode, "/layers");
      if (layersNode.size() > MAX_LAYERS) {
        throw r.fail(
            "/layers",
            "has " + layersNode.size() + " layers, more than the limit of " + MAX_LAYERS);
      }
      for (int i = 0; i < layersNode.size(); i++) {
        layers.add(r.descriptor(layersNode.get(i), "/layers/" + i));
      }
    }
    Descriptor subject = r.optionalDescriptor(root, "subject");
    Map<String, String> annotations = r.annotations(root, "");
    return new ImageManifest(
        mediaType,
        artifactType,
        config,
        layers,
        subject,
        annotations,
        unknown(root, MANIFEST_FIELDS),
        root.has("mediaType"));
  }

  /**
   * Parses an image index; see {@link #parseManifest}. Every entry must be a descriptor Waterline
   * can use.
   */
  public static ImageIndex parseIndex(byte[] json, String what, @Nullable Digest digest) {
    return parseIndex(json, what, digest, false);
  }

  /**
   * Parses an image index that Waterline will rewrite or only search (a referrers tag schema index,
   * a layout's {@code index.json}): an entry of {@code manifests} that is not a usable descriptor
   * (an unsupported digest algorithm, a missing size, …) does not fail the parse but is kept in
   * {@link ImageIndex#unreadable()} with the reason, and written back unchanged. Everything else is
   * checked as strictly as in {@link #parseIndex}.
   */
  public static ImageIndex parseIndexKeepingUnreadable(
      byte[] json, String what, @Nullable Digest digest) {
    return parseIndex(json, what, digest, true);
  }

  private static ImageIndex parseIndex(
      byte[] json, String what, @Nullable Digest digest, boolean keepUnreadable) {
    Reader r = new Reader(what + " is not a valid OCI image index", digest);
    checkSize(json, what, digest);
    JsonNode root = tree(json, what, digest);
    r.object(root, "");
    r.schemaVersion(root);
    String mediaType = r.mediaType(root, MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST);
    if (root.has("config") || root.has("layers")) {
      throw r.fail(
          root.has("config") ? "/config" : "/layers",
          "an image index has no \"config\" or \"layers\" (is it a manifest?)");
    }
    JsonNode list = root.get("manifests");
    if (list == null) {
      throw r.fail("/manifests", "the required \"manifests\" list is missing");
    }
    r.array(list, "/manifests");
    if (list.size() > MAX_INDEX_ENTRIES) {
      throw r.fail(
          "/manifests",
          "has " + list.size() + " entries, more than the limit of " + MAX_INDEX_ENTRIES);
    }
    List<Descriptor> manifests = new ArrayList<>();
    List<ImageIndex.Unreadable> unreadable = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      try {
        manifests.add(r.descriptor(list.get(i), "/manifests/" + i));
      } catch (OciException e) {
        if (!keepUnreadable) {
          throw e;
        }
        unreadable.add(new ImageIndex.Unreadable(i, list.get(i), String.valueOf(e.getMessage())));
      }
    }
    String artifactType = r.optionalString(root, "", "artifactType");
    Descriptor subject = r.optionalDescriptor(root, "subject");
    return new ImageIndex(
        mediaType,
        artifactType,
        manifests,
        subject,
        r.annotations(root, ""),
        unknown(root, INDEX_FIELDS),
        root.has("mediaType"),
        unreadable);
  }

  /** The fields of {@code object} not in {@code known}, in order (values not copied). */
  private static Map<String, JsonNode> unknown(JsonNode object, Set<String> known) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (!known.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /**
   * An unmodifiable copy, in order, of deep copies of the values (for the model's constructors).
   */
  static Map<String, JsonNode> copyFields(Map<String, JsonNode> fields) {
    if (fields.isEmpty()) {
      return Map.of();
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
      out.put(e.getKey(), e.getValue().deepCopy());
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The media type a manifest or index declares; if it declares none, {@code index} when it has
   * {@code manifests}, else {@code manifest}.
   */
  public static String declaredMediaType(byte[] json, String what, @Nullable Digest digest) {
    checkSize(json, what, digest);
    JsonNode root = tree(json, what, digest);
    if (!root.isObject()) {
      throw new OciException(
          what + " is not a manifest or index: expected a JSON object",
          null,
          str(digest),
          "",
          null);
    }
    JsonNode mt = root.get("mediaType");
    if (mt != null && mt.isTextual()) {
      return mt.asText();
    }
    return root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
  }

  private static void checkSize(byte[] json, String what, @Nullable Digest digest) {
    if (json.length > MAX_MANIFEST_BYTES) {
      throw new OciException(
          what
              + " is "
              + json.length
              + " bytes, more than the limit of "
              + MAX_MANIFEST_BYTES
              + " bytes for a manifest",
          null,
          str(digest),
          "",
          null);
    }
  }

  /** The compact, deterministic bytes of a manifest. */
  public static byte[] write(ImageManifest m) {
    return generate(
        g -> {
          g.writeStartObject();
          g.writeNumberField("schemaVersion", 2);
          if (m.mediaTypeDeclared()) {
            g.writeStringField("mediaType", m.mediaType());
          }
          if (m.artifactType() != null) {
            g.writeStringField("artifactType", m.artifactType());
          }
          g.writeFieldName("config");
          descriptor(g, m.config());
          g.writeArrayFieldStart("layers");
          for (Descriptor d : m.layers()) {
            descriptor(g, d);
          }
          g.writeEndArray();
          if (m.subject() != null) {
            g.writeFieldName("subject");
            descriptor(g, m.subject());
          }
          annotations(g, m.annotations());
          unknownFields(g, m.unknownFields());
          g.writeEndObject();
        });
  }

  /** The compact, deterministic bytes of an index. */
  public static byte[] write(ImageIndex index) {
    return generate(
        g -> {
          g.writeStartObject();
          g.writeNumberField("schemaVersion", 2);
          if (index.mediaTypeDeclared()) {
            g.writeStringField("mediaType", index.mediaType());
          }
          if (index.artifactType() != null) {
            g.writeStringField("artifactType", index.artifactType());
          }
          g.writeArrayFieldStart("manifests");
          List<Object> entries = new ArrayList<>(index.manifests());
          List<ImageIndex.Unreadable> kept = new ArrayList<>(index.unreadable());
          kept.sort(Comparator.comparingInt(ImageIndex.Unreadable::position));
          for (ImageIndex.Unreadable u : kept) {
            entries.add(Math.min(u.position(), entries.size()), u);
          }
          for (Object e : entries) {
            if (e instanceof Descriptor) {
              descriptor(g, (Descriptor) e);
            } else {
              g.writeTree(((ImageIndex.Unreadable) e).json());
            }
          }
          g.writeEndArray();
          if (index.subject() != null) {
            g.writeFieldName("subject");
            descriptor(g, index.subject());
          }
          annotations(g, index.annotations());
          unknownFields(g, index.unknownFields());
          g.writeEndObject();
        });
  }

  /** Compact bytes of a flat object of strings, in the order given (for small fixed files). */
  public static byte[] writeStrings(Map<String, String> fields) {
    return generate(
        g -> {
          g.writeStartObject();
          for (Map.Entry<String, String> e : fields.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
          }
          g.writeEndObject();
        });
  }

  /** Writes with a generator; for callers with their own fixed shapes. */
  public static byte[] generate(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = dev.waterline.vex.internal.json.Json.factory().createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw Failures.writing("JSON", e);
    }
    return out.toByteArray();
  }

  /** A piece of JSON writing. */
  @FunctionalInterface
  public interface Body {
    /** Writes into {@code g}. */
    void write(JsonGenerator g) throws IOException;
  }

  private static void descriptor(JsonGenerator g, Descriptor d) throws IOException {
    g.writeStartObject();
    g.writeStringField("mediaType", d.mediaType());
    g.writeStringField("digest", d.digest().toString());
    g.writeNumberField("size", d.size());
    if (d.artifactType().isPresent()) {
      g.writeStringField("artifactType", d.artifactType().get());
    }
    if (!d.urls().isEmpty()) {
      g.writeArrayFieldStart("urls");
      for (String u : d.urls()) {
        g.writeString(u);
      }
      g.writeEndArray();
    }
    if (d.data().isPresent()) {
      g.writeStringField("data", Base64.getEncoder().encodeToString(d.data().get()));
    }
    if (d.platform().isPresent()) {
      Platform p = d.platform().get();
      g.writeObjectFieldStart("platform");
      g.writeStringField("architecture", p.architecture());
      g.writeStringField("os", p.os());
      if (p.osVersion() != null) {
        g.writeStringField("os.version", p.osVersion());
      }
      if (!p.osFeatures().isEmpty()) {
        g.writeArrayFieldStart("os.features");
        for (String f : p.osFeatures()) {
          g.writeString(f);
        }
        g.writeEndArray();
      }
      if (p.variant() != null) {
        g.writeStringField("variant", p.variant());
      }
      unknownFields(g, p.unknownFields());
      g.writeEndObject();
    }
    annotations(g, d.annotations());
    unknownFields(g, d.unknownFields());
    g.writeEndObject();
  }

  private static void unknownFields(JsonGenerator g, Map<String, JsonNode> fields)
      throws IOException {
    for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
      g.writeFieldName(e.getKey());
      g.writeTree(e.getValue());
    }
  }

  private static void annotations(JsonGenerator g, Map<String, String> annotations)
      throws IOException {
    if (annotations.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart("annotations");
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  /** Walks a tree and fails with pointer and digest. */
  private static final class Reader {
    private final String prefix;
    private final @Nullable Digest digest;

    Reader(String prefix, @Nullable Digest digest) {
      this.prefix = prefix;
      this.digest = digest;
    }

    OciException fail(String pointer, String detail) {
      return new OciException(
          prefix + " at " + (pointer.isEmpty() ? "/" : pointer) + ": " + detail,
          null,
          str(digest),
          pointer,
          null);
    }

    void object(JsonNode node, String pointer) {
      if (!node.isObject()) {
        throw fail(pointer, "expected an object but was " + kind(node));
      }
    }

    void array(JsonNode node, String pointer) {
      if (!node.isArray()) {
        throw fail(pointer, "expected an array but was " + kind(node));
      }
    }

    void schemaVersion(JsonNode root) {
      JsonNode v = root.get("schemaVersion");
      if (v == null) {
        throw fail("/schemaVersion", "the required \"schemaVersion\" is missing");
      }
      if (!v.isIntegralNumber() || v.asLong() != 2) {
        throw fail("/schemaVersion", "expected 2 but was " + v);
      }
    }

    /**
     * The document's {@code mediaType}: {@code oci} when absent (the OCI spec makes it optional),
     * else one of the two accepted values.
     */
    String mediaType(JsonNode root, String oci, String docker) {
      String mediaType = optionalString(root, "", "mediaType");
      if (mediaType == null) {
        return oci;
      }
      if (!mediaType.equals(oci) && !mediaType.equals(docker)) {
        throw fail(
            "/mediaType", "expected " + oci + " or " + docker + " but was \"" + mediaType + "\"");
      }
      return mediaType;
    }

    @Nullable String optionalString(JsonNode parent, String pointer, String field) {
      JsonNode v = parent.get(field);
      if (v == null) {
        return null;
      }
      if (!v.isTextual()) {
        throw fail(pointer + "/" + escape(field), "expected a string but was " + kind(v));
      }
      return v.asText();
    }

    String requiredString(JsonNode parent, String pointer, String field) {
      String v = optionalString(parent, pointer, field);
      if (v == null) {
        throw fail(pointer + "/" + escape(field), "the required \"" + field + "\" is missing");
      }
      return v;
    }

    @Nullable Descriptor optionalDescriptor(JsonNode root, String field) {
      JsonNode node = root.get(field);
      return node == null || node.isNull() ? null : descriptor(node, "/" + field);
    }

    Descriptor descriptor(JsonNode node, String pointer) {
      object(node, pointer);
      String mediaType = requiredString(node, pointer, "mediaType");
      if (mediaType.isEmpty()) {
        throw fail(pointer + "/mediaType", "the media type is empty");
      }
      String digestText = requiredString(node, pointer, "digest");
      Digest d;
      try {
        d = Digest.parse(digestText);
      } catch (OciException e) {
        throw fail(pointer + "/digest", String.valueOf(e.getMessage()));
      }
      JsonNode sizeNode = node.get("size");
      if (sizeNode == null) {
        throw fail(pointer + "/size", "the required \"size\" is missing");
      }
      if (!sizeNode.isIntegralNumber() || !sizeNode.canConvertToLong() || sizeNode.asLong() < 0) {
        throw fail(pointer + "/size", "expected a non-negative integer but was " + sizeNode);
      }
      String artifactType = optionalString(node, pointer, "artifactType");
      List<String> urls = new ArrayList<>();
      JsonNode urlsNode = node.get("urls");
      if (urlsNode != null) {
        array(urlsNode, pointer + "/urls");
        for (int i = 0; i < urlsNode.size(); i++) {
          if (!urlsNode.get(i).isTextual()) {
            throw fail(
                pointer + "/urls/" + i, "expected a string but was " + kind(urlsNode.get(i)));
          }
          urls.add(urlsNode.get(i).asText());
        }
      }
      byte[] data = null;
      String dataText = optionalString(node, pointer, "data");
      if (dataText != null) {
        try {
          data = Base64.getDecoder().decode(dataText);
        } catch (IllegalArgumentException e) {
          throw fail(pointer + "/data", "not valid base64: " + e.getMessage());
        }
        if (data.length != sizeNode.asLong() || !d.matches(data)) {
          throw fail(pointer + "/data", "the embedded data does not match size and digest " + d);
        }
      }
      Platform platform = null;
      JsonNode p = node.get("platform");
      if (p != null) {
        String pp = pointer + "/platform";
        object(p, pp);
        List<String> features = new ArrayList<>();
        JsonNode f = p.get("os.features");
        if (f != null) {
          array(f, pp + "/os.features");
          for (int i = 0; i < f.size(); i++) {
            if (!f.get(i).isTextual()) {
              throw fail(pp + "/os.features/" + i, "expected a string");
            }
            features.add(f.get(i).asText());
          }
        }
        platform =
            new Platform(
                requiredString(p, pp, "architecture"),
                requiredString(p, pp, "os"),
                optionalString(p, pp, "variant"),
                optionalString(p, pp, "os.version"),
                features,
                unknown(p, PLATFORM_FIELDS));
      }
      return Descriptor.of(
          mediaType,
          d,
          sizeNode.asLong(),
          artifactType,
          urls,
          annotations(node, pointer),
          data,
          platform,
          unknown(node, DESCRIPTOR_FIELDS));
    }

    Map<String, String> annotations(JsonNode parent, String pointer) {
      JsonNode a = parent.get("annotations");
      Map<String, String> out = new LinkedHashMap<>();
      if (a == null || a.isNull()) {
        return out;
      }
      String ap = pointer + "/annotations";
      object(a, ap);
      for (Map.Entry<String, JsonNode> e : a.properties()) {
        if (!e.getValue().isTextual()) {
          throw fail(
              ap + "/" + escape(e.getKey()), "expected a string but was " + kind(e.getValue()));
        }
        out.put(e.getKey(), e.getValue().asText());
      }
      return out;
    }
  }

  /** RFC 6901 escaping of one reference token. */
  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String kind(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number (" + node + ")";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    return "null";
  }
}

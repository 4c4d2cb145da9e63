package dev.waterline.vex.formats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How to write a document: the dialect, and the few choices a dialect leaves open. Immutable; start
 * from {@link #of(VexFormat)} and change one thing at a time with the {@code with…} methods.
 *
 * <pre>{@code
 * WriteOptions.of(VexFormat.CYCLONEDX).withCycloneDxVersion("1.5");
 * WriteOptions.of(VexFormat.CSAF).withCsafPublisherNamespace("https://psirt.acme.example");
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class WriteOptions {
  /** The CycloneDX versions Waterline writes. */
  public static final List<String> CYCLONEDX_VERSIONS = List.of("1.4", "1.5", "1.6", "1.7");

  /** The CycloneDX version written unless another is asked for. */
  public static final String DEFAULT_CYCLONEDX_VERSION = "1.6";

  private final VexFormat format;
  private final String cycloneDxVersion;
  private final @Nullable String csafPublisherNamespace;

  private WriteOptions(
      VexFormat format, String cycloneDxVersion, @Nullable String csafPublisherNamespace) {
    this.format = Objects.requireNonNull(format, "format");
    this.cycloneDxVersion = cycloneDxVersion;
    this.csafPublisherNamespace = csafPublisherNamespace;
  }

  /** Defaults for one dialect: CycloneDX {@value #DEFAULT_CYCLONEDX_VERSION}, namespace derived. */
  public static WriteOptions of(VexFormat format) {
    return new WriteOptions(format, DEFAULT_CYCLONEDX_VERSION, null);
  }

  /** The dialect to write. */
  public VexFormat format() {
    return format;
  }

  /** The CycloneDX {@code specVersion} written (for {@link VexFormat#CYCLONEDX}). */
  public String cycloneDxVersion() {
    return cycloneDxVersion;
  }

  /**
   * The CSAF {@code publisher.namespace} (a URL the publisher controls), if given. Without it the
   * writer derives one from the author's e-mail domain or the document's {@code @id}.
   */
  public Optional<String> csafPublisherNamespace() {
    return Optional.ofNullable(csafPublisherNamespace);
  }

  /** These options for another dialect. */
  public WriteOptions withFormat(VexFormat format) {
    return new WriteOptions(format, cycloneDxVersion, csafPublisherNamespace);
  }

  /**
   * These options with another CycloneDX version.
   *
   * @throws VexException unless the version is one of {@link #CYCLONEDX_VERSIONS}
   */
  public WriteOptions withCycloneDxVersion(String version) {
    if (!CYCLONEDX_VERSIONS.contains(version)) {
      throw new VexException(
          "CycloneDX version: expected one of "
              + CYCLONEDX_VERSIONS
              + " but was '"
              + version
              + "'");
    }
    return new WriteOptions(format, version, csafPublisherNamespace);
  }

  /**
   * These options with a CSAF publisher namespace.
   *
   * @throws VexException unless it is an absolute URI
   */
  public WriteOptions withCsafPublisherNamespace(String namespace) {
    try {
      if (!new URI(namespace).isAbsolute()) {
        throw new VexException(
            "CSAF publisher namespace: expected an absolute URI but was '" + namespace + "'");
      }
    } catch (URISyntaxException e) {
      throw new VexException(
          "CSAF publisher namespace: expected an absolute URI but was '" + namespace + "'", e);
    }
    return new WriteOptions(format, cycloneDxVersion, namespace);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof WriteOptions
        && format == ((WriteOptions) o).format
        && cycloneDxVersion.equals(((WriteOptions) o).cycloneDxVersion)
        && Objects.equals(csafPublisherNamespace, ((WriteOptions) o).csafPublisherNamespace);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, cycloneDxVersion, csafPublisherNamespace);
  }

  /** For example {@code WriteOptions[cyclonedx 1.6]}. */
  @Override
  public String toString() {
    String s = "WriteOptions[" + format;
    if (format == VexFormat.CYCLONEDX) {
      s += " " + cycloneDxVersion;
    }
    if (csafPublisherNamespace != null) {
      s += ", namespace " + csafPublisherNamespace;
    }
    return s + "]";
  }
}

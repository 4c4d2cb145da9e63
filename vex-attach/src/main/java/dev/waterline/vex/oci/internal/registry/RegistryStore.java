package dev.waterline.vex.oci.internal.registry;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.ReferrersListing;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.oci.internal.store.TagConflictException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One repository of a registry as an {@link OciStore}.
 *
 * <p>Requests: {@code hasBlob} HEAD; {@code blob} GET (redirects followed without credentials);
 * {@code putBlob} one {@code POST …/blobs/uploads/?mount=<d>&from=<this repository>} (201: the blob
 * is there already; 202: an upload session) then a monolithic {@code PUT <Location>&digest=} as
 * {@code application/octet-stream}; blobs seen present are remembered; {@code manifest} GET with
 * the OCI and Docker {@code Accept} list; {@code putManifest} PUT; {@code putManifestIfCurrent} PUT
 * with {@code If-Match} (or {@code If-None-Match: *}), 412 is a {@link TagConflictException};
 * {@code tags} the paged tag list ({@code Link}; names that are not valid tags are skipped);
 * referrers API probed once per registry client.
 *
 * <p>Every call is one operation of the client ({@link RegistryClient#guard}: one deadline and
 * retry budget, unless it is part of a larger operation such as a fetch) and whatever it throws is
 * scrubbed of secrets and raw server text.
 */
public final class RegistryStore implements OciStore {
  /** The manifest media types a GET accepts (2.8.2 hides OCI manifests from other Accepts). */
  static final String MANIFEST_ACCEPT =
      String.join(
          ", ",
          MediaTypes.OCI_MANIFEST,
          MediaTypes.OCI_INDEX,
          MediaTypes.DOCKER_MANIFEST,
          MediaTypes.DOCKER_MANIFEST_LIST);

  private static final Set<String> MANIFEST_TYPES =
      Set.of(
          MediaTypes.OCI_MANIFEST,
          MediaTypes.OCI_INDEX,
          MediaTypes.DOCKER_MANIFEST,
          MediaTypes.DOCKER_MANIFEST_LIST);
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");
  private static final int MAX_REDIRECTS = 5;
  private static final int MAX_UPLOAD_ATTEMPTS = 3;
  private static final int MAX_PAGES = 1000;
  private static final int BLOB_UNKNOWN_RETRIES = 3;
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  private final RegistryClient client;
  private final String repository;
  private final Set<Digest> present = ConcurrentHashMap.newKeySet();
  private final ReentrantLock lock = new ReentrantLock();

  RegistryStore(RegistryClient client, String repository) {
    this.client = client;
    this.repository = repository;
  }

  /** The repository name. */
  public String repository() {
    return repository;
  }

  /** The client (and its request counter). */
  public RegistryClient client() {
    return client;
  }

  @Override
  public String describe() {
    return client.registry() + "/" + repository;
  }

  private String v2(String rest) {
    return "/v2/" + repository + "/" + rest;
  }

  @Override
  public boolean hasBlob(Digest digest) {
    return client.guard(() -> checkBlob(digest));
  }

  private boolean checkBlob(Digest digest) {
    if (present.contains(digest)) {
      return true;
    }
    String action = "checking for the blob " + digest;
    Response r =
        client.send(
            Request.of("HEAD", v2("blobs/" + digest), repository).about(action, digest.toString()));
    if (r.status() == 200) {
      present.add(digest);
      return true;
    }
    if (r.status() == 404) {
      return false;
    }
    throw client.failure(r, action, repository, digest.toString());
  }

  @Override
  public Optional<byte[]> blob(Digest digest) {
    return client.guard(() -> readBlob(digest));
  }

  private Optional<byte[]> readBlob(Digest digest) {
    long limit = client.config().maxBlobBytes();
    String action = "reading the blob " + digest;
    Request req =
        Request.of("GET", v2("blobs/" + digest), repository)
            .maxBody(limit)
            .about(action, digest.toString());
    Response r = client.send(req);
    for (int i = 0; i < MAX_REDIRECTS && isRedirect(r.status()); i++) {
      String location = r.header("Location").orElse(null);
      if (location == null) {
        break;
      }
      // Storage backends get no registry credentials.
      r =
          client.send(
              Request.of("GET", client.resolve(r.uri(), location), repository)
                  .maxBody(limit)
                  .withoutAuth()
                  .about(action, digest.toString()));
    }
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (r.status() != 200) {
      throw client.failure(r, action, repository, digest.toString());
    }
    checkDigest("blob", digest, r.body());
    present.add(digest);
    return Optional.of(r.body());
  }

  private boolean blobUnknown(Response r) {
    return r.status() == 400 && client.errors().hasErrorCode(r.body(), "MANIFEST_BLOB_UNKNOWN");
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private void checkDigest(String kind, Digest expected, byte[] content) {
    Digest actual = expected.recompute(content);
    if (!actual.equals(expected)) {
      throw new OciException(
          "the "
              + kind
              + " "
              + expected
              + " read from "
              + describe()
              + " has the digest "
              + actual
              + ": the content was changed or corrupted in transit, so it is rejected",
          describe() + "@" + expected,
          expected.toString(),
          null,
          null);
    }
  }

  @Override
  public Digest putBlob(byte[] content) {
    return client.guard(() -> uploadBlob(content));
  }

  private Digest uploadBlob(byte[] content) {
    Digest digest = Digest.of(content);
    if (present.contains(digest)) {
      return digest;
    }
    Response last = null;
    for (int attempt = 1; attempt <= MAX_UPLOAD_ATTEMPTS; attempt++) {
      String enc = URLEncoder.encode(repository, StandardCharsets.UTF_8);
      String start = "starting the upload of the blob " + digest;
      Response post =
          client.send(
              Request.of("POST", v2("blobs/uploads/?mount=" + digest + "&from=" + enc), repository)
                  .about(start, digest.toString()));
      if (post.status() == 201) {
        present.add(digest);
        return digest;
      }
      if (post.status() != 202) {
        throw client.failure(post, start, repository, digest.toString());
      }
      String location =
          post.header("Location")
              .orElseThrow(
                  () ->
                      new OciException(
                          "the registry "
                              + client.registry()
                              + " started an upload in "
                              + describe()
                              + " without a Location header"));
      String url = client.resolve(post.uri(), location);
      url += (url.contains("?") ? "&" : "?") + "digest=" + digest;
      Response put =
          client.send(
              Request.of("PUT", url, repository)
                  .body(content, "application/octet-stream")
                  .about("uploading the blob " + digest, digest.toString()));
      if (put.status() == 201) {
        Optional<String> echoed = put.header("Docker-Content-Digest");
        if (echoed.isPresent() && !echoed.get().equals(digest.toString())) {
          throw new OciException(
              "the registry stored the blob "
                  + digest
                  + " in "
                  + describe()
                  + " as "
                  + client.errors().serverText(echoed.get()),
              describe(),
              digest.toString(),
              null,
              null);
        }
        present.add(digest);
        return digest;
      }
      last = put;
      if (put.status() != 404 && put.status() < 500) {
        break; // not a lost session: a real refusal
      }
      if (attempt < MAX_UPLOAD_ATTEMPTS) {
        client.pause(Duration.ZERO, "uploading the blob " + digest + " to " + describe());
      }
    }
    throw client.failure(
        java.util.Objects.requireNonNull(last),
        "uploading the blob " + digest,
        repository,
        digest.toString());
  }

  @Override
  public Optional<StoredManifest> manifest(String tagOrDigest) {
    return client.guard(() -> readManifest(tagOrDigest));
  }

  private Optional<StoredManifest> readManifest(String tagOrDigest) {
    String action = "reading the manifest " + tagOrDigest;
    Response r =
        client.send(
            Request.of("GET", v2("manifests/" + tagOrDigest), repository)
                .header("Accept", MANIFEST_ACCEPT)
                .maxBody(OciJson.MAX_MANIFEST_BYTES)
                .about(action, tagOrDigest));
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (r.status() != 200) {
      throw client.failure(r, action, repository, tagOrDigest);
    }
    byte[] body = r.body();
    Digest digest;
    if (Digest.isDigest(tagOrDigest)) {
      digest = Digest.parse(tagOrDigest);
      checkDigest("manifest", digest, body);
    } else {
      digest = Digest.of(body);
      Optional<String> echoed = r.header("Docker-Content-Digest");
      if (echoed.isPresent()
          && Digest.isDigest(echoed.get())
          && !Digest.parse(echoed.get()).matches(body)) {
        throw new OciException(
            "the manifest tagged "
                + tagOrDigest
                + " in "
                + describe()
                + " came with Docker-Content-Digest "
                + echoed.get()
                + " but its content has the digest "
                + digest
                + ": it was changed or corrupted in transit, so it is rejected",
            describe() + ":" + tagOrDigest,
            echoed.get(),
            null,
            null); // a valid digest: nothing to scrub
      }
    }
    String mediaType = r.contentType().orElse("");
    if (!MANIFEST_TYPES.contains(mediaType)) {
      mediaType =
          OciJson.declaredMediaType(
              body, "the manifest " + tagOrDigest + " in " + describe(), digest);
    }
    return Optional.of(new StoredManifest(body, mediaType, digest));
  }

  @Override
  public StoredManifest putManifest(byte[] bytes, String mediaType, @Nullable String tag) {
    return client.guard(() -> put(bytes, mediaType, tag, null, false));
  }

  @Override
  public StoredManifest putManifestIfCurrent(
      byte[] bytes, String mediaType, String tag, @Nullable Digest expected) {
    return client.guard(() -> put(bytes, mediaType, tag, expected, true));
  }

  private StoredManifest put(
      byte[] bytes,
      String mediaType,
      @Nullable String tag,
      @Nullable Digest expected,
      boolean conditional) {
    Digest digest = Digest.of(bytes);
    if (bytes.length > OciJson.MAX_MANIFEST_BYTES) {
      throw new OciException(
          "the manifest "
              + digest
              + " is "
              + bytes.length
              + " bytes, over the limit of "
              + OciJson.MAX_MANIFEST_BYTES
              + " bytes that registries must accept");
    }
    String reference = tag == null ? digest.toString() : tag;
    String action = "storing the manifest " + digest + (tag == null ? "" : " as " + tag);
    Request req =
        Request.of("PUT", v2("manifests/" + reference), repository)
            .body(bytes, mediaType)
            .about(action, reference);
    if (conditional) {
      req =
          expected == null
              ? req.header("If-None-Match", "*")
              : req.header("If-Match", "\"" + expected + "\"");
    }
    Response r = client.send(req);
    for (int i = 0; i < BLOB_UNKNOWN_RETRIES && blobUnknown(r); i++) {
      // distribution 2.8.2 writes blob links in place: while another client commits the same blob,
      // it can briefly read the link as empty and call the blob unknown. Ask again.
      client.pause(Duration.ofMillis(50L << i), action);
      r = client.send(req);
    }
    if (r.status() == 412 && conditional) {
      throw new TagConflictException(
          describe(), reference, expected == null ? null : expected.toString(), "another manifest");
    }
    if (r.status() != 201 && r.status() != 200) {
      throw client.failure(r, action, repository, reference);
    }
    Optional<String> echoed = r.header("Docker-Content-Digest");
    if (echoed.isPresent() && !echoed.get().equals(digest.toString())) {
      throw new OciException(
          "the registry stored the manifest "
              + digest
              + " in "
              + describe()
              + " as "
              + client.errors().serverText(echoed.get())
              + ": it changed the bytes",
          describe() + ":" + reference,
          digest.toString(),
          null,
          null);
    }
    return new StoredManifest(bytes, mediaType, digest);
  }

  @Override
  public Deletion deleteManifest(Digest digest) {
    return client.guard(() -> delete(digest));
  }

  private Deletion delete(Digest digest) {
    String action = "deleting the manifest " + digest;
    Response r =
        client.send(
            Request.of("DELETE", v2("manifests/" + digest), repository)
                .about(action, digest.toString()));
    if (r.status() == 202 || r.status() == 200 || r.status() == 204) {
      return Deletion.DELETED;
    }
    if (r.status() == 404) {
      return Deletion.ABSENT;
    }
    if (r.status() == 401 || r.status() == 403) {
      // no right to delete (a token without the delete scope, a registry that keeps manifests):
      // the removal stands through its marker, the manifest stays, as with 405
      return Deletion.REFUSED;
    }
    if (r.status() == 405
        || (r.status() == 400
            && new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("UNSUPPORTED"))) {
      return Deletion.REFUSED; // distribution with storage.delete.enabled false: 405 UNSUPPORTED
    }
    throw client.failure(r, action, repository, digest.toString());
  }

  @Override
  public List<String> tags() {
    return client.guard(this::listTags);
  }

  private List<String> listTags() {
    TreeSet<String> out = new TreeSet<>();
    String path = v2("tags/list");
    for (int page = 0; page < MAX_PAGES && path != null; page++) {
      Response r =
          client.send(
              Request.of("GET", path, repository)
                  .maxBody(OciJson.MAX_MANIFEST_BYTES)
                  .about("listing the tags", null));
      if (r.status() == 404) {
        break; // no such repository yet: no tags
      }
      if (r.status() != 200) {
        throw client.failure(r, "listing the tags", repository, null);
      }
      var tree = OciJson.tree(r.body(), "the tag list of " + describe());
      var tags = tree.get("tags");
      if (tags != null && tags.isArray()) {
        for (var t : tags) {
          if (t.isTextual() && TAG.matcher(t.asText()).matches()) {
            out.add(t.asText()); // anything else is no tag a client could have pushed
          }
        }
      }
      path = next(r);
    }
    return List.copyOf(out);
  }

  private @Nullable String next(Response r) {
    for (String link : r.headers().allValues("Link")) {
      Matcher m = NEXT_LINK.matcher(link);
      if (m.find()) {
        return client.resolve(r.uri(), m.group(1));
      }
    }
    return null;
  }

  @Override
  public boolean supportsReferrers() {
    return client.guard(() -> client.referrersApi(repository));
  }

  @Override
  public Optional<ReferrersListing> referrers(Digest subject) {
    return client.guard(() -> listReferrers(subject));
  }

  private Optional<ReferrersListing> listReferrers(Digest subject) {
    if (!client.referrersApi(repository)) {
      return Optional.empty();
    }
    List<Descriptor> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String path = v2("referrers/" + subject);
    for (int page = 0; page < MAX_PAGES && path != null; page++) {
      Response r =
          client.send(
              Request.of("GET", path, repository)
                  .header("Accept", MediaTypes.OCI_INDEX)
                  .maxBody(OciJson.MAX_MANIFEST_BYTES)
                  .about("listing the referrers of " + subject, subject.toString()));
      if (r.status() != 200) {
        throw client.failure(
            r, "listing the referrers of " + subject, repository, subject.toString());
      }
      ImageIndex index =
          OciJson.parseIndexKeepingUnreadable(
              r.body(), "the referrers of " + subject + " in " + describe(), null);
      out.addAll(index.manifests());
      for (ImageIndex.Unreadable u : index.unreadable()) {
        problems.add(u.problem() + "; that entry is skipped");
      }
      path = next(r);
    }
    return Optional.of(new ReferrersListing(out, problems));
  }

  @Override
  public <T> T exclusive(Supplier<T> action) {
    // Writers sharing this handle take turns; other handles and processes are not excluded (a
    // registry has no lock), so callers still read back and retry.
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean locks() {
    return false;
  }

  @Override
  public <T> T operation(Supplier<T> action) {
    return client.guard(action);
  }

  @Override
  public String scrub(String text) {
    return client.errors().scrub(text);
  }

  @Override
  public String toString() {
    return "RegistryStore[" + describe() + "]";
  }
}

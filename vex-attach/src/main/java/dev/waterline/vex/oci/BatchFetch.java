package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.waterline.vex.VexException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Fetches the attestations of many images at once, a few at a time: registry images ({@code
 * registry.local/app:1.0}) and images in OCI layouts ({@code oci:PATH[:TAG|@DIGEST]}) alike. The
 * results come back in the order the images were given; an image that fails (unreachable registry,
 * unknown tag, broken layout) has its error in its own {@link Item} and costs the others nothing.
 * Progress goes to a {@link Listener}; nothing is printed.
 *
 * <pre>{@code
 * var items = BatchFetch.builder().parallelism(4).build()
 *     .fetch(List.of("registry.local/app:1.0", "registry.local/api:2.1", "oci:/tmp/demo:1.0"));
 * items.get(0).result().orElseThrow().verifiedWith(key.publicKey()).mergedVex();
 * }</pre>
 *
 * <p>One {@link Registry} is made per registry host and shared by the images on it (connections,
 * tokens and the referrers-API answer). A {@code BatchFetch} is immutable and may be reused.
 */
@API(status = STABLE, since = "0.1.0")
public final class BatchFetch {
  /** The number of images fetched at the same time when none is set. */
  public static final int DEFAULT_PARALLELISM = 4;

  /** The most images fetched at the same time. */
  public static final int MAX_PARALLELISM = 64;

  private final int parallelism;
  private final RegistryOptions registryOptions;
  private final Listener listener;
  private final boolean onlyVex;

  private BatchFetch(Builder b) {
    this.parallelism = b.parallelism;
    this.registryOptions = b.registryOptions;
    this.listener = b.listener;
    this.onlyVex = b.onlyVex;
  }

  /** A batch fetch with the defaults: {@value #DEFAULT_PARALLELISM} at a time, no listener. */
  public static BatchFetch defaults() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Hears how a batch goes. Calls never overlap (they are serialised by the batch), but come from
   * the worker threads; keep them short.
   */
  public interface Listener {
    /** Image number {@code index} (from 0) of {@code total} is being fetched. */
    default void started(int index, int total, String image) {}

    /** {@code item} is done, with a result or an error; {@code done} of {@code total} are. */
    default void finished(Item item, int done, int total) {}
  }

  /** What the batch did for one image: its fetch result, or what failed and where. */
  public static final class Item {
    private final int index;
    private final String image;
    private final @Nullable FetchResult result;
    private final @Nullable RuntimeException error;

    Item(int index, String image, @Nullable FetchResult result, @Nullable RuntimeException error) {
      this.index = index;
      this.image = image;
      this.result = result;
      this.error = error;
    }

    /** The position of the image in the list given (from 0). */
    public int index() {
      return index;
    }

    /** The image as given. */
    public String image() {
      return image;
    }

    /** Whether the fetch went through (problems with single attestations aside). */
    public boolean succeeded() {
      return result != null;
    }

    /** What fetch found; empty when it failed. */
    public Optional<FetchResult> result() {
      return Optional.ofNullable(result);
    }

    /**
     * Why fetching this image failed: usually an {@link OciException} naming the registry,
     * repository or layout and the digest involved; empty when it did not.
     */
    public Optional<RuntimeException> error() {
      return Optional.ofNullable(error);
    }

    /** The error as one line: the image, then what failed; empty when nothing did. */
    public Optional<String> failure() {
      return error == null ? Optional.empty() : Optional.of(image + ": " + error.getMessage());
    }

    /** The fetch verified under {@code policy}; empty when the fetch failed. */
    public Optional<VerifiedFetch> verify(FetchPolicy policy) {
      return result == null ? Optional.empty() : Optional.of(result.verify(policy));
    }

    @Override
    public String toString() {
      return "BatchFetch.Item["
          + index
          + " "
          + (result != null ? result : "failed: " + failure().orElse(""))
          + "]";
    }
  }

  /**
   * Fetches every image, at most {@link #parallelism()} at a time, and returns one item per image
   * in the order given. Interrupting the calling thread cancels what has not finished; those items
   * then carry the interruption as their error.
   */
  public List<Item> fetch(List<String> images) {
    List<String> list = List.copyOf(images);
    int total = list.size();
    if (total == 0) {
      return List.of();
    }
    Map<String, Registry> registries = new ConcurrentHashMap<>();
    Object lock = new Object();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(parallelism, total), new Daemons());
    try {
      List<Future<Item>> futures = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        int index = i;
        String image = list.get(i);
        futures.add(
            pool.submit(
                () -> {
                  synchronized (lock) {
                    listener.started(index, total, image);
                  }
                  Item item = fetchOne(index, image, registries);
                  synchronized (lock) {
                    listener.finished(item, done.incrementAndGet(), total);
                  }
                  return item;
                }));
      }
      List<Item> items = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        items.add(await(futures.get(i), i, list.get(i)));
      }
      return List.copyOf(items);
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@link #fetch(List)} for the images given. */
  public List<Item> fetch(String... images) {
    return fetch(List.of(images));
  }

  private static Item await(Future<Item> future, int index, String image) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return new Item(
          index, image, null, new OciException("fetching " + image + " was interrupted", e));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      RuntimeException error =
          cause instanceof RuntimeException
              ? (RuntimeException) cause
              : new OciException("fetching " + image + " failed: " + cause, cause);
      return new Item(index, image, null, error);
    }
  }

  private Item fetchOne(int index, String image, Map<String, Registry> registries) {
    try {
      ImageReference ref = ImageReference.parse(image);
      FetchResult result;
      if (ref.isLayout()) {
        result = Attachments.on(ref).fetch(ref);
      } else {
        Registry registry =
            registries.computeIfAbsent(ref.registry(), h -> Registry.of(h, registryOptions));
        result = registry.fetch(ref.toString());
      }
      return new Item(index, image, onlyVex ? result.onlyOpenVex() : result, null);
    } catch (RuntimeException e) {
      return new Item(index, image, null, e);
    }
  }

  /** Images fetched at the same time, at most. */
  public int parallelism() {
    return parallelism;
  }

  /** The options registries are reached with. */
  public RegistryOptions registryOptions() {
    return registryOptions;
  }

  @Override
  public String toString() {
    return "BatchFetch[parallelism="
        + parallelism
        + (onlyVex ? ", OpenVEX only" : "")
        + ", "
        + registryOptions
        + "]";
  }

  private static final class Daemons implements ThreadFactory {
    private final AtomicInteger n = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "waterline-fetch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }

  /** Builds a {@link BatchFetch}. */
  public static final class Builder {
    private int parallelism = DEFAULT_PARALLELISM;
    private RegistryOptions registryOptions = RegistryOptions.defaults();
    private Listener listener = new Listener() {};
    private boolean onlyVex;

    private Builder() {}

    /**
     * Images fetched at the same time (default {@value #DEFAULT_PARALLELISM}).
     *
     * @throws VexException unless 1 ≤ {@code n} ≤ {@value #MAX_PARALLELISM}
     */
    @CanIgnoreReturnValue
    public Builder parallelism(int n) {
      if (n < 1 || n > MAX_PARALLELISM) {
        throw new VexException(
            "parallelism must be between 1 and " + MAX_PARALLELISM + " but was " + n);
      }
      this.parallelism = n;
      return this;
    }

    /** How registries are reached (credentials, CA, insecure hosts, limits, retries). */
    @CanIgnoreReturnValue
    public Builder registryOptions(RegistryOptions options) {
      this.registryOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Who hears of progress (default: nobody). */
    @CanIgnoreReturnValue
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Keep only OpenVEX attestations, as {@link Registry#fetchVex} does (default: all). */
    @CanIgnoreReturnValue
    public Builder onlyVex(boolean onlyVex) {
      this.onlyVex = onlyVex;
      return this;
    }

    /** The batch fetch. */
    public BatchFetch build() {
      return new BatchFetch(this);
    }
  }
}

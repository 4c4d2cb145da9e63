package dev.waterline.bench.registry;

import dev.waterline.vex.oci.internal.registry.FaultProxy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A plain HTTP/1.1 proxy in front of a registry that writes down every request passing through it
 * (method, target, headers, body) with the answer's status, under the phase the caller names. The
 * curl baseline replays what it wrote, so curl sends what our client sent. It is vex-attach's test
 * {@link FaultProxy} (which rewrites {@code Location} headers to point back at the proxy and
 * answers a TLS ClientHello with a plain 400, as Go's server does) with a listener and no faults.
 */
public final class RecordingProxy implements AutoCloseable {
  /** One request as our client sent it, and the status it got. */
  public record Exchange(
      String phase,
      String method,
      String target,
      List<String> headers,
      byte @Nullable [] body,
      int status,
      @Nullable String location) {}

  private final FaultProxy proxy;
  private final List<Exchange> exchanges = new ArrayList<>();
  private volatile String phase = "setup";

  /** A proxy for {@code upstream} ({@code 127.0.0.1:port}, plain HTTP) on a free port. */
  public RecordingProxy(String upstream) throws IOException {
    this.proxy = new FaultProxy(upstream);
    proxy.listen(
        (method, target, headers, body, status, location) -> {
          synchronized (this) {
            exchanges.add(new Exchange(phase, method, target, headers, body, status, location));
          }
        });
  }

  /** {@code 127.0.0.1:<port>}. */
  public String host() {
    return proxy.host();
  }

  /** Requests from now on are written down under {@code name}. */
  public void phase(String name) {
    this.phase = name;
  }

  /** Everything written down so far, in the order the requests arrived. */
  public synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  @Override
  public void close() throws IOException {
    proxy.close();
  }
}

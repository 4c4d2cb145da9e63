/**
 * The registry transport: the OCI distribution API over the JDK's HTTP client (auth, TLS, retries,
 * limits, digest checks), behind {@link dev.waterline.vex.oci.internal.store.OciStore}.
 */
@NullMarked
package dev.waterline.vex.oci.internal.registry;

import org.jspecify.annotations.NullMarked;

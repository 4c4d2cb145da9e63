/**
 * What the registry benchmark needs around it: Debian's {@code docker-registry} started on a free
 * loopback port, subject images and attestations made fresh for each operation, and a recording
 * proxy that writes down the exact HTTP requests our client sends, for the curl baseline ({@code
 * scripts/bench-registry-curl.sh}). See {@code docs/performance.md}.
 */
@NullMarked
package dev.waterline.bench.registry;

import org.jspecify.annotations.NullMarked;

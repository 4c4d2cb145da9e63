package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.oci.EmbedResult;
import dev.waterline.vex.oci.EmbeddedVex;
import dev.waterline.vex.oci.EmbeddedVexFile;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.oci.VexEmbedding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code waterline embed}: build a new image = base + one layer holding OpenVEX documents at {@code
 * /usr/share/vex}; {@code --list IMAGE} reads them back out of an image's filesystem.
 */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Embed OpenVEX documents into an image's filesystem, or list the ones embedded.",
      "With --from and --to: writes a new image = the base + one layer holding each VEX file as",
      "DIR/<name>.openvex.json (default DIR /usr/share/vex); prints the new image's digest and",
      "the layer's. With --list IMAGE: reads every layer of IMAGE and prints the OpenVEX",
      "documents under DIR (exit 1 if a file there is not OpenVEX). IMAGE is a registry",
      "reference or oci:PATH[:TAG|@DIGEST]; plain HTTP only for loopback or --insecure-registry."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline embed --from oci:build/layout:1.0 --to oci:build/layout:1.0-vex app.openvex.json",
      "  waterline embed --from registry.local/app:1.0 --to registry.local/app:1.0-vex vex.json",
      "  waterline embed --list oci:build/layout:1.0-vex --format json"
    })
final class EmbedCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(names = "--from", paramLabel = "IMAGE", description = "The base image.")
  @Nullable String from;

  @Option(
      names = "--to",
      paramLabel = "IMAGE",
      description = "The new image (a tag: REGISTRY/REPO:TAG or oci:PATH:TAG).")
  @Nullable String to;

  @Option(
      names = "--list",
      paramLabel = "IMAGE",
      description = "Instead of embedding, list the OpenVEX documents in IMAGE's filesystem.")
  @Nullable String list;

  @Option(
      names = "--path",
      paramLabel = "DIR",
      defaultValue = VexEmbedding.DEFAULT_DIRECTORY,
      description = "The directory in the image (default: ${DEFAULT-VALUE}).")
  String path = VexEmbedding.DEFAULT_DIRECTORY;

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH",
      description =
          "With an image index as base: embed into this platform only and write a single"
              + " manifest (default: every platform, into a new index).")
  @Nullable String platform;

  @Option(
      names = "--no-jib",
      description = "Build with Waterline's own writer also between two registries.")
  boolean noJib;

  @Mixin RegistryOption registry = new RegistryOption();

  @Parameters(paramLabel = "VEX", arity = "0..*", description = "OpenVEX files to embed.")
  List<Path> files = new ArrayList<>();

  @Mixin FormatOption output = new FormatOption();

  EmbedCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    RegistryOptions options = registry.options(ctx);
    if (list != null) {
      if (from != null || to != null || !files.isEmpty() || platform != null) {
        throw CliException.usage("--list IMAGE takes no --from, --to, --platform or VEX files");
      }
      return list(ImageReference.parse(list), options);
    }
    if (from == null || to == null) {
      throw CliException.usage("embed needs --from IMAGE and --to IMAGE (or --list IMAGE)");
    }
    if (files.isEmpty()) {
      throw CliException.usage("embed needs at least one VEX file");
    }
    VexEmbedding e = VexEmbedding.ofFiles(files).withDirectory(path).withOptions(options);
    if (platform != null) {
      e = e.withPlatform(platform);
    }
    if (noJib) {
      e = e.withoutJib();
    }
    EmbedResult r;
    Activity progress = Activity.start(ctx, "building " + to + " from " + from);
    try {
      r = e.embed(ImageReference.parse(from), ImageReference.parse(to));
    } finally {
      progress.close();
    }
    if (output.json()) {
      ObjectNode root = Json.object();
      root.put("image", r.image().toString());
      root.put("digest", r.digest().toString());
      root.put("base", r.base().toString());
      root.put("baseDigest", r.baseDigest().toString());
      root.put("layer", r.layerDigest().toString());
      root.put("diffId", r.diffId().toString());
      root.put("builder", r.builder().name().toLowerCase(java.util.Locale.ROOT));
      ArrayNode paths = root.putArray("paths");
      r.paths().forEach(paths::add);
      ArrayNode manifests = root.putArray("manifests");
      for (EmbedResult.Manifest m : r.manifests()) {
        ObjectNode n = manifests.addObject();
        m.platform().ifPresent(p -> n.put("platform", p));
        n.put("digest", m.digest().toString());
        n.put("base", m.base().toString());
        n.put("layer", m.layer().toString());
        n.put("diffId", m.diffId().toString());
      }
      Json.print(ctx, root);
    } else {
      ctx.out().println("image  " + r.image() + "@" + r.digest());
      ctx.out().println("layer  " + r.layerDigest());
      ctx.out().println("base   " + r.base() + "@" + r.baseDigest());
      for (String p : r.paths()) {
        ctx.out().println("file   " + p);
      }
      if (r.manifests().size() > 1) {
        for (EmbedResult.Manifest m : r.manifests()) {
          ctx.out().println("platform " + m.platform().orElse("?") + "  " + m.digest());
        }
      }
      ctx.out().println("built by " + r.builder().name().toLowerCase(java.util.Locale.ROOT));
      ctx.out().flush();
    }
    return 0;
  }

  private int list(ImageReference image, RegistryOptions options) {
    EmbeddedVex found;
    Activity progress = Activity.start(ctx, "reading the layers of " + image);
    try {
      found = EmbeddedVex.read(image, options, path, EmbeddedVex.DEFAULT_MAX_LAYER_BYTES);
    } finally {
      progress.close();
    }
    if (output.json()) {
      ObjectNode root = Json.object();
      root.put("image", found.image().toString());
      root.put("digest", found.digest().toString());
      root.put("directory", found.directory());
      ArrayNode files = root.putArray("files");
      for (EmbeddedVexFile f : found.files()) {
        ObjectNode n = files.addObject();
        n.put("path", f.path());
        n.put("layer", f.layer().toString());
        n.put("manifest", f.manifest().toString());
        f.platform().ifPresent(p -> n.put("platform", p));
        n.set("document", Json.parse(f.document().toJson()));
      }
      ArrayNode problems = root.putArray("problems");
      found.problems().forEach(problems::add);
      Json.print(ctx, root);
    } else {
      ctx.out().println(found.image() + "@" + found.digest() + " " + found.directory() + ":");
      for (EmbeddedVexFile f : found.files()) {
        VexDocument d = f.document();
        ctx.out()
            .println(
                f.path()
                    + f.platform().map(p -> " (" + p + ")").orElse("")
                    + "  layer "
                    + f.layer()
                    + "  "
                    + d.statements().size()
                    + " statement(s) by "
                    + d.author());
      }
      if (found.files().isEmpty()) {
        ctx.out().println("no OpenVEX documents");
      }
      ctx.out().flush();
      for (String p : found.problems()) {
        ctx.err().println("waterline: warning: " + DocumentIo.oneLine(p));
      }
      ctx.err().flush();
    }
    return found.problems().isEmpty() ? 0 : CliException.NEGATIVE;
  }
}

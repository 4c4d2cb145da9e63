package dev.waterline.maven;

import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.internal.io.Outputs;
import dev.waterline.vex.internal.io.TerminalText;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.jspecify.annotations.Nullable;

/**
 * What every Waterline goal shares: the project, the {@code waterline.skip} switch, the output
 * directory ({@code target/waterline}) and the image the build produced.
 *
 * <p>Bad input (a VEX file, a key, a report, an image reference) fails the build with a message
 * naming it ({@link MojoFailureException}); the library's errors are unchecked {@link
 * VexException}s and are turned into that here.
 */
@SuppressWarnings("NullAway.Init") // Maven injects the parameters
public abstract class WaterlineMojo extends AbstractMojo {
  /** The project being built. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** The build session (offline mode, settings). */
  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  /** This goal's execution (for its name in messages). */
  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  MojoExecution mojoExecution;

  /** Skips every Waterline goal. */
  @Parameter(property = "waterline.skip", defaultValue = "false")
  boolean skip;

  /**
   * The image the build produced: {@code REGISTRY/REPO@sha256:HEX}, {@code REGISTRY/REPO[:TAG]}
   * (the digest then comes from Jib's {@code jib-image.json} or {@code jib-image.digest}), or
   * {@code oci:PATH[:TAG|@sha256:HEX]} for an OCI image layout on disk. Default: the image Jib's
   * {@code target/jib-image.json} names.
   */
  @Parameter(property = "waterline.image")
  @Nullable String image;

  /** Where the goals write: {@code vex.json}, the attestation, the triage reports. */
  @Parameter(
      property = "waterline.outputDirectory",
      defaultValue = "${project.build.directory}/waterline")
  File outputDirectory;

  /** Where Jib writes {@code jib-image.json} and {@code jib-image.digest}. */
  @Parameter(property = "waterline.jibOutputDirectory", defaultValue = "${project.build.directory}")
  File jibOutputDirectory;

  /** Creates the goal; Maven injects the parameters. */
  protected WaterlineMojo() {}

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip || goalSkipped()) {
      getLog().info("Waterline: waterline:" + mojoExecution.getGoal() + " skipped");
      return;
    }
    // Maven prints these messages as they are: each is made inert, as the log's are (InertLog).
    try {
      run();
    } catch (VexException e) {
      throw new MojoFailureException(inert(e.getMessage()), e);
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException(inert(e.getMessage()), e);
    } catch (MojoFailureException e) {
      throw new MojoFailureException(
          inert(e.getMessage()), e.getCause() != null ? e.getCause() : e);
    } catch (MojoExecutionException e) {
      throw new MojoExecutionException(
          inert(e.getMessage()), e.getCause() != null ? e.getCause() : e);
    }
  }

  private static String inert(@Nullable String message) {
    return TerminalText.inert(String.valueOf(message));
  }

  /**
   * Maven's log, with what a terminal would act on escaped in every message: the goals' messages
   * quote documents, reports and registries ({@link InertLog}).
   */
  @Override
  public Log getLog() {
    return new InertLog(super.getLog());
  }

  /** Whether this goal's own skip property is set. */
  abstract boolean goalSkipped();

  /** Does the goal's work. */
  abstract void run() throws MojoExecutionException, MojoFailureException;

  Path output() {
    return outputDirectory.toPath();
  }

  Path vexFile() {
    return output().resolve("vex.json");
  }

  Path attestationFile() {
    return output().resolve("vex.sigstore.json");
  }

  BuiltImage builtImage() throws MojoFailureException {
    String configured = image;
    if (configured != null && configured.strip().startsWith(BuiltImage.OCI_ARCHIVE)) {
      return BuiltImage.ofArchive(configured, output().resolve("oci-archive"));
    }
    return BuiltImage.resolve(configured, jibOutputDirectory.toPath());
  }

  /** A path as the user knows it: relative to the project directory when under it. */
  String shown(Path file) {
    Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
  }

  /** Writes a file unless it already holds exactly these bytes; true when it was written. */
  static boolean writeIfChanged(Path file, byte[] bytes) throws MojoExecutionException {
    try {
      if (Files.isRegularFile(file)
          && Arrays.equals(Inputs.read(file, InputKind.ATTESTATION), bytes)) {
        return false;
      }
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Outputs.replace(file, bytes);
      return true;
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}

package dev.waterline.cli;

import dev.waterline.vex.VexException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The {@code waterline} command line. {@link #main} is the process entry; {@link #run(PrintWriter,
 * PrintWriter, String...)} runs one command with the given output streams and returns its exit
 * code: 0 success, 1 a negative answer, 2 a usage or input error.
 */
public final class Main {
  /** The verbs, in the order {@code waterline --help} lists them. */
  static final List<String> VERBS =
      List.of(
          "create",
          "add",
          "merge",
          "convert",
          "validate",
          "status",
          "list",
          "keygen",
          "attest",
          "verify",
          "attach",
          "fetch",
          "audit",
          "export",
          "detach",
          "prune",
          "triage",
          "filter",
          "embed",
          "apply-decisions",
          "carry",
          "demo");

  /**
   * What exit code 1 means for the verbs that give a negative answer; the others exit 0 or 2. Every
   * verb's {@code --help} lists its exit codes from here.
   */
  static final Map<String, String> NEGATIVE_ANSWERS =
      Map.of(
          "validate", "a document is invalid (or, with --strict, has warnings)",
          "verify", "the attestation did not verify",
          "fetch", "an attestation failed verification, or --merge found nothing to merge",
          "audit", "an image holds an attestation that cannot be read",
          "triage", "a finding must be remediated",
          "embed", "with --list, a file in the image's VEX directory is not OpenVEX",
          "detach", "nothing attached to the image has that digest",
          "carry", "a statement needs a new decision (the rest is still written)");

  private Main() {}

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    // Not System.out: a PrintStream swallows a failed write where the writer cannot see it.
    StandardOutput stdout = new StandardOutput(new FileOutputStream(FileDescriptor.out));
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    Context ctx =
        new Context(out, err, System.getenv(), Instant::now, interactive(), System.in)
            .outputFailureFrom(stdout::failure);
    int code = run(ctx, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Whether a person is at a terminal: on JDK 22 and newer {@code Console.isTerminal()} (there
   * {@code System.console()} is never null); before, whether there is a console at all.
   */
  @SuppressWarnings("SystemConsoleNull") // null before JDK 22; isTerminal() decides from 22 on
  static boolean interactive() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Object terminal = java.io.Console.class.getMethod("isTerminal").invoke(console);
      return Boolean.TRUE.equals(terminal);
    } catch (ReflectiveOperationException e) {
      return true; // JDK < 22: a console means stdin and stdout are a terminal
    }
  }

  /**
   * Runs one command, writing its output to {@code out} and errors to {@code err}.
   *
   * @return the exit code: 0 success, 1 a negative answer, 2 a usage or input error
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, System.getenv(), args);
  }

  /**
   * As {@link #run(PrintWriter, PrintWriter, String...)} with the given environment (for {@code
   * SOURCE_DATE_EPOCH}).
   */
  public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
    return run(new Context(out, err, env, Instant::now), args);
  }

  static int run(Context ctx, String... args) {
    boolean verbose = verbose(args);
    ctx.verbose(verbose);
    CommandLine cmd = commandLine(ctx);
    cmd.setParameterExceptionHandler(
        (ParameterException ex, String[] a) -> {
          String name = ex.getCommandLine().getCommandSpec().qualifiedName();
          error(ctx, DocumentIo.oneLine(ex.getMessage()) + " (see '" + name + " --help')");
          if (verbose) {
            ex.printStackTrace(ctx.err());
          }
          return CliException.USAGE;
        });
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          int code = CliException.USAGE;
          String message;
          if (ex instanceof CliException) {
            code = ((CliException) ex).exitCode();
            message = ex.getMessage();
          } else if (ex instanceof VexException
              || ex instanceof UncheckedIOException
              || ex instanceof IllegalArgumentException
              || ex instanceof IllegalStateException) {
            message = ex.getMessage();
          } else {
            message =
                "internal error: "
                    + ex.getClass().getSimpleName()
                    + ": "
                    + ex.getMessage()
                    + (verbose ? "" : " (run with --verbose for the stack trace)");
          }
          error(ctx, DocumentIo.oneLine(message));
          if (verbose) {
            ex.printStackTrace(ctx.err());
          }
          return code;
        });
    int code = cmd.execute(args);
    // checkError flushes: output that could not all be written is an error, whatever the verb said.
    if (ctx.outputFailed()) {
      String why = ctx.outputFailure();
      error(
          ctx,
          "cannot write standard output"
              + (why == null ? "" : " (" + DocumentIo.oneLine(why) + ")")
              + ": what it holds is incomplete");
      code = CliException.USAGE;
    }
    ctx.err().flush();
    return code;
  }

  /** The picocli command tree, writing to the context's streams. */
  static CommandLine commandLine(Context ctx) {
    CommandLine cmd = new CommandLine(new WaterlineCommand());
    cmd.addSubcommand(new CreateCommand(ctx));
    cmd.addSubcommand(new AddCommand(ctx));
    cmd.addSubcommand(new MergeCommand(ctx));
    cmd.addSubcommand(new ConvertCommand(ctx));
    cmd.addSubcommand(new ValidateCommand(ctx));
    cmd.addSubcommand(new StatusCommand(ctx));
    cmd.addSubcommand(new ListCommand(ctx));
    cmd.addSubcommand(new KeygenCommand(ctx));
    cmd.addSubcommand(new AttestCommand(ctx));
    cmd.addSubcommand(new VerifyCommand(ctx));
    cmd.addSubcommand(new AttachCommand(ctx));
    cmd.addSubcommand(new FetchCommand(ctx));
    cmd.addSubcommand(new AuditCommand(ctx));
    cmd.addSubcommand(new ExportCommand(ctx));
    cmd.addSubcommand(new DetachCommand(ctx));
    cmd.addSubcommand(new PruneCommand(ctx));
    cmd.addSubcommand(new TriageCommand(ctx));
    cmd.addSubcommand(new FilterCommand(ctx));
    cmd.addSubcommand(new EmbedCommand(ctx));
    cmd.addSubcommand(new ApplyDecisionsCommand(ctx));
    cmd.addSubcommand(new CarryCommand(ctx));
    cmd.addSubcommand(new DemoCommand(ctx));
    for (CommandLine sub : cmd.getSubcommands().values()) {
      exitCodes(sub);
    }
    cmd.setUsageHelpWidth(100);
    // Picocli writes only the CLI's own help and usage (in the styles it chooses) here.
    cmd.setOut(ctx.exactOut());
    cmd.setErr(ctx.exactErr());
    return cmd;
  }

  private static void exitCodes(CommandLine sub) {
    var usage = sub.getCommandSpec().usageMessage();
    if (!usage.exitCodeList().isEmpty()) {
      return;
    }
    Map<String, String> codes = new java.util.LinkedHashMap<>();
    codes.put("  0", "Success.");
    String negative = NEGATIVE_ANSWERS.get(sub.getCommandName());
    if (negative != null) {
      codes.put("  1", "A negative answer: " + negative + ".");
    }
    codes.put("  2", "A usage or input error (one line on stderr; --verbose for details).");
    usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
  }

  private static void error(Context ctx, String message) {
    ctx.err().println("waterline: error: " + message);
    ctx.err().flush();
  }

  /** Whether {@code --verbose} comes before any {@code --} end-of-options marker. */
  private static boolean verbose(String... args) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--verbose")) {
        return true;
      }
    }
    return false;
  }
}

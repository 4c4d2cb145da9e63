package dev.waterline.cli;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for the status and justification labels, with messages that list the choices. */
final class Labels {
  private Labels() {}

  /** Parses a status label, e.g. {@code not_affected}. */
  static Status status(String value) {
    try {
      return Status.parse(value);
    } catch (VexException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a status; expected one of " + String.join(", ", Status.labels()));
    }
  }

  /** Parses a justification label, e.g. {@code component_not_present}. */
  static Justification justification(String value) {
    try {
      return Justification.parse(value);
    } catch (VexException e) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a justification; expected one of "
              + String.join(", ", Justification.labels()));
    }
  }

  /** picocli converter for {@link Status}. */
  static final class StatusConverter implements ITypeConverter<Status> {
    @Override
    public Status convert(String value) {
      return status(value);
    }
  }

  /** picocli converter for {@link Justification}. */
  static final class JustificationConverter implements ITypeConverter<Justification> {
    @Override
    public Justification convert(String value) {
      return justification(value);
    }
  }

  /** picocli candidates for {@code --status}. */
  static final class StatusCandidates implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Status.labels().iterator();
    }
  }

  /** picocli candidates for {@code --justification}. */
  static final class JustificationCandidates implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Justification.labels().iterator();
    }
  }
}

package io.ppnode.cli;

import io.ppnode.node.api.ExitCode;
import io.ppnode.node.api.PpnodeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where a failure becomes an exit code and a message: a {@link PpnodeException}
 * carries its own {@link ExitCode}, bad command-line input is {@link ExitCode#USAGE}, anything
 * else is a bug ({@link ExitCode#INTERNAL}). Every failure prints exactly one line
 * {@code ppnode: <message>} on stderr; {@code --verbose} adds the stack trace.
 */
final class Failures
    implements IExitCodeExceptionMapper, IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int getExitCode(Throwable failure) {
    return exitCode(failure).code();
  }

  static ExitCode exitCode(Throwable failure) {
    PpnodeException known = known(failure);
    if (known != null) {
      return known.exitCode();
    }
    if (failure instanceof ParameterException) {
      return ExitCode.USAGE;
    }
    return ExitCode.INTERNAL;
  }

  @Override
  public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
    PpnodeException known = known(failure);
    String message =
        known != null
            ? orClassName(known)
            : "internal error: " + failure;
    report(command, message, failure);
    return getExitCode(failure);
  }

  @Override
  public int handleParseException(ParameterException failure, String[] args) {
    CommandLine command = failure.getCommandLine();
    StringBuilder message = new StringBuilder(orClassName(failure));
    if (failure instanceof UnmatchedArgumentException) {
      var suggestions = ((UnmatchedArgumentException) failure).getSuggestions();
      if (!suggestions.isEmpty()) {
        message.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
      }
    }
    message
        .append(" (see '")
        .append(command.getCommandSpec().qualifiedName())
        .append(" --help')");
    report(command, message.toString(), failure);
    return ExitCode.USAGE.code();
  }

  private static void report(CommandLine command, String message, Throwable failure) {
    PrintWriter err = command.getErr();
    err.println("ppnode: " + oneLine(message));
    if (verbose(command)) {
      failure.printStackTrace(err);
    }
    err.flush();
  }

  /** The user-facing failure, also when a thread pool or future wrapped it. */
  private static PpnodeException known(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PpnodeException) {
        return (PpnodeException) t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static boolean verbose(CommandLine command) {
    Object root = command.getCommandSpec().root().userObject();
    return root instanceof PpnodeCommand && ((PpnodeCommand) root).verbose();
  }

  private static String orClassName(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  private static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}

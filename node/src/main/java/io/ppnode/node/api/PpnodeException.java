package io.ppnode.node.api;

/**
 * A failure the user should see as one clear line, with the exit code it maps to. Anything else
 * thrown out of a command is a bug and exits with {@link ExitCode#INTERNAL}.
 */
public class PpnodeException extends RuntimeException {
  private final ExitCode exitCode;

  public PpnodeException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public PpnodeException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public static PpnodeException usage(String message) {
    return new PpnodeException(ExitCode.USAGE, message);
  }

  public static PpnodeException error(String message) {
    return new PpnodeException(ExitCode.ERROR, message);
  }

  public static PpnodeException unreachable(String message) {
    return new PpnodeException(ExitCode.UNREACHABLE, message);
  }
}

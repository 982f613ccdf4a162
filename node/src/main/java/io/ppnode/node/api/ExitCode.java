package io.ppnode.node.api;

/** The process exit codes of every ppnode command, in one place (README documents them). */
public enum ExitCode {
  OK(0),
  /** Something failed that is neither bad input nor an unreachable peer. */
  ERROR(1),
  /** Bad usage or bad input, a bad invite included. */
  USAGE(2),
  /** The peer could not be reached, or refused us. */
  UNREACHABLE(3),
  /** A bug in ppnode. */
  INTERNAL(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}

package io.ppnode.cli;

import picocli.CommandLine;

/**
 * The {@code ppnode} entry point: configures logging for a command-line tool (plain lines on
 * stderr, so stdout carries only data), runs the command, exits with its code.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    configureLogging();
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests use it directly with their own out/err writers. */
  public static CommandLine commandLine() {
    Failures failures = new Failures();
    return new CommandLine(new PpnodeCommand())
        .setExitCodeExceptionMapper(failures)
        .setExecutionExceptionHandler(failures)
        .setParameterExceptionHandler(failures);
  }

  /**
   * Must run before any logger exists: slf4j-simple reads its settings once. Values already set
   * with -D win, so a user can still override them through PPNODE_JAVA_OPTS.
   */
  static void configureLogging() {
    defaultProperty("org.slf4j.simpleLogger.logFile", "System.err");
    defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    defaultProperty("org.slf4j.simpleLogger.showDateTime", "false");
    defaultProperty("org.slf4j.simpleLogger.showThreadName", "false");
    defaultProperty("org.slf4j.simpleLogger.showLogName", "false");
    defaultProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
    // jmdns warns with a stack trace whenever a send fails, which is every time an address it
    // was bound to goes away (a new lease): ppnode logs that event itself in one line.
    defaultProperty("org.slf4j.simpleLogger.log.javax.jmdns", "error");
  }

  private static void defaultProperty(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}

package io.ppnode.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ppnode} entry point: configures logging for a command-line tool (plain lines on
 * stderr, so stdout carries only data), runs the command, exits with its code.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    configureLogging();
    configureNetty();
    System.exit(commandLine(args).execute(args));
  }

  /** The configured command line with every subcommand; tests use it with their own writers. */
  public static CommandLine commandLine() {
    return commandLine(PpnodeCommand.SUBCOMMANDS);
  }

  /**
   * The command line for {@code args}: with only the subcommand they name, when they name one.
   * Building picocli's model of all fourteen subcommands took 50 ms of a cold command's start
   * (wall profile of an in-sync pull). Help, a typo or no subcommand at all get the full list,
   * so usage and suggestions read as before.
   */
  static CommandLine commandLine(String[] args) {
    String word = firstWord(args);
    List<Class<?>> named = PpnodeCommand.SUBCOMMANDS.stream()
        .filter(c -> c.getAnnotation(Command.class).name().equals(word))
        .toList();
    return commandLine(named.isEmpty() ? PpnodeCommand.SUBCOMMANDS : named);
  }

  private static CommandLine commandLine(List<Class<?>> subcommands) {
    Failures failures = new Failures();
    CommandLine cli = new CommandLine(new PpnodeCommand());
    subcommands.forEach(cli::addSubcommand);
    return cli
        .setExitCodeExceptionMapper(failures)
        .setExecutionExceptionHandler(failures)
        .setParameterExceptionHandler(failures);
  }

  /** The first argument that is neither a root option nor the value of {@code --home}. */
  private static String firstWord(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--home")) {
        i++;
      } else if (!args[i].startsWith("-")) {
        return args[i];
      }
    }
    return "";
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

  /**
   * Netty 4.2 registers its buffer events with Java Flight Recorder the first time its pooled
   * allocator takes a new chunk, which is in the middle of the first TLS handshake: 100 ms of a
   * cold command's start spent setting up JFR's metadata (wall profile of an in-sync pull), for
   * events nobody records. {@code -Dio.netty.jfr.enabled=true} brings them back.
   *
   * <p>Its leak detector samples one buffer in 128 and records a stack trace for it: 35 ms of the
   * owner's event loop in a 1 GiB join (CPU profile), to find a bug in a build that has none
   * known. The tests run with it at {@code paranoid}; {@code -Dio.netty.leakDetection.level}
   * brings it back here.
   */
  static void configureNetty() {
    defaultProperty("io.netty.jfr.enabled", "false");
    defaultProperty("io.netty.leakDetection.level", "disabled");
  }

  private static void defaultProperty(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}

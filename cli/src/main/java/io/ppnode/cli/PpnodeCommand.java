package io.ppnode.cli;

import io.ppnode.node.NodeAccess;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code ppnode} command: the options every subcommand shares (where the node's home
 * is, how much to tell) and the list of subcommands. It does nothing by itself.
 */
@Command(
    name = "ppnode",
    mixinStandardHelpOptions = true,
    versionProvider = PpnodeCommand.Version.class,
    description = "Peer-to-peer project sync: share a folder, hand out invites, members pull it.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 error, 2 usage or bad input, 3 peer unreachable or refused, 4 internal."
    })
public final class PpnodeCommand {
  /**
   * The subcommands, in the order help lists them. Added by {@link Main}, not named in the
   * annotation, so that a command builds picocli's model of itself only, not of all fourteen.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      InitCommand.class,
      ShareCommand.class,
      InviteCommand.class,
      InvitesCommand.class,
      MembersCommand.class,
      RevokeCommand.class,
      ScanCommand.class,
      ServeCommand.class,
      JoinCommand.class,
      PullCommand.class,
      StatusCommand.class,
      LsCommand.class,
      DemoCommand.class,
      RelayCommand.class);

  @Option(
      names = "--home",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "the node's home (default: $PPNODE_HOME, else ~/.ppnode)")
  private Path home;

  private boolean verbose;

  /** Called while parsing, before any command runs, so the log level is set before any logger exists. */
  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "debug logging, and a stack trace with every error")
  void setVerbose(boolean verbose) {
    this.verbose = verbose;
    if (verbose) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
  }

  Path home() {
    return home != null ? home.toAbsolutePath() : NodeAccess.defaultHome();
  }

  boolean verbose() {
    return verbose;
  }

  /** The version from the jar's manifest; "dev" when run from classes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = PpnodeCommand.class.getPackage().getImplementationVersion();
      return new String[] {"ppnode " + (version != null ? version : "dev")};
    }
  }
}

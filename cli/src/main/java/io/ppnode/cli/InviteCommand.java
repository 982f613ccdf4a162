package io.ppnode.cli;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.Results.InviteResult;
import io.ppnode.node.api.Results.InviteRevoked;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code ppnode invite PROJECT}: prints an invite token, alone on stdout, for a script to pass on. */
@Command(name = "invite", mixinStandardHelpOptions = true, description = "Create an invite to a project; prints the token alone. --revoke ID ends one.")
final class InviteCommand extends NodeCommand {
  @Parameters(index = "0", paramLabel = "PROJECT", description = "project name or id")
  private String project;

  @Option(
      names = "--expires",
      paramLabel = "DURATION",
      defaultValue = "7d",
      converter = DurationConverter.class,
      description = "how long the invite is valid: 30m, 12h, 7d (default: ${DEFAULT-VALUE})")
  private Duration expires;

  private int uses = 1;

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      converter = HostPortConverter.class,
      description = "an address members dial (repeatable; default: the node's listen address)")
  private List<String> addresses = new ArrayList<>();

  @Option(
      names = "--uses",
      paramLabel = "N",
      defaultValue = "1",
      description = "how many members may join with it (default: ${DEFAULT-VALUE})")
  void setUses(int uses) {
    if (uses < 1) {
      throw new ParameterException(spec.commandLine(), "--uses must be at least 1, not " + uses);
    }
    this.uses = uses;
  }

  @Option(
      names = "--revoke",
      paramLabel = "INVITE_ID",
      description = "end the invite with this id (see `ppnode invites`) instead of creating one")
  private String revoke;

  @Override
  protected void run(NodeApi node) {
    if (revoke != null) {
      InviteRevoked r = node.revokeInvite(project, revoke);
      err().println("ended invite " + r.id() + " of " + r.project());
      return;
    }
    InviteResult result = node.invite(project, expires, uses, List.copyOf(addresses));
    err().println(
        "invite to " + project + " for " + result.uses()
            + (result.uses() == 1 ? " member" : " members")
            + (result.expiresAt() != null ? ", expires " + result.expiresAt() : ""));
    out().println(result.token());
  }
}

package io.ppnode.cli;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.Results.InviteView;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ppnode invites PROJECT}: the invites that can still be redeemed. The id shown is a
 * prefix of the stored secret hash; the token itself cannot be shown again, it is not stored.
 */
@Command(name = "invites", mixinStandardHelpOptions = true,
    description = "List the live invites of a project; end one with: invite PROJECT --revoke ID.")
final class InvitesCommand extends NodeCommand {
  @Parameters(index = "0", paramLabel = "PROJECT", description = "project name or id")
  private String project;

  @Mixin private JsonOption json;

  @Override
  protected void run(NodeApi node) {
    List<InviteView> invites = node.invites(project);
    if (json.enabled) {
      JsonOption.print(out(), invites);
      return;
    }
    Table table = new Table("ID", "USES LEFT", "EXPIRES", "CREATED");
    invites.forEach(i -> table.row(i.id(), i.usesLeft(), i.expiresAt(), i.createdAt()));
    table.print(out());
  }
}

package io.ppnode.cli;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.Results.MemberView;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ppnode members PROJECT}: who may pull a project this node owns. */
@Command(name = "members", mixinStandardHelpOptions = true, description = "List the members of a project this node owns.")
final class MembersCommand extends NodeCommand {
  @Parameters(index = "0", paramLabel = "PROJECT", description = "project name or id")
  private String project;

  @Mixin private JsonOption json;

  @Override
  protected void run(NodeApi node) {
    List<MemberView> members = node.members(project);
    if (json.enabled) {
      JsonOption.print(out(), members);
      return;
    }
    Table table = new Table("NODE ID", "JOINED");
    members.forEach(m -> table.row(m.nodeId(), m.addedAt()));
    table.print(out());
  }
}

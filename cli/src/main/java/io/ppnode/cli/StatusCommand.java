package io.ppnode.cli;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.Results.ProjectStatus;
import io.ppnode.node.api.Results.StatusResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ppnode status}: the node and every project it owns or has joined. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show this node and its projects.")
final class StatusCommand extends NodeCommand {
  @Mixin private JsonOption json;

  @Override
  protected void run(NodeApi node) {
    StatusResult status = node.status();
    if (json.enabled) {
      JsonOption.print(out(), status);
      return;
    }
    out().println("node     " + status.nodeId());
    out().println("listen   " + (status.listen() != null ? status.listen() : "-"));
    out().println("serving  " + (status.serving() ? "yes" : "no"));
    out().println();
    if (status.projects() == null || status.projects().isEmpty()) {
      out().println("no projects yet: 'ppnode share DIR' or 'ppnode join INVITE DIR'");
      return;
    }
    Table table =
        new Table(
            "NAME", "PROJECT ID", "ROLE", "FILES", "SIZE", "SEQ", "PEERS", "LAST SYNC", "ROOT");
    for (ProjectStatus p : status.projects()) {
      table.row(
          p.name(),
          p.projectId(),
          p.role(),
          p.files(),
          Units.bytes(p.bytes()),
          p.sequence(),
          p.peers() != null ? p.peers().size() : 0,
          p.lastSync(),
          p.root());
    }
    table.print(out());
  }
}

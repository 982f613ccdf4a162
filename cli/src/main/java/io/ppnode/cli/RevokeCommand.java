package io.ppnode.cli;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.Results.RevokeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ppnode revoke PROJECT NODE_ID}: takes a member's access away at once. Its open
 * connections to a serving node are closed and no invite lets it back in.
 */
@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = "Revoke a member of a project at once; its open connections are closed.")
final class RevokeCommand extends NodeCommand {
  @Parameters(index = "0", paramLabel = "PROJECT", description = "project name or id")
  private String project;

  @Parameters(index = "1", paramLabel = "NODE_ID", description = "the member's node id, as `ppnode members` shows it")
  private String nodeId;

  @Override
  protected void run(NodeApi node) {
    RevokeResult r = node.revoke(project, nodeId);
    err().println("revoked " + r.nodeId() + " from " + r.project() + "; closed " + r.connectionsClosed()
        + (r.connectionsClosed() == 1 ? " connection" : " connections"));
  }
}

package io.ppnode.cli;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.Results.InitResult;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ppnode init}: creates the node's identity in its home; prints the node id. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create this node's identity (once); prints the node id.")
final class InitCommand extends NodeCommand {
  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      converter = HostPortConverter.class,
      description = "where serve listens by default")
  private String listen;

  @Override
  protected void run(NodeApi node) {
    InitResult result = node.init(Optional.ofNullable(listen));
    err().println(
        (result.created() ? "created node" : "node already exists")
            + (result.listen() != null ? ", listens on " + result.listen() : ""));
    out().println(result.nodeId());
  }
}

package io.ppnode.cli;

import io.ppnode.node.api.NodeApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ppnode status}: the node and every project it owns or has joined. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show this node and its projects.")
final class StatusCommand extends NodeCommand {
  @Mixin private JsonOption json;

  @Override
  protected void run(NodeApi node) {
    StatusView.print(out(), node.status(), json.enabled);
  }
}

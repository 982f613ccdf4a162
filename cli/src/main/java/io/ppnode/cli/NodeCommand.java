package io.ppnode.cli;

import io.ppnode.node.NodeAccess;
import io.ppnode.node.api.NodeApi;

/**
 * A subcommand that asks the node for something: opens the home (or reaches the node serving
 * it, {@link NodeAccess} decides), runs, closes.
 */
abstract class NodeCommand extends BaseCommand {
  @Override
  protected final void execute() {
    try (NodeApi node = NodeAccess.open(home())) {
      run(node);
    }
  }

  protected abstract void run(NodeApi node);
}

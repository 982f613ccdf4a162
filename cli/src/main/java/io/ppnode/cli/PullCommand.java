package io.ppnode.cli;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.Results.PullResult;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ppnode pull [PROJECT]}: fetches what changed in joined projects. */
@Command(name = "pull", mixinStandardHelpOptions = true, description = "Fetch changes of a joined project (default: all joined).")
final class PullCommand extends NodeCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT", description = "project name or id")
  private String project;

  @Mixin private JsonOption json;

  @Override
  protected void run(NodeApi node) {
    List<PullResult> results;
    try (ProgressView progress = ProgressView.onStderr()) {
      results = node.pull(Optional.ofNullable(project), progress);
      results.forEach(progress::finished);
    }
    PullResults.print(out(), results, json.enabled);
  }
}

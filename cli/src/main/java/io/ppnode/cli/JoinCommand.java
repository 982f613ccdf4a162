package io.ppnode.cli;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.Results.PullResult;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ppnode join INVITE DIR}: becomes a member of a project and pulls it into DIR. */
@Command(name = "join", mixinStandardHelpOptions = true, description = "Join a project with an invite and pull it into DIR.")
final class JoinCommand extends NodeCommand {
  @Parameters(index = "0", paramLabel = "INVITE", description = "the invite token")
  private String invite;

  @Parameters(index = "1", paramLabel = "DIR", description = "where the project goes")
  private Path dir;

  @Mixin private JsonOption json;

  @Override
  protected void run(NodeApi node) {
    PullResult result;
    try (ProgressView progress = ProgressView.onStderr()) {
      result = node.join(invite, dir.toAbsolutePath(), progress);
      progress.finished(result);
    }
    PullResults.print(out(), List.of(result), json.enabled);
  }
}

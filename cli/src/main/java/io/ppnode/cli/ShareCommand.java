package io.ppnode.cli;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.Results.ScanResult;
import io.ppnode.node.api.Results.ShareResult;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ppnode share DIR}: makes a folder a project this node owns; prints the project id. */
@Command(name = "share", mixinStandardHelpOptions = true, description = "Share a folder as a project; prints the project id.")
final class ShareCommand extends NodeCommand {
  @Parameters(index = "0", paramLabel = "DIR", description = "the folder to share")
  private Path dir;

  @Option(names = "--name", paramLabel = "NAME", description = "the project's name (default: the folder's)")
  private String name;

  @Override
  protected void run(NodeApi node) {
    ShareResult result = node.share(dir.toAbsolutePath(), Optional.ofNullable(name));
    ScanResult scan = result.scan();
    err().println(
        "shared " + result.name() + " from " + result.root()
            + (scan != null ? ": " + ScanCommand.describe(scan) : ""));
    if (scan != null) {
      ScanCommand.warnCaseCollisions(err(), scan);
    }
    out().println(result.projectId());
  }
}

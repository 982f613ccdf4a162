package io.ppnode.cli;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.Results.FileView;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ppnode ls PROJECT}: the project's entries as this node's manifest knows them. */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "List the files of a project as the manifest knows them.")
final class LsCommand extends NodeCommand {
  private static final int SHORT_HASH = 12;

  @Parameters(index = "0", paramLabel = "PROJECT", description = "project name or id")
  private String project;

  @Mixin private JsonOption json;

  @Override
  protected void run(NodeApi node) {
    List<FileView> files = node.ls(project);
    if (json.enabled) {
      JsonOption.print(out(), files);
      return;
    }
    Table table = new Table("KIND", "MODE", "SIZE", "MODIFIED", "SEQ", "SHA256", "PATH");
    for (FileView f : files) {
      table.row(
          f.kind(),
          f.mode(),
          Units.bytes(f.size()),
          Units.time(f.mtime()),
          f.sequence(),
          f.sha256() != null && f.sha256().length() > SHORT_HASH
              ? f.sha256().substring(0, SHORT_HASH)
              : f.sha256(),
          f.path());
    }
    table.print(out());
  }
}

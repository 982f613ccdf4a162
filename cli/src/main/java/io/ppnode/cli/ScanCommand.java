package io.ppnode.cli;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.Results.ScanResult;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ppnode scan [PROJECT]}: brings owned projects' manifests up to date with their folders. */
@Command(name = "scan", mixinStandardHelpOptions = true, description = "Rescan a shared project (default: all this node owns).")
final class ScanCommand extends NodeCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT", description = "project name or id")
  private String project;

  @Mixin private JsonOption json;

  @Override
  protected void run(NodeApi node) {
    List<ScanResult> results = node.scan(Optional.ofNullable(project));
    results.forEach(r -> warnCaseCollisions(err(), r));
    if (json.enabled) {
      JsonOption.print(out(), results.size() == 1 ? results.get(0) : results);
      return;
    }
    Table table = new Table("PROJECT", "CHANGED", "DELETED", "HASHED", "SEQUENCE", "TIME");
    for (ScanResult r : results) {
      table.row(
          r.project(),
          r.filesChanged(),
          r.filesDeleted(),
          Units.bytes(r.bytesHashed()),
          r.sequence(),
          Units.seconds(r.seconds()));
    }
    table.print(out());
  }

  /** One stderr line per path the owner left out (docs/security.md, case policy). */
  static void warnCaseCollisions(java.io.PrintWriter err, ScanResult scan) {
    for (String c : scan.caseCollisions()) {
      err.println("ppnode: warning: " + scan.project() + ": not published: " + c);
    }
  }

  static String describe(ScanResult scan) {
    return scan.filesChanged() + " changed, " + scan.filesDeleted() + " deleted, "
        + Units.bytes(scan.bytesHashed()) + " hashed in " + Units.seconds(scan.seconds());
  }
}

package io.ppnode.cli;

import io.ppnode.node.api.Results.PullResult;
import java.io.PrintWriter;
import java.util.List;

/** How {@code join} and {@code pull} print their results on stdout: a table, or JSON. */
final class PullResults {
  private PullResults() {}

  /** JSON: one object for one project, an array only when there are several. */
  static void print(PrintWriter out, List<PullResult> results, boolean json) {
    if (json) {
      JsonOption.print(out, results.size() == 1 ? results.get(0) : results);
      return;
    }
    Table table =
        new Table("PROJECT", "UPDATED", "DELETED", "RECEIVED", "REUSED", "TIME", "IN SYNC");
    for (PullResult r : results) {
      table.row(
          r.project(),
          r.filesUpdated(),
          r.filesDeleted(),
          Units.bytes(r.bytesReceived()),
          Units.bytes(r.bytesReusedLocally()),
          Units.seconds(r.seconds()),
          r.inSync() ? "yes" : "no");
    }
    table.print(out);
  }
}

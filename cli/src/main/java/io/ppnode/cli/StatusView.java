package io.ppnode.cli;

import io.ppnode.node.api.Results.ProjectStatus;
import io.ppnode.node.api.Results.StatusResult;
import java.io.PrintWriter;
import java.util.List;

/**
 * How {@code status} prints on stdout: the node, a table of projects, then each joined project's
 * conflict copies (local edits a pull kept aside), or all of it as JSON.
 */
final class StatusView {
  private StatusView() {}

  static void print(PrintWriter out, StatusResult status, boolean json) {
    if (json) {
      JsonOption.print(out, status);
      return;
    }
    out.println("node     " + status.nodeId());
    out.println("listen   " + (status.listen() != null ? status.listen() : "-"));
    out.println("serving  " + (status.serving() ? "yes" : "no"));
    out.println();
    if (status.projects() == null || status.projects().isEmpty()) {
      out.println("no projects yet: 'ppnode share DIR' or 'ppnode join INVITE DIR'");
      return;
    }
    Table table =
        new Table(
            "NAME", "PROJECT ID", "ROLE", "FILES", "SIZE", "SEQ", "PEERS", "CONFLICTS", "LAST SYNC", "ROOT");
    for (ProjectStatus p : status.projects()) {
      table.row(
          p.name(),
          p.projectId(),
          p.role(),
          p.files(),
          Units.bytes(p.bytes()),
          p.sequence(),
          p.peers() != null ? p.peers().size() : 0,
          copies(p).size(),
          p.lastSync(),
          p.root());
    }
    table.print(out);
    for (ProjectStatus p : status.projects()) {
      if (!copies(p).isEmpty()) {
        out.println();
        out.println("conflict copies in " + p.name() + " (your edits, kept aside by a pull; merge, then delete them):");
        for (String path : copies(p)) {
          out.println("  " + path);
        }
      }
    }
  }

  /** A serving node from before conflict copies were reported sends none: null. */
  private static List<String> copies(ProjectStatus p) {
    return p.conflictCopies() != null ? p.conflictCopies() : List.of();
  }
}

package io.ppnode.node.transfer;

import io.ppnode.node.manifest.FileState;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.protocol.FileEntry;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

/**
 * The files of a joined project that the member changed or deleted locally since it applied
 * them: what a pull puts back, since members are read-only (the changed version is kept as a
 * conflict copy first). Found by one light manifest query and a stat per file, in parallel, so an
 * in-sync pull of 100,000 files still reads no file and asks the owner one question.
 */
final class LocalDrift {
  private LocalDrift() {}

  /** Applied entries whose local file is missing or differs in size or mtime from what was applied. */
  static List<FileEntry> find(Manifest manifest, String projectId, Path root) {
    Map<String, FileState> states = manifest.fileStates(projectId);
    List<String> drifted = states.values().parallelStream()
        .filter(s -> s.kind() == FileEntry.Kind.FILE && !s.deleted())
        .filter(s -> differs(LocalFiles.stat(root.resolve(s.path())), s))
        .map(FileState::path)
        .toList();
    return drifted.stream().map(p -> manifest.file(projectId, p).orElse(null))
        .filter(e -> e != null && !e.deleted() && e.kind() == FileEntry.Kind.FILE)
        .toList();
  }

  private static boolean differs(BasicFileAttributes local, FileState applied) {
    return local == null || !local.isRegularFile() || local.size() != applied.size()
        || local.lastModifiedTime().toMillis() != applied.mtime();
  }
}

package io.ppnode.node.manifest;

import io.ppnode.protocol.FileEntry.Kind;
import java.io.ByteArrayInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * A project's {@link FileState}s kept in a file of the node's home, {@code file-states/<project>},
 * beside the manifest: a command that starts a fresh process (an in-sync {@code pull}, a {@code
 * scan} with nothing changed) reads 100,000 of them several times faster than the query of a
 * just-opened database. The manifest stays the truth. A snapshot carries a token that the
 * manifest holds too, and every transaction that writes the project's file rows drops the
 * manifest's token; a snapshot whose token is not the manifest's, or that is torn or damaged
 * (checked by a CRC-32 at its end), is not used. Written to a temp file and renamed, so a crash
 * leaves the old one or the new one.
 */
final class FileStateSnapshots {
  private static final int MAGIC = 0x50504653; // "PPFS"
  private static final int VERSION = 1;
  private static final Kind[] KINDS = Kind.values();
  /** A row with an empty path and no file key: length, kind, size, mtime, mode, flags. */
  private static final int MIN_ROW_BYTES = 2 + 1 + 8 + 8 + 4 + 1;

  private final Path dir;

  FileStateSnapshots(Path home) {
    this.dir = home.resolve("file-states");
  }

  private Path file(String projectId) {
    // Project ids are base32 from the owner's key (checked when the project was stored), so
    // they are safe as file names; anything else is simply never snapshotted.
    return dir.resolve(projectId);
  }

  static boolean usableName(String projectId) {
    return projectId.matches("[a-z0-9]{1,64}");
  }

  /** The states saved under {@code token}, if there is an intact snapshot with that token. */
  Optional<Map<String, FileState>> read(String projectId, String token) {
    if (!usableName(projectId)) {
      return Optional.empty();
    }
    Path f = file(projectId);
    try {
      // Read whole and parsed from the array: a cold process spent most of 100 ms reading a
      // 100,000-row snapshot a byte at a time through three stream layers.
      byte[] bytes = Files.readAllBytes(f);
      if (bytes.length < 8) {
        return Optional.empty();
      }
      CRC32 crc = new CRC32();
      crc.update(bytes, 0, bytes.length - 8);
      ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 8);
      if (ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong() != crc.getValue()) {
        return Optional.empty();
      }
      if (in.getInt() != MAGIC || in.getInt() != VERSION || !utf(in).equals(token)) {
        return Optional.empty();
      }
      int n = in.getInt();
      if (n < 0 || n > in.remaining() / MIN_ROW_BYTES) { // a damaged count must not size a map
        return Optional.empty();
      }
      Map<String, FileState> states = new HashMap<>(Math.max(16, n * 4 / 3 + 1));
      for (int i = 0; i < n; i++) {
        String path = utf(in);
        int kind = Byte.toUnsignedInt(in.get());
        if (kind >= KINDS.length) {
          return Optional.empty();
        }
        long size = in.getLong();
        long mtime = in.getLong();
        int mode = in.getInt();
        int flags = Byte.toUnsignedInt(in.get());
        String fileKey = (flags & 4) != 0 ? utf(in) : null;
        states.put(path, new FileState(path, KINDS[kind], size, mtime, mode, (flags & 1) != 0, (flags & 2) != 0, fileKey));
      }
      return in.hasRemaining() ? Optional.empty() : Optional.of(states);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      // Torn or damaged (a short buffer, a bad UTF-8 string): only a shortcut, the manifest
      // answers instead.
      return Optional.empty();
    }
  }

  /**
   * One string as {@link DataOutputStream#writeUTF} wrote it: ASCII, nearly every path, straight
   * from the bytes; anything else through {@link DataInputStream#readUTF}.
   */
  private static String utf(ByteBuffer in) throws IOException {
    int length = Short.toUnsignedInt(in.getShort());
    int start = in.position();
    in.position(start + length); // past the end throws, which read() takes as damage
    byte[] a = in.array();
    for (int i = start; i < start + length; i++) {
      if (a[i] < 0) {
        return new DataInputStream(new ByteArrayInputStream(a, start - 2, length + 2)).readUTF();
      }
    }
    return new String(a, start, length, StandardCharsets.ISO_8859_1);
  }

  /** Saves {@code states} under {@code token}; a failure leaves no usable snapshot, never a wrong one. */
  void write(String projectId, String token, Map<String, FileState> states) {
    if (!usableName(projectId)) {
      return;
    }
    Path target = file(projectId);
    Path part = dir.resolve(projectId + ".part");
    try {
      Files.createDirectories(dir);
      CRC32 crc = new CRC32();
      try (OutputStream raw = Files.newOutputStream(part)) {
        BufferedOutputStream buffered = new BufferedOutputStream(raw, 1 << 16);
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(buffered, crc));
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(token);
        out.writeInt(states.size());
        for (FileState s : states.values()) {
          out.writeUTF(s.path());
          out.writeByte(s.kind().ordinal());
          out.writeLong(s.size());
          out.writeLong(s.mtime());
          out.writeInt(s.mode());
          out.writeByte((s.deleted() ? 1 : 0) | (s.signed() ? 2 : 0) | (s.fileKey() != null ? 4 : 0));
          if (s.fileKey() != null) {
            out.writeUTF(s.fileKey());
          }
        }
        out.flush();
        new DataOutputStream(buffered).writeLong(crc.getValue());
        buffered.flush();
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // A path too long for writeUTF (over 64 KiB of UTF-8 cannot be: paths are bounded far
      // below), a full disk: the manifest still answers, only slower.
      try {
        Files.deleteIfExists(part);
        Files.deleteIfExists(target);
      } catch (IOException ignored) {
        // A stale snapshot is harmless: its token no longer matches.
      }
    }
  }
}

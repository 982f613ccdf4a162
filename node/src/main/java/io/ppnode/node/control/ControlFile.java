package io.ppnode.node.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * {@code HOME/control.json}: where a serving node's control channel listens (a loopback port)
 * and the random token a command must present. Readable by the home's owner only, so only the
 * user who runs the node can drive it.
 */
public record ControlFile(int port, String token, long pid) {
  static final String NAME = "control.json";

  static Optional<ControlFile> read(Path home) {
    Path f = home.resolve(NAME);
    // Checked before any JSON class is touched: building Jackson's mapper costs a cold command
    // 25-30 ms, and a home that no node serves (most commands) has no control file.
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ControlProtocol.JSON.readValue(f.toFile(), ControlFile.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  void write(Path home) throws IOException {
    Path tmp = home.resolve(NAME + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    }
    ControlProtocol.JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, home.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static void delete(Path home) {
    try {
      Files.deleteIfExists(home.resolve(NAME));
    } catch (IOException ignored) {
      // A stale file is harmless: commands find nobody listening and open the home themselves.
    }
  }

}

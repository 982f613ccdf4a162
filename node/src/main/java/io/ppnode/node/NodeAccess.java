package io.ppnode.node;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.control.RemoteNode;
import java.nio.file.Path;

/**
 * How a command reaches a home: through the control channel of the {@code serve} process that
 * holds it, or by opening the home itself when no node serves it.
 */
public final class NodeAccess {
  private NodeAccess() {}

  public static NodeApi open(Path home) {
    Path abs = home.toAbsolutePath().normalize();
    return RemoteNode.connect(abs).orElseGet(() -> LocalNode.open(abs));
  }

  /** {@code --home}, else {@code $PPNODE_HOME}, else {@code ~/.ppnode}. */
  public static Path defaultHome() {
    String env = System.getenv("PPNODE_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".ppnode");
  }
}

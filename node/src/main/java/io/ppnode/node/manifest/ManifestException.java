package io.ppnode.node.manifest;

/** The manifest could not be opened or used; {@link #locked()} when another process holds it. */
public class ManifestException extends RuntimeException {
  private final boolean locked;

  public ManifestException(String message, boolean locked, Throwable cause) {
    super(message, cause);
    this.locked = locked;
  }

  public boolean locked() {
    return locked;
  }
}

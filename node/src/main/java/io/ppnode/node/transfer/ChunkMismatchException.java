package io.ppnode.node.transfer;

import java.io.IOException;

/** A received chunk did not hash to what the owner's index says; its bytes were not used. */
public class ChunkMismatchException extends IOException {
  public ChunkMismatchException(String path, long offset) {
    super("chunk at " + offset + " of " + path + " does not match the owner's index (the owner's copy changed?)");
  }
}

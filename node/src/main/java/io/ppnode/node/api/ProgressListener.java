package io.ppnode.node.api;

/**
 * Receives transfer progress during {@code join} and {@code pull}. Called from transfer threads;
 * the cli renders it as a bar on a terminal or as plain lines otherwise.
 */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** The work is known: this many files and bytes are to be fetched. */
  default void started(String project, int files, long bytes) {}

  /** Progress so far; monotonic. */
  default void progress(int filesDone, long bytesDone) {}

  /** A line worth telling the user (connected, done, ...). */
  default void message(String line) {}
}

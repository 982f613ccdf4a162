package io.ppnode.node;

import java.io.PrintStream;

/**
 * {@code ppnode demo}: two nodes on loopback in temporary homes; the owner shares a generated
 * folder, invites, serves; the member joins; the trees are compared; what happened is printed.
 */
public final class Demo {
  private Demo() {}

  /** Runs the demo, printing the story to {@code out}; returns normally only when the copy verified. */
  public static void run(PrintStream out) {
    throw new UnsupportedOperationException("TODO");
  }
}

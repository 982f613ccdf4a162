package io.ppnode.cli;

import io.ppnode.node.api.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: the root's options and the writers for data (stdout) and for
 * messages (stderr). A subcommand returns normally on success; failures are exceptions, turned
 * into exit codes by {@link Failures}.
 */
abstract class BaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    try {
      execute();
    } finally {
      out().flush();
      err().flush();
    }
    return ExitCode.OK.code();
  }

  protected abstract void execute() throws Exception;

  protected PpnodeCommand root() {
    return (PpnodeCommand) spec.root().userObject();
  }

  protected Path home() {
    return root().home();
  }

  /** Data: what a script reads. */
  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Messages for the person at the terminal. */
  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }
}

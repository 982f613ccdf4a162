package io.ppnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.api.ExitCode;
import io.ppnode.node.api.PpnodeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Each kind of failure maps to its exit code and prints exactly one line. */
class FailuresTest {

  @Command(name = "thrower")
  static final class Thrower implements Callable<Integer> {
    private final RuntimeException failure;

    Thrower(RuntimeException failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() {
      throw failure;
    }
  }

  private static String[] runThrowing(RuntimeException failure, int expectedExit) {
    Failures failures = new Failures();
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(new Thrower(failure))
            .setExitCodeExceptionMapper(failures)
            .setExecutionExceptionHandler(failures)
            .setParameterExceptionHandler(failures);
    cli.setErr(new PrintWriter(err, true));
    assertEquals(expectedExit, cli.execute());
    String[] lines = err.toString().split("\\R");
    assertEquals(1, lines.length, err.toString());
    return lines;
  }

  @Test
  void knownFailuresKeepTheirExitCode() {
    assertEquals("ppnode: no such project: x", runThrowing(PpnodeException.error("no such project: x"), 1)[0]);
    assertEquals("ppnode: bad invite", runThrowing(PpnodeException.usage("bad invite"), 2)[0]);
    assertEquals(
        "ppnode: cannot reach 127.0.0.1:7070",
        runThrowing(PpnodeException.unreachable("cannot reach 127.0.0.1:7070"), 3)[0]);
  }

  @Test
  void wrappedKnownFailureIsStillKnown() {
    RuntimeException wrapped = new CompletionException(PpnodeException.unreachable("refused"));
    assertEquals("ppnode: refused", runThrowing(wrapped, 3)[0]);
  }

  @Test
  void anythingElseIsInternal() {
    String line = runThrowing(new IllegalStateException("oops"), 4)[0];
    assertEquals("ppnode: internal error: java.lang.IllegalStateException: oops", line);
  }

  @Test
  void multiLineMessagesBecomeOneLine() {
    assertEquals("ppnode: first second", runThrowing(PpnodeException.error("first\n  second\n"), 1)[0]);
  }

  @Test
  void exitCodesAreTheDocumentedOnes() {
    assertEquals(0, ExitCode.OK.code());
    assertEquals(1, ExitCode.ERROR.code());
    assertEquals(2, ExitCode.USAGE.code());
    assertEquals(3, ExitCode.UNREACHABLE.code());
    assertEquals(4, ExitCode.INTERNAL.code());
  }

  @Test
  void verboseAddsTheStackTrace() throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    // A relay cannot bind a port that is taken: a plain error, exit 1.
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertEquals(1, cli.execute("--verbose", "relay", "--listen", "127.0.0.1:" + taken.getLocalPort()));
    }
    String[] lines = err.toString().split("\\R");
    assertTrue(lines[0].startsWith("ppnode: cannot start the relay: "), lines[0]);
    assertTrue(lines[1].startsWith(PpnodeException.class.getName() + ": cannot start the relay: "), lines[1]);
  }
}

package io.ppnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Parsing and usage errors of the command line; none of this needs a node. */
class CliParsingTest {

  /** What one in-process run printed and returned. */
  record Run(int exit, String out, String err) {
    String[] errLines() {
      return err.isEmpty() ? new String[0] : err.split("\\R");
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static void assertUsageError(Run run) {
    assertEquals(2, run.exit(), run.toString());
    assertEquals(1, run.errLines().length, "exactly one line on stderr: " + run.err());
    assertTrue(run.err().startsWith("ppnode: "), run.err());
    assertEquals("", run.out(), "nothing on stdout");
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    Run run = run("--help");
    assertEquals(0, run.exit());
    assertTrue(run.out().contains("Usage: ppnode"), run.out());
    for (String command :
        new String[] {"init", "share", "invite", "scan", "serve", "join", "pull", "status", "ls", "demo", "relay"}) {
      assertTrue(run.out().contains("  " + command + " "), command + " listed in: " + run.out());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"init", "share", "invite", "scan", "serve", "join", "pull", "status", "ls", "demo",
          "members", "revoke", "invites"})
  void everySubcommandHasHelp(String command) {
    Run run = run(command, "--help");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("Usage: ppnode " + command), run.out());
  }

  @Test
  void versionExitsZero() {
    Run run = run("--version");
    assertEquals(0, run.exit());
    assertTrue(run.out().startsWith("ppnode "), run.out());
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertUsageError(run("frobnicate"));
  }

  @Test
  void noCommandIsAUsageError() {
    assertUsageError(run());
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertUsageError(run("status", "--frob"));
  }

  @Test
  void missingParametersAreUsageErrors() {
    assertUsageError(run("share"));
    assertUsageError(run("invite"));
    assertUsageError(run("join", "only-the-token"));
    assertUsageError(run("ls"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"7", "d", "0d", "-1d", "7x", "1.5h", "seven days"})
  void badExpiresIsAUsageError(String expires) {
    assertUsageError(run("invite", "demo", "--expires", expires));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "many"})
  void badUsesIsAUsageError(String uses) {
    assertUsageError(run("invite", "demo", "--uses", uses));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bogus", "127.0.0.1", "127.0.0.1:99999", ":7070", "host:port"})
  void badListenIsAUsageError(String listen) {
    assertUsageError(run("init", "--listen", listen));
    assertUsageError(run("serve", "--listen", listen));
  }

  @Test
  void badAddressIsAUsageError() {
    assertUsageError(run("invite", "demo", "--address", "nowhere"));
  }

  @Test
  void relayNeedsAListenAddress() {
    assertUsageError(run("relay"));
    assertUsageError(run("relay", "--listen", "nowhere"));
  }

  @Test
  void homeIsInheritedBySubcommands() {
    for (String[] args :
        new String[][] {
          {"--home", "/tmp/h1", "status"},
          {"status", "--home", "/tmp/h1"},
        }) {
      CommandLine cli = Main.commandLine();
      cli.parseArgs(args);
      PpnodeCommand root = cli.getCommand();
      assertEquals(Path.of("/tmp/h1"), root.home(), String.join(" ", args));
    }
  }

  @Test
  void aCommandLineForOneSubcommandParsesItAsTheFullOneDoes() {
    for (String[] args :
        new String[][] {
          {"--home", "/tmp/h1", "pull", "proj"},
          {"--home=/tmp/h1", "-v", "pull", "proj"},
          {"pull", "proj", "--home", "/tmp/h1"},
        }) {
      CommandLine cli = Main.commandLine(args);
      assertEquals(java.util.Set.of("pull"), cli.getSubcommands().keySet(), String.join(" ", args));
      CommandLine.ParseResult parsed = cli.parseArgs(args);
      assertEquals("pull", parsed.subcommand().commandSpec().name());
      assertEquals(Path.of("/tmp/h1"), ((PpnodeCommand) cli.getCommand()).home(), String.join(" ", args));
    }
  }

  @Test
  void noSubcommandOrATypoGetsEverySubcommand() {
    for (String[] args : new String[][] {{}, {"--help"}, {"--home", "pull", "pul"}}) {
      assertEquals(PpnodeCommand.SUBCOMMANDS.size(), Main.commandLine(args).getSubcommands().size(),
          String.join(" ", args));
    }
  }

  @Test
  void verboseIsInheritedBySubcommands() {
    CommandLine cli = Main.commandLine();
    cli.parseArgs("pull", "--verbose");
    assertTrue(((PpnodeCommand) cli.getCommand()).verbose());
  }

  @Test
  void inviteDefaultsToSevenDaysAndOneUse() {
    CommandLine cli = Main.commandLine();
    CommandLine.ParseResult parsed = cli.parseArgs("invite", "demo");
    CommandLine.ParseResult invite = parsed.subcommand();
    assertEquals(java.time.Duration.ofDays(7), invite.commandSpec().findOption("--expires").getValue());
    assertEquals(1, invite.commandSpec().findOption("--uses").<Integer>getValue());
  }
}

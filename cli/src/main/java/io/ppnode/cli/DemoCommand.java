package io.ppnode.cli;

import io.ppnode.node.Demo;
import picocli.CommandLine.Command;

/** {@code ppnode demo}: two nodes on loopback share, invite, join and verify, telling the story. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run two nodes on this machine and sync a generated folder.")
final class DemoCommand extends BaseCommand {
  @Override
  protected void execute() {
    out().flush();
    Demo.run(System.out);
  }
}

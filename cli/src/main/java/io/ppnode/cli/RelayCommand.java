package io.ppnode.cli;

import io.ppnode.node.api.PpnodeException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code ppnode relay}: reserved for the relay server, which is not built yet. */
@Command(name = "relay", mixinStandardHelpOptions = true, description = "Run a relay (not built yet).")
final class RelayCommand extends BaseCommand {
  @Unmatched private List<String> args;

  @Override
  protected void execute() {
    throw PpnodeException.error("the relay is not built yet");
  }
}

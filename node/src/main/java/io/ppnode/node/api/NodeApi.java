package io.ppnode.node.api;

import io.ppnode.node.api.Results.FileView;
import io.ppnode.node.api.Results.InitResult;
import io.ppnode.node.api.Results.InviteResult;
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.node.api.Results.ScanResult;
import io.ppnode.node.api.Results.ShareResult;
import io.ppnode.node.api.Results.StatusResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a command can ask of a node's home. Implemented by the local node (which opens the
 * home's manifest itself) and by a control-channel client that forwards each call to the
 * {@code serve} process already holding the home, so every command works while a node serves.
 * Failures the user should see are {@link PpnodeException}s.
 */
public interface NodeApi extends AutoCloseable {
  InitResult init(Optional<String> listen);

  ShareResult share(Path dir, Optional<String> name);

  InviteResult invite(String project, Duration expires, int uses, List<String> addresses);

  List<ScanResult> scan(Optional<String> project);

  PullResult join(String invite, Path dir, ProgressListener progress);

  List<PullResult> pull(Optional<String> project, ProgressListener progress);

  StatusResult status();

  List<FileView> ls(String project);

  @Override
  void close();
}

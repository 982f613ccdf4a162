package io.ppnode.node.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.ppnode.node.net.PeerHandler.ChunkLocation;
import io.ppnode.protocol.ErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Reads a chunk with positional reads into a pooled heap buffer (TLS encrypts arrays fastest),
 * off the event loop.
 */
final class ChunkReader {
  private ChunkReader() {}

  static ByteBuf read(ByteBufAllocator alloc, ChunkLocation where) {
    ByteBuf buf = alloc.heapBuffer(where.length(), where.length());
    try (FileChannel fc = FileChannel.open(where.file(), StandardOpenOption.READ)) {
      long pos = where.offset();
      int want = where.length();
      while (buf.writerIndex() < want) {
        int n = buf.writeBytes(fc, pos + buf.writerIndex(), want - buf.writerIndex());
        if (n < 0) {
          throw new PeerRequestException(ErrorCode.CHUNK_UNAVAILABLE, "file is shorter than the index says");
        }
      }
      return buf;
    } catch (IOException e) {
      buf.release();
      throw new PeerRequestException(ErrorCode.CHUNK_UNAVAILABLE, "cannot read chunk: " + e.getMessage());
    } catch (RuntimeException e) {
      buf.release();
      throw e;
    }
  }
}

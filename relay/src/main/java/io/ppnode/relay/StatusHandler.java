package io.ppnode.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Answers {@code GET /} (or any path) on the status port with the relay's {@link RelayStatus} as
 * JSON, one request per connection. Anything that is not a well-formed GET gets an error status;
 * anything that is not HTTP at all just closes the connection.
 */
final class StatusHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Supplier<RelayStatus> status;

  StatusHandler(Supplier<RelayStatus> status) {
    this.status = status;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
    FullHttpResponse res;
    if (!req.decoderResult().isSuccess()) {
      res = plain(HttpResponseStatus.BAD_REQUEST);
    } else if (req.method() != HttpMethod.GET) {
      res = plain(HttpResponseStatus.METHOD_NOT_ALLOWED);
    } else {
      byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(status.get());
      res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    }
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
    res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
  }

  private static FullHttpResponse plain(HttpResponseStatus s) {
    return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, s,
        Unpooled.copiedBuffer(s.reasonPhrase() + "\n", StandardCharsets.US_ASCII));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}

package io.agentx.grpc.internal;

import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's own Netty event loops (epoll where available). grpc-java's shared default loops outlive a
 * stopped server by a second or so, and would then load classes from a bundle that is already gone; these are
 * shut down, and awaited, with the server.
 */
final class EventLoops {
    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;

    EventLoops() {
        boss = group(1, "agentx-grpc-accept-");
        workers = group(0, "agentx-grpc-io-");
    }

    EventLoopGroup boss() {
        return boss;
    }

    EventLoopGroup workers() {
        return workers;
    }

    Class<? extends ServerChannel> channelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    void shutdown() throws InterruptedException {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        boss.awaitTermination(5, TimeUnit.SECONDS);
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    private EventLoopGroup group(int threads, String prefix) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory named = runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return epoll ? new EpollEventLoopGroup(threads, named) : new NioEventLoopGroup(threads, named);
    }
}

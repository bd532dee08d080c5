package com.outboundsms.worker.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * Runs the JDK HTTP server on a bounded pool of daemon threads, so that added latency
 * delays requests without serializing them, with TCP_NODELAY on its connections.
 */
final class EmulatorServer implements AutoCloseable {

	private static final int BACKLOG = 256;

	private static final String NO_DELAY = "sun.net.httpserver.nodelay";

	static {
		// The JDK server writes a response's headers and body
		// separately; with Nagle's algorithm on, the body waits for the
		// client's delayed ACK, about 40 ms per keep-alive request on
		// loopback. The server reads this once, when it first loads.
		if (System.getProperty(NO_DELAY) == null) {
			System.setProperty(NO_DELAY, "true");
		}
	}

	private final HttpServer server;

	private final ExecutorService executor;

	EmulatorServer(String host, int port, int threads, HttpHandler handler) throws IOException {
		this.executor = Executors.newFixedThreadPool(threads, daemonThreads());
		this.server = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
		this.server.createContext("/", handler);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private static ThreadFactory daemonThreads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "twilio-emulator-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}

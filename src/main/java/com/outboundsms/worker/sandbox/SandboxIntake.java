package com.outboundsms.worker.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback HTTP door for the sandbox: {@code POST /requests} with a request body
 * publishes it to the request queue, the way the original Twilio Function was called, so
 * integrators can try requests with curl. Bodies over 64 KiB are cut there, as the worker
 * would refuse them anyway.
 */
class SandboxIntake {

	private static final Logger logger = LoggerFactory.getLogger(SandboxIntake.class);

	private static final int MAX_BODY = 70_000;

	private final SandboxRequests requests;

	private final int port;

	private HttpServer server;

	SandboxIntake(SandboxRequests requests, int port) {
		this.requests = requests;
		this.port = port;
	}

	void start() throws IOException {
		if (this.port == 0) {
			return;
		}
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 0);
		this.server.createContext("/requests", this::handle);
		this.server.start();
		logger.info("Sandbox: POST request bodies to http://127.0.0.1:{}/requests to publish them", this.port);
	}

	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				answer(exchange, 405, "{\"error\":\"POST a request body\"}");
				return;
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readNBytes(MAX_BODY);
			}
			String messageId = this.requests.publish(body);
			answer(exchange, 202, "{\"messageId\":\"" + messageId + "\"}");
		}
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}

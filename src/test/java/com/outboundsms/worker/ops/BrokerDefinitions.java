package com.outboundsms.worker.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.outboundsms.worker.TestServices;

/**
 * Imports definitions into the test broker, and deletes virtual hosts, the way an
 * operator would: through the management plugin's HTTP API when it answers, else with
 * {@code rabbitmqctl} (on this machine, or in the broker's container). With neither, it
 * fails saying so.
 */
final class BrokerDefinitions {

	private final TestServices services;

	BrokerDefinitions(TestServices services) {
		this.services = services;
	}

	/**
	 * Imports a whole-broker definitions file.
	 * @param json the definitions
	 * @return how they were imported, for the test's report
	 */
	String importDefinitions(String json) throws IOException, InterruptedException {
		if (managementAnswers()) {
			HttpResponse<String> answer = management("POST", "/api/definitions", json);
			check(answer.statusCode() / 100 == 2,
					"the management API refused the definitions: " + answer.statusCode() + " " + answer.body());
			return "management HTTP API";
		}
		// from standard input: the node, not this
		// process, would read a file, as another user
		rabbitmqctl(json, "import_definitions");
		return "rabbitmqctl import_definitions";
	}

	/**
	 * Deletes a virtual host, with everything in it, if it exists.
	 * @param vhost the virtual host
	 */
	void deleteVirtualHost(String vhost) throws IOException, InterruptedException {
		if (managementAnswers()) {
			management("DELETE", "/api/vhosts/" + URLEncoder.encode(vhost, StandardCharsets.UTF_8), null);
			return;
		}
		if (rabbitmqctl("", "list_vhosts", "--quiet", "--no-table-headers").lines().anyMatch(vhost::equals)) {
			rabbitmqctl("", "delete_vhost", vhost);
		}
	}

	private boolean managementAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.services.rabbitHost(), this.services.rabbitManagementPort()),
					1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private HttpResponse<String> management(String method, String path, String body)
			throws IOException, InterruptedException {
		String credentials = this.services.rabbitUser() + ":" + this.services.rabbitPassword();
		HttpRequest request = HttpRequest
			.newBuilder(URI
				.create("http://" + this.services.rabbitHost() + ":" + this.services.rabbitManagementPort() + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		// HTTP/1.1 from the start: the management plugin closes a connection that offers
		// an upgrade to HTTP/2
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String rabbitmqctl(String input, String... arguments) throws IOException, InterruptedException {
		List<String> command = this.services.rabbitmqctl(arguments);
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot load definitions into the broker: the management plugin does not "
					+ "answer on " + this.services.rabbitHost() + ":" + this.services.rabbitManagementPort()
					+ " and rabbitmqctl cannot " + "be run (" + ex.getMessage()
					+ "). Enable rabbitmq_management or install rabbitmqctl.", ex);
		}
		try (OutputStream stdin = process.getOutputStream()) {
			stdin.write(input.getBytes(StandardCharsets.UTF_8));
		}
		check(process.waitFor(60, TimeUnit.SECONDS), "rabbitmqctl " + arguments[0] + " did not finish in 60 s");
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		check(process.exitValue() == 0, "Cannot load definitions into the broker: the management plugin does not "
				+ "answer on port " + this.services.rabbitManagementPort() + ", and " + command + " failed: " + output);
		return output;
	}

	private static void check(boolean condition, String failure) {
		if (!condition) {
			throw new IllegalStateException(failure);
		}
	}

}

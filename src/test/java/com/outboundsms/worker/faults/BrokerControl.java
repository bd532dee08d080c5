package com.outboundsms.worker.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.outboundsms.worker.TestServices;

/**
 * The broker as an operator drives it, through {@code rabbitmqctl} (on this machine, or
 * in the broker's container): a virtual host of the run's own (so that closing every
 * connection touches no one else's), queue depths with unacknowledged deliveries, and the
 * forced close of every connection.
 */
public final class BrokerControl {

	private final String vhost;

	private final String user;

	private final TestServices services;

	public BrokerControl(String vhost, TestServices services) {
		this.vhost = vhost;
		this.user = services.rabbitUser();
		this.services = services;
	}

	public String vhost() {
		return this.vhost;
	}

	public void create() {
		run("add_vhost", this.vhost);
		run("set_permissions", "-p", this.vhost, this.user, ".*", ".*", ".*");
	}

	public void delete() {
		run("delete_vhost", this.vhost);
	}

	void closeAllConnections() {
		run("close_all_connections", "-p", this.vhost, "fault suite: every connection closed");
	}

	/**
	 * The queues of the virtual host with their messages (ready and unacknowledged) and
	 * unacknowledged deliveries.
	 * @return depth by queue name
	 */
	public Map<String, Depth> depths() {
		Map<String, Depth> depths = new TreeMap<>();
		for (String line : run("list_queues", "-p", this.vhost, "--no-table-headers", "--quiet", "name", "messages",
				"messages_unacknowledged")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length == 3) {
				depths.put(fields[0], new Depth(Long.parseLong(fields[1]), Long.parseLong(fields[2])));
			}
		}
		return depths;
	}

	private List<String> run(String... arguments) {
		List<String> command = this.services.rabbitmqctl(arguments);
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(
						"The fault suite needs rabbitmqctl for the broker; " + command + " said: " + output);
			}
			return output.lines().toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The fault suite cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * A queue's depth.
	 *
	 * @param messages ready and unacknowledged messages
	 * @param unacked messages delivered and not yet acknowledged
	 */
	public record Depth(long messages, long unacked) {
	}

}

package com.outboundsms.worker.emulator;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * How to start a {@link TwilioEmulator}: where it listens, the credentials it accepts,
 * how many requests it serves at once, and its clock.
 *
 * @param host the address to bind, loopback by default
 * @param port the port, 0 for a random free one
 * @param accountSid the account SID accepted as Basic-auth username
 * @param authToken the auth token accepted with it
 * @param apiKeys API key SIDs (SK...) and their secrets, also accepted
 * @param threads the size of the request thread pool, so added latency does not serialize
 * requests
 * @param clock the source of every timestamp
 */
public record EmulatorSettings(String host, int port, String accountSid, String authToken, Map<String, String> apiKeys,
		int threads, Clock clock) {

	public static final String DEFAULT_ACCOUNT_SID = "AC00000000000000000000000000000000";

	public static final String DEFAULT_AUTH_TOKEN = "emulator-auth-token";

	/**
	 * The SID of the Proxy service every emulator starts with; fixed so that a worker can
	 * be configured with it before the emulator runs.
	 */
	public static final String DEFAULT_PROXY_SERVICE_SID = "KS00000000000000000000000000000000";

	public EmulatorSettings {
		apiKeys = Map.copyOf(apiKeys);
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be positive, got " + threads);
		}
	}

	/**
	 * Loopback, random port, {@value #DEFAULT_ACCOUNT_SID} /
	 * {@value #DEFAULT_AUTH_TOKEN}, no API keys, 64 threads, the UTC system clock.
	 */
	public static EmulatorSettings defaults() {
		return new EmulatorSettings("127.0.0.1", 0, DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, Map.of(), 64,
				Clock.systemUTC());
	}

	public EmulatorSettings withHost(String newHost) {
		return new EmulatorSettings(newHost, this.port, this.accountSid, this.authToken, this.apiKeys, this.threads,
				this.clock);
	}

	public EmulatorSettings withPort(int newPort) {
		return new EmulatorSettings(this.host, newPort, this.accountSid, this.authToken, this.apiKeys, this.threads,
				this.clock);
	}

	public EmulatorSettings withCredentials(String newAccountSid, String newAuthToken) {
		return new EmulatorSettings(this.host, this.port, newAccountSid, newAuthToken, this.apiKeys, this.threads,
				this.clock);
	}

	public EmulatorSettings withApiKey(String keySid, String secret) {
		Map<String, String> keys = new HashMap<>(this.apiKeys);
		keys.put(keySid, secret);
		return new EmulatorSettings(this.host, this.port, this.accountSid, this.authToken, keys, this.threads,
				this.clock);
	}

	public EmulatorSettings withThreads(int newThreads) {
		return new EmulatorSettings(this.host, this.port, this.accountSid, this.authToken, this.apiKeys, newThreads,
				this.clock);
	}

	public EmulatorSettings withClock(Clock newClock) {
		return new EmulatorSettings(this.host, this.port, this.accountSid, this.authToken, this.apiKeys, this.threads,
				newClock);
	}

}

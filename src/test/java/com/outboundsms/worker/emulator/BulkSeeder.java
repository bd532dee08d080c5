package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills the emulator with many Flex Flows and open Proxy sessions at once, as a large
 * account has them, so that a test can show that a client's calls per request do not grow
 * with them. Numbers are a prefix and a zero-padded index, E.164 length.
 */
final class BulkSeeder {

	private final FlexBackend flex;

	private final ProxyBackend proxy;

	private final EmulatorState state;

	BulkSeeder(EmulatorState state, FlexBackend flex, ProxyBackend proxy) {
		this.state = state;
		this.flex = flex;
		this.proxy = proxy;
	}

	/**
	 * Creates the flows, then the sessions, each session tying a customer to one of the
	 * flows' numbers in turn.
	 * @param flows how many SMS task flows
	 * @param flowPrefix their contact identities' prefix, such as {@code +1646555}
	 * @param studio whether each number also gets a Studio flow, for notify requests
	 * @param sessions how many open sessions
	 * @param customerPrefix the customers' numbers' prefix, such as {@code +121255}
	 * @return the flows' numbers
	 */
	List<String> seed(int flows, String flowPrefix, boolean studio, int sessions, String customerPrefix) {
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < flows; i++) {
			String number = number(flowPrefix, i);
			this.flex.createFlow(NewFlexFlow.sms(number));
			if (studio) {
				this.flex.createFlow(NewFlexFlow.studio(number));
			}
			numbers.add(number);
		}
		for (int i = 0; i < sessions; i++) {
			String proxyNumber = numbers.isEmpty() ? null : numbers.get(i % numbers.size());
			this.proxy.createSession(this.state.defaultProxyServiceSid(), new NewProxySession(null, "message-only",
					null, null, null, List.of(new ParticipantSpec(number(customerPrefix, i), proxyNumber, "seeded"))));
		}
		return numbers;
	}

	static String number(String prefix, int index) {
		int digits = 12 - prefix.length();
		String suffix = String.format("%0" + digits + "d", index);
		if (suffix.length() > digits) {
			throw TwilioApiException.invalidParameter("prefix", prefix + " leaves too few digits for " + index);
		}
		return prefix + suffix;
	}

}

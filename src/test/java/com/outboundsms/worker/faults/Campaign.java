package com.outboundsms.worker.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

import tools.jackson.databind.json.JsonMapper;

/**
 * The requests of a run: many requests over fewer pairs (so that reuse happens), a share
 * of them invalid (so that dead-lettering happens), in random order.
 *
 * @param requests the requests in publishing order
 * @param pairs how many distinct pairs they use
 */
record Campaign(List<Request> requests, int pairs) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Draws a campaign.
	 * @param run a prefix that keeps request ids unique to the run
	 * @param size how many requests
	 * @param pairs over how many pairs
	 * @param twilioNumbers the Twilio numbers (each has a Flex Flow)
	 * @param invalidShare the share of requests with an invalid customer number
	 * @param random the source of randomness
	 * @return the campaign
	 */
	static Campaign draw(String run, int size, int pairs, List<String> twilioNumbers, double invalidShare,
			RandomGenerator random) {
		List<Request> requests = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			// every pair gets at least one request, the rest are spread at random
			int pair = (i < pairs) ? i : random.nextInt(pairs);
			String from = twilioNumbers.get(pair % twilioNumbers.size());
			boolean invalid = random.nextDouble() < invalidShare;
			String to = invalid ? "not-a-number-" + pair : customer(pair);
			// two pairs in three carry a first message, so that both the steps with one
			// and those without are crossed; every request of a pair agrees
			requests.add(new Request(run + "-" + i, from, to, !invalid, pair % 3 != 0));
		}
		Collections.shuffle(requests, new Random(random.nextLong()));
		return new Campaign(List.copyOf(requests), pairs);
	}

	/** A customer number libphonenumber holds valid, one per pair. */
	static String customer(int pair) {
		return "+1415555" + String.format("%04d", pair);
	}

	/**
	 * One request.
	 *
	 * @param requestId its id
	 * @param from the Twilio number
	 * @param to the customer's number (or something that is not one)
	 * @param valid whether the worker should accept it
	 * @param firstMessage whether it carries a first message
	 */
	record Request(String requestId, String from, String to, boolean valid, boolean firstMessage) {

		String body() {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("requestId", this.requestId);
			body.put("fromNumber", this.from);
			body.put("toName", "Customer " + this.to.substring(this.to.length() - 4));
			body.put("toNumber", this.to);
			if (this.firstMessage) {
				body.put("initialNotificationMessage", "Hello from the fault suite");
			}
			body.put("metadata", Map.of("campaign", "fault-suite"));
			return JSON.writeValueAsString(body);
		}

	}

}

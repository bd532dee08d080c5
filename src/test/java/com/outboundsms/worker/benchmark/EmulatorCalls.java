package com.outboundsms.worker.benchmark;

import tools.jackson.databind.JsonNode;

/**
 * The emulator's Twilio calls since its log was cleared, and how many it answered 429.
 *
 * @param total every call
 * @param tooMany the calls answered 429
 */
record EmulatorCalls(long total, long tooMany) {

	static EmulatorCalls of(JsonNode summary) {
		long total = 0;
		for (JsonNode count : summary.get("statuses")) {
			total += count.asLong();
		}
		JsonNode tooMany = summary.get("statuses").get("429");
		return new EmulatorCalls(total, (tooMany != null) ? tooMany.asLong() : 0);
	}

	/** The share of calls answered 429, in percent. */
	double tooManyPercent() {
		return 100.0 * this.tooMany / Math.max(1, this.total);
	}

}

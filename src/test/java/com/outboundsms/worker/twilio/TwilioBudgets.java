package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.Map;

import com.outboundsms.worker.budget.MemoryRateBuckets;
import com.outboundsms.worker.pacing.Ticker;
import com.outboundsms.worker.processing.WorkerMetrics;

/**
 * Limits, limiters and sender pacing as one instance on the embedded store has them, for
 * tests that build the Twilio layer by hand.
 */
final class TwilioBudgets {

	private TwilioBudgets() {
	}

	static TwilioLimitsProperties limits(int initial, int min, int max, Duration permitWait, boolean rateLimitsEnabled,
			Map<String, Integer> rates) {
		return new TwilioLimitsProperties(initial, min, max, 0.9, permitWait, rateLimitsEnabled, rates, 0.2,
				Duration.ofSeconds(60));
	}

	static TwilioCallLimiter limiter(TwilioLimitsProperties limits) {
		return new TwilioCallLimiter(limits, Duration.ofSeconds(15), budget(limits, Ticker.system()),
				WorkerMetrics.none());
	}

	static LaneBudget budget(TwilioLimitsProperties limits, Ticker ticker) {
		return new LaneBudget(new MemoryRateBuckets(ticker), limits.interactiveShare(), ticker);
	}

	static SenderPacing unpaced() {
		TwilioLimitsProperties limits = limits(10, 1, 50, Duration.ofSeconds(5), true, Map.of());
		return new SenderPacing(new SenderPacingProperties(Map.of()), budget(limits, Ticker.system()), limits,
				WorkerMetrics.none());
	}

}

package com.outboundsms.worker.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.HoldReason;
import com.outboundsms.worker.processing.ResultEvent;
import com.outboundsms.worker.processing.WireTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes the one line per delivery that says what became of it, with the outcome, error
 * code, SIDs and duration as structured fields; the request id, masked pair and attempt
 * come from the {@link DeliveryContext}. Phone numbers never appear but masked.
 */
final class OutcomeLog {

	/** The field that tells an outcome line from every other line. */
	static final String OUTCOME = "outcome";

	/**
	 * The outcome of a delivery whose request waits on a delay queue for its next
	 * attempt.
	 */
	static final String RETRY_SCHEDULED = "RETRY_SCHEDULED";

	/** The outcome of a delivery handed back untouched because consumption paused. */
	static final String REQUEUED = "REQUEUED";

	/** The {@code outcome} of a request set aside because its campaign is paused. */
	static final String HELD = "HELD";

	private static final Logger logger = LoggerFactory.getLogger(OutcomeLog.class);

	/**
	 * A request that reached an outreach: {@code CREATED} or {@code REUSED}.
	 * @param event the published result event
	 * @param took how long the attempt took
	 */
	void settled(ResultEvent event, Duration took) {
		Map<String, String> sids = new LinkedHashMap<>();
		event.sids().forEach((kind, sid) -> {
			if (kind.resultField() != null) {
				sids.put(kind.resultField(), sid);
			}
		});
		fields(logger.atInfo(), event.outcome().name(), took).addKeyValue("sids", sids)
			.log("Request {} for {}: {}", event.requestId(), (event.pair() != null) ? event.pair().masked() : "-",
					event.outcome());
	}

	/**
	 * A request dead-lettered, with its failed result event published.
	 * @param requestId the request id
	 * @param error why
	 * @param took how long the attempt took
	 */
	void deadLettered(String requestId, ErrorDetail error, Duration took) {
		twilio(fields(logger.atWarn(), "FAILED", took), error).addKeyValue("errorCode", error.code().name())
			.log("Request {} dead-lettered: {} {}", requestId, error.code(), error.message());
	}

	/**
	 * A request that failed transiently and waits on the broker for its next attempt.
	 * @param requestId the request id
	 * @param attempt the attempt that failed
	 * @param error what the request would be dead-lettered with if it were its last
	 * @param cause why this attempt failed
	 * @param delay when the next attempt comes
	 * @param took how long the attempt took
	 */
	void retryScheduled(String requestId, Attempt attempt, ErrorDetail error, String cause, Duration delay,
			Duration took) {
		twilio(fields(logger.atInfo(), RETRY_SCHEDULED, took), error).addKeyValue("cause", cause)
			.addKeyValue("retryInMs", delay.toMillis())
			.log("Request {} attempt {} failed ({}); next attempt in {}", requestId, attempt.number(), cause, delay);
	}

	/**
	 * A request sent back to its queue untouched (through the shortest delay queue),
	 * because a dependency fails for every request.
	 * @param requestId the request id
	 * @param dependency what fails
	 * @param took how long the attempt took
	 */
	void requeued(String requestId, Dependency dependency, Duration took) {
		fields(logger.atWarn(), REQUEUED, took).addKeyValue("dependency", dependency.name())
			.log("Request {} sent back to its queue through a delay queue: consumption paused, {} fails", requestId,
					dependency);
	}

	/**
	 * A request of a paused campaign was set aside.
	 * @param requestId the request id
	 * @param campaignId its paused campaign
	 * @param delay how long until it looks again
	 * @param took how long the attempt took
	 */
	void heldForCampaign(String requestId, String campaignId, Duration delay, Duration took) {
		fields(logger.atInfo(), HELD, took).addKeyValue("campaignId", campaignId)
			.addKeyValue("delayMs", delay.toMillis())
			.log("Request {} set aside for {}: campaign {} is paused", requestId, delay, campaignId);
	}

	void heldUntil(String requestId, Instant until, HoldReason reason, Duration took) {
		fields(logger.atInfo(), HELD, took).addKeyValue("heldUntil", WireTime.format(until))
			.addKeyValue("reason", reason.name().toLowerCase(Locale.ROOT))
			.log("Request {} held until {} ({})", requestId, WireTime.format(until),
					reason.name().toLowerCase(Locale.ROOT));
	}

	private static LoggingEventBuilder fields(LoggingEventBuilder line, String outcome, Duration took) {
		return line.addKeyValue(OUTCOME, outcome).addKeyValue("durationMs", took.toMillis());
	}

	private static LoggingEventBuilder twilio(LoggingEventBuilder line, ErrorDetail error) {
		if (error.twilioCode() != null) {
			line.addKeyValue("twilioCode", error.twilioCode());
		}
		if (error.twilioStatus() != null) {
			line.addKeyValue("twilioStatus", error.twilioStatus());
		}
		return line;
	}

}

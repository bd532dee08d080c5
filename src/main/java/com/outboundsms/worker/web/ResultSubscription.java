package com.outboundsms.worker.web;

import java.time.Clock;
import java.util.Map;

import com.outboundsms.worker.processing.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.dao.DataAccessException;

/**
 * Receives every result event through this instance's own queue (exclusive, deleted with
 * the connection, bound with {@code #}), hands each to the callers waiting for its
 * request and notes failures of requests the door accepted. It never throws: a result
 * event it cannot use is dropped from its queue, not redelivered forever.
 */
class ResultSubscription {

	private static final Logger logger = LoggerFactory.getLogger(ResultSubscription.class);

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private static final String FAILED_KEY = "result.failed";

	private final ResultWaiters waiters;

	private final RequestLedger ledger;

	private final Clock clock;

	private final JsonMapper json;

	ResultSubscription(ResultWaiters waiters, RequestLedger ledger, Clock clock, JsonMapper json) {
		this.waiters = waiters;
		this.ledger = ledger;
		this.clock = clock;
		this.json = json;
	}

	@RabbitListener(id = "http-door-results", queues = "#{httpDoorResultQueue.name}")
	void on(Message message) {
		String requestId = message.getMessageProperties().getCorrelationId();
		if (requestId == null) {
			return;
		}
		boolean failed = FAILED_KEY.equals(message.getMessageProperties().getReceivedRoutingKey());
		if (!failed && !this.waiters.isAwaited(requestId)) {
			// every instance receives every result: one nobody here waits for, and that
			// needs no note, is not worth reading
			return;
		}
		Map<String, Object> event;
		try {
			event = this.json.readValue(message.getBody(), OBJECT);
		}
		catch (JacksonException ex) {
			logger.warn("A result event for request {} is not JSON; dropped", requestId);
			return;
		}
		if ("FAILED".equals(event.get("outcome")) && event.get("error") instanceof Map<?, ?> error) {
			noteFailure(requestId, error);
		}
		this.waiters.complete(requestId, event);
	}

	private void noteFailure(String requestId, Map<?, ?> error) {
		try {
			ErrorCode code = ErrorCode.valueOf(String.valueOf(error.get("code")));
			this.ledger.failed(requestId, code, String.valueOf(error.get("message")), this.clock.instant());
		}
		catch (IllegalArgumentException | DataAccessException ex) {
			// the waiting caller still gets the event;
			// only a later status lookup misses it
			logger.warn("Could not note the failure of request {}: {}", requestId, ex.toString());
		}
	}

}
